import { pacer } from "../give-way";
import { dataVersion, memo } from "./data-version";
import { readRows, readStatement } from "./reader";

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

/** A dataset of network figures: which one wins where two hold the same month or retarget. */
export type DatasetRank = { id: number; slug: string; origin: string };

/** Seeded datasets first, then by id. */
export function rank(a: DatasetRank, b: DatasetRank): number {
  return Number(b.origin === "seed") - Number(a.origin === "seed") || a.id - b.id;
}

/** Rows read at once: a few milliseconds of the thread (a user can import 100 000s of retargets). */
const ROWS_PER_PAGE = 2_000;

/** Below every height: PostgreSQL compares "height" (int4) with an int4 parameter, and MIN_SAFE_INTEGER is none. */
const INT4_MIN = -(2 ** 31);

type MonthRow = { period: string; hashrateEh: number; difficulty: number };
type RetargetRow = Omit<RetargetRef, "source">;

const DATASETS = readStatement<DatasetRank>(`SELECT "id", "slug", "origin" FROM "Dataset" WHERE "kind" = ?`);
const MONTHS = readStatement<MonthRow>(
  `SELECT "period", "hashrateEh", "difficulty" FROM "NetworkStat" WHERE "datasetId" = ? AND "period" > ? ORDER BY "period" LIMIT ?`,
);
const RETARGETS = readStatement<RetargetRow>(
  `SELECT "height", "dateUtc", "difficulty", "changePct", "epochHashrateEh", "epochDays" FROM "DifficultyAdjustment"
   WHERE "datasetId" = ? AND "height" > ? ORDER BY "height" LIMIT ?`,
);

/**
 * One row per key from the datasets of a kind, each key from the best-ranked dataset holding it, in
 * key order. Each dataset is read a page at a time in key order (`page` gives the rows after a key)
 * and merged into what the better-ranked ones hold, giving way between pages.
 */
export async function mergeRanked<K extends string | number, R extends { source: string }>(
  datasets: readonly DatasetRank[],
  page: (dataset: DatasetRank, after: K | undefined) => Promise<readonly R[]>,
  key: (row: R) => K,
): Promise<R[]> {
  const pace = pacer();
  let merged: R[] = [];
  for (const dataset of [...datasets].sort(rank)) {
    const next: R[] = [];
    let i = 0;
    let after: K | undefined;
    for (let rows = await page(dataset, after); rows.length > 0; rows = await page(dataset, after)) {
      for (const row of rows) {
        // Keys are unique within a dataset: take the better-ranked rows before this one, and this one unless they hold its key.
        let held = merged[i];
        while (held !== undefined && key(held) < key(row)) {
          next.push(held);
          held = merged[++i];
        }
        if (held !== undefined && key(held) === key(row)) {
          next.push(held);
          i++;
        } else next.push(row);
      }
      const last = rows.at(-1);
      if (last !== undefined) after = key(last);
      await pace();
    }
    merged = next.concat(merged.slice(i));
  }
  return merged;
}

/** Reads that an import landed in the middle of are read again, so that an answer holds one version of the data. */
const READ_ATTEMPTS = 3;

async function unchangedWhileRead<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const version = await dataVersion();
    const result = await read();
    if ((await dataVersion()) === version || attempt >= READ_ATTEMPTS) return result;
  }
}

/** Every month of network data, merged across the network datasets, oldest first. */
export function networkMonths(): Promise<NetworkMonth[]> {
  return memo("network-months", () =>
    unchangedWhileRead(async () =>
      mergeRanked(
        await readRows(DATASETS, ["network"]),
        async (d, after: string | undefined) => (await readRows(MONTHS, [d.id, after ?? "", ROWS_PER_PAGE])).map((r) => ({ ...r, source: d.slug })),
        (m) => m.period,
      ),
    ),
  );
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
  return memo("network-retargets", () =>
    unchangedWhileRead(async () =>
      mergeRanked(
        await readRows(DATASETS, ["retargets"]),
        async (d, after: number | undefined) => (await readRows(RETARGETS, [d.id, after ?? INT4_MIN, ROWS_PER_PAGE])).map((r) => ({ ...r, source: d.slug })),
        (r) => r.height,
      ),
    ),
  );
}

/** Retargets with dates in [from, to] (YYYY-MM-DD), by height. */
export async function retargetsBetween(from: string, to: string): Promise<RetargetRef[]> {
  const end = `${to} 23:59:59`;
  return (await networkRetargets()).filter((r) => r.dateUtc >= from && r.dateUtc <= end);
}
