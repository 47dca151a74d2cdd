import type { ShareRow } from "../metrics/distribution";
import { prisma } from "./client";

/** sourceDataset: in the best-estimate composite, the dataset the month was taken from. */
export type PeriodShareRow = ShareRow & { period: string; sourceDataset: string | null };

/**
 * Every hashrate-share row of a dataset, by month then as stored: one query. Building the
 * distributions from them is the services' work (lib/services/distribution.ts).
 */
export async function shareRows(datasetId: number): Promise<PeriodShareRow[]> {
  const rows = await prisma().hashrateShare.findMany({
    where: { datasetId },
    select: { period: true, countryIso2: true, share: true, hashrateEh: true, sourceDataset: true, country: { select: { name: true } } },
    orderBy: [{ period: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    period: r.period,
    iso2: r.countryIso2,
    name: r.country?.name ?? null,
    share: r.share,
    hashrateEh: r.hashrateEh,
    sourceDataset: r.sourceDataset,
  }));
}
