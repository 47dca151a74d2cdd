import type { DatasetMeta } from "../validation/datasets";
import type { NetworkStatRecord, RetargetRecord } from "../validation/network";
import { openSqlite } from "./sqlite";

// What `npm run sync` needs to know before it asks a source: which months and retargets the
// database already holds in ANY network or retargets dataset (those are never written again), and
// the rows of the datasets sync itself keeps (rewritten whole with the new rows added).

export type KnownRetarget = { height: number; dateUtc: string; difficulty: number };

export type NetworkHoldings = {
  /** Every month of every network dataset. */
  periods: Set<string>;
  /** Every retarget of every retargets dataset, by height. */
  retargets: KnownRetarget[];
  /** The rows of the synced datasets (empty when they do not exist yet). */
  syncedStats: NetworkStatRecord[];
  syncedRetargets: RetargetRecord[];
};

/** Read-only: a database that does not exist is refused by the open (fileMustExist). */
export function readNetworkHoldings(dbPath: string, slugs: { network: string; retargets: string }): NetworkHoldings {
  const db = openSqlite(dbPath, { readonly: true });
  try {
    const periods = db
      .prepare<[string], { period: string }>(`SELECT s.period FROM "NetworkStat" s JOIN "Dataset" d ON d.id = s.datasetId WHERE d.kind = ?`)
      .all("network" satisfies DatasetMeta["kind"]);
    const retargets = db
      .prepare<[string], KnownRetarget>(
        `SELECT r.height, r.dateUtc, r.difficulty FROM "DifficultyAdjustment" r JOIN "Dataset" d ON d.id = r.datasetId WHERE d.kind = ? ORDER BY r.height`,
      )
      .all("retargets" satisfies DatasetMeta["kind"]);
    const syncedStats = db
      .prepare<[string], NetworkStatRecord>(
        `SELECT s.period, s.hashrateEh, s.difficulty, s.blockSubsidyBtc, s.avgFeesBtc, s.method
         FROM "NetworkStat" s JOIN "Dataset" d ON d.id = s.datasetId WHERE d.slug = ? ORDER BY s.period`,
      )
      .all(slugs.network);
    const syncedRetargets = db
      .prepare<[string], RetargetRecord>(
        `SELECT r.height, r.dateUtc, r.difficulty, r.changePct, r.epochHashrateEh, r.epochDays, r.dateSource
         FROM "DifficultyAdjustment" r JOIN "Dataset" d ON d.id = r.datasetId WHERE d.slug = ? ORDER BY r.height`,
      )
      .all(slugs.retargets);
    return { periods: new Set(periods.map((p) => p.period)), retargets, syncedStats, syncedRetargets };
  } finally {
    db.close();
  }
}
