import type pg from "pg";
import type { DatasetMeta } from "../validation/datasets";
import type { NetworkStatRecord, RetargetRecord } from "../validation/network";
import type { DatabaseLocation } from "./location";
import { withConnection } from "./postgres/connect";
import { KnownRetargetRow, NetworkStatRow, parseRows, PeriodRow, RetargetRow } from "./postgres/rows";
import { POSTGRES_SHARED } from "./postgres/sql";
import { COMMON_SQL } from "./common-sql";
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

type Slugs = { network: string; retargets: string };
const NETWORK: DatasetMeta["kind"] = "network";
const RETARGETS: DatasetMeta["kind"] = "retargets";

/** Read-only: a SQLite database that does not exist is refused by the open (fileMustExist). */
export async function readNetworkHoldings(location: DatabaseLocation, slugs: Slugs): Promise<NetworkHoldings> {
  if (location.provider === "postgresql") return withConnection(location.url, (client) => readPostgres(client, slugs));
  const db = openSqlite(location.path, { readonly: true });
  try {
    const periods = db.prepare<[string], { period: string }>(COMMON_SQL.periodsOfKind).all(NETWORK);
    const retargets = db.prepare<[string], KnownRetarget>(COMMON_SQL.retargetsOfKind).all(RETARGETS);
    const syncedStats = db.prepare<[string], NetworkStatRecord>(COMMON_SQL.statsOfDataset).all(slugs.network);
    const syncedRetargets = db.prepare<[string], RetargetRecord>(COMMON_SQL.retargetsOfDataset).all(slugs.retargets);
    return { periods: new Set(periods.map((p) => p.period)), retargets, syncedStats, syncedRetargets };
  } finally {
    db.close();
  }
}

async function readPostgres(client: pg.ClientBase, slugs: Slugs): Promise<NetworkHoldings> {
  const rows = async (sql: string, parameter: string) => (await client.query<Record<string, unknown>>(sql, [parameter])).rows;
  const periods = parseRows(PeriodRow, await rows(POSTGRES_SHARED.periodsOfKind, NETWORK));
  return {
    periods: new Set(periods.map((p) => p.period)),
    retargets: parseRows(KnownRetargetRow, await rows(POSTGRES_SHARED.retargetsOfKind, RETARGETS)),
    syncedStats: parseRows(NetworkStatRow, await rows(POSTGRES_SHARED.statsOfDataset, slugs.network)),
    syncedRetargets: parseRows(RetargetRow, await rows(POSTGRES_SHARED.retargetsOfDataset, slugs.retargets)),
  };
}
