import { prisma } from "./client";
import { memo } from "./data-version";

// The network's own figures (monthly hashrate and difficulty, every retarget) merged from every
// dataset of their kind: the seeded ones, what `npm run sync` added, and any a user imported. A
// month or a retarget held by several datasets is taken from one: a seeded dataset first (it is
// the documented, reviewed derivation), then the oldest (lowest id), so that adding a dataset never
// changes a figure already shown — it can only add months and retargets.

export type NetworkMonth = {
  /** YYYY-MM */
  period: string;
  hashrateEh: number;
  /** Time-weighted mean difficulty of the month. */
  difficulty: number;
  /** Slug of the dataset the month was taken from. */
  source: string;
};

export type RetargetRef = {
  height: number;
  /** "YYYY-MM-DD HH:MM:SS", UTC, as stored. */
  dateUtc: string;
  difficulty: number;
  /** Change from the previous difficulty in percent (−27.94 for −27.94 %). */
  changePct: number;
  epochHashrateEh: number | null;
  epochDays: number | null;
  /** Slug of the dataset the retarget was taken from. */
  source: string;
};

type Provenance = { dataset: { id: number; slug: string; origin: string } };

/** Seeded datasets first, then by id. */
function rank(a: Provenance, b: Provenance): number {
  return Number(b.dataset.origin === "seed") - Number(a.dataset.origin === "seed") || a.dataset.id - b.dataset.id;
}

/** One row per key, from the best-ranked dataset holding it, in key order. */
export function mergeRanked<R extends Provenance>(rows: readonly R[], key: (row: R) => string | number): R[] {
  const chosen = new Map<string | number, R>();
  for (const row of [...rows].sort(rank)) if (!chosen.has(key(row))) chosen.set(key(row), row);
  return [...chosen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

const provenance = { select: { id: true, slug: true, origin: true } } as const;

/** Every month of network data, merged across the network datasets, oldest first. */
export function networkMonths(): Promise<NetworkMonth[]> {
  return memo("network-months", async () => {
    const rows = await prisma().networkStat.findMany({
      where: { dataset: { kind: "network" } },
      select: { period: true, hashrateEh: true, difficulty: true, dataset: provenance },
    });
    return mergeRanked(rows, (r) => r.period).map((r) => ({ period: r.period, hashrateEh: r.hashrateEh, difficulty: r.difficulty, source: r.dataset.slug }));
  });
}

/** The newest month of network data, or null when there is none. */
export async function latestNetworkMonth(): Promise<NetworkMonth | null> {
  return (await networkMonths()).at(-1) ?? null;
}

/** Network hashrate (EH/s) by month, from the merged network months. */
export function networkHashrateByPeriod(): Promise<ReadonlyMap<string, number>> {
  return memo("network-by-period", async () => new Map((await networkMonths()).map((m) => [m.period, m.hashrateEh])));
}

/** Every retarget, merged across the retarget datasets, by height. */
export function networkRetargets(): Promise<RetargetRef[]> {
  return memo("network-retargets", async () => {
    const rows = await prisma().difficultyAdjustment.findMany({
      where: { dataset: { kind: "retargets" } },
      select: { height: true, dateUtc: true, difficulty: true, changePct: true, epochHashrateEh: true, epochDays: true, dataset: provenance },
    });
    return mergeRanked(rows, (r) => r.height).map(({ dataset, ...r }) => ({ ...r, source: dataset.slug }));
  });
}

/** Retargets with dates in [from, to] (YYYY-MM-DD), by height. */
export async function retargetsBetween(from: string, to: string): Promise<RetargetRef[]> {
  const end = `${to} 23:59:59`;
  return (await networkRetargets()).filter((r) => r.dateUtc >= from && r.dateUtc <= end);
}
