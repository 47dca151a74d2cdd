import { z } from "zod";
import type { SiteRecord } from "../validation/sites";
import { type SiteStatus, siteStatuses } from "../validation/vocabulary";
import { prisma } from "./client";

export type Site = SiteRecord & { id: number; countryName: string; dataset: string };

export async function listSites(filter: { country?: string; status?: SiteStatus } = {}): Promise<Site[]> {
  const rows = await prisma().miningSite.findMany({
    where: { countryIso2: filter.country, status: filter.status },
    include: { country: { select: { name: true } }, dataset: { select: { slug: true } } },
    orderBy: [{ countryIso2: "asc" }, { name: "asc" }, { id: "asc" }],
  });
  return rows.map(({ country, dataset, datasetId: _d, status, ...r }) => ({
    ...r,
    status: z.enum(siteStatuses).parse(status),
    countryName: country.name,
    dataset: dataset.slug,
  }));
}
