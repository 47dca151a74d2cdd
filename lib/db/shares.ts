import "server-only";
import { buildDistribution, type Distribution } from "../metrics/distribution";
import { prisma } from "./client";

/** The dataset that supplies network hashrate for datasets without absolute figures. */
export const NETWORK_DATASET = "network-monthly";

export async function listPeriods(datasetId: number): Promise<string[]> {
  const rows = await prisma().hashrateShare.findMany({
    where: { datasetId },
    distinct: ["period"],
    select: { period: true },
    orderBy: { period: "asc" },
  });
  return rows.map((r) => r.period);
}

export async function networkHashrateOf(period: string): Promise<number | null> {
  const stat = await prisma().networkStat.findFirst({ where: { period, dataset: { slug: NETWORK_DATASET } }, select: { hashrateEh: true } });
  return stat?.hashrateEh ?? null;
}

/** The distribution of one dataset in one period, or null when the dataset has no rows for it. */
export async function loadDistribution(dataset: { id: number; slug: string }, period: string): Promise<Distribution | null> {
  const rows = await prisma().hashrateShare.findMany({
    where: { datasetId: dataset.id, period },
    select: { countryIso2: true, share: true, hashrateEh: true, country: { select: { name: true } } },
  });
  if (rows.length === 0) return null;
  const stat = await networkHashrateOf(period);
  return buildDistribution(
    dataset.slug,
    period,
    rows.map((r) => ({ iso2: r.countryIso2, name: r.country?.name ?? null, share: r.share, hashrateEh: r.hashrateEh })),
    stat,
  );
}

/** Every period of a dataset at once (for time series): one query for the shares, one for the network. */
export async function loadSharesByPeriod(dataset: { id: number; slug: string }): Promise<Distribution[]> {
  const rows = await prisma().hashrateShare.findMany({
    where: { datasetId: dataset.id },
    select: { period: true, countryIso2: true, share: true, hashrateEh: true, country: { select: { name: true } } },
    orderBy: [{ period: "asc" }],
  });
  const stats = await prisma().networkStat.findMany({ where: { dataset: { slug: NETWORK_DATASET } }, select: { period: true, hashrateEh: true } });
  const network = new Map(stats.map((s) => [s.period, s.hashrateEh]));
  const byPeriod = new Map<string, typeof rows>();
  for (const r of rows) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
  return [...byPeriod].map(([period, list]) =>
    buildDistribution(
      dataset.slug,
      period,
      list.map((r) => ({ iso2: r.countryIso2, name: r.country?.name ?? null, share: r.share, hashrateEh: r.hashrateEh })),
      network.get(period) ?? null,
    ),
  );
}

/** One country's share in every period of a dataset, with its rank among the attributed countries. */
export async function countryHistory(dataset: { id: number; slug: string }, iso2: string) {
  const all = await loadSharesByPeriod(dataset);
  return all.map((d) => {
    const index = d.countries.findIndex((c) => c.iso2 === iso2);
    const row = index >= 0 ? d.countries[index] : undefined;
    return { period: d.period, share: row?.share ?? null, hashrateEh: row?.hashrateEh ?? null, rank: row && row.share > 0 ? index + 1 : null };
  });
}
