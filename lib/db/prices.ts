import { z } from "zod";
import type { PowerPriceRecord } from "../validation/prices";
import { type PriceType, priceTypes } from "../validation/vocabulary";
import { prisma } from "./client";

export type PowerPrice = PowerPriceRecord & { id: number; countryName: string; dataset: string };

export async function listPowerPrices(filter: { country?: string; priceType?: PriceType } = {}): Promise<PowerPrice[]> {
  const rows = await prisma().powerPrice.findMany({
    where: { countryIso2: filter.country, priceType: filter.priceType },
    include: { country: { select: { name: true } }, dataset: { select: { slug: true } } },
    orderBy: [{ countryIso2: "asc" }, { priceType: "asc" }, { period: "desc" }, { id: "asc" }],
  });
  return rows.map(({ country, dataset, datasetId: _d, priceType, ...r }) => ({
    ...r,
    priceType: z.enum(priceTypes).parse(priceType),
    countryName: country.name,
    dataset: dataset.slug,
  }));
}
