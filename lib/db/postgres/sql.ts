import {
  BLOC,
  BLOC_MEMBER,
  COMPOSITE_SHARE,
  COUNTRY,
  columnNames,
  DATASET,
  FACT_TABLES,
  memberNames,
  onConflictUpdate,
  quoted,
  REGION,
  type RowTable,
  SHOCK_EVENT,
  SHOCK_EVENT_COUNTRY,
  SITE_CELL,
} from "../row-tables";
import { COMMON_SQL } from "../common-sql";

// PostgreSQL's statements for bulk writes, built once from the column lists of lib/db/row-tables.ts:
// one INSERT … SELECT FROM unnest per table and slice of rows, each column sent as one array parameter,
// so that a 200 000-row import is a handful of statements rather than 200 000 round trips.

/**
 * The key of the advisory lock every writer takes first in its transaction (pg_advisory_xact_lock): writers
 * wait for each other, as SQLite's BEGIN IMMEDIATE makes them; readers take no such lock and never wait.
 * Released by the commit or rollback — or by the server when the writer's connection goes.
 */
export const WRITE_LOCK_KEY = 0x4861_7368; // "Hash"

/** Rows per INSERT: bounds the size of one statement's parameters (a few MB of text) on a large import. */
export const INSERT_SLICE_ROWS = 25_000;

/** COMMON_SQL's `?` placeholders numbered as PostgreSQL wants them ($1, $2…); the statements hold no `?` otherwise. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export const POSTGRES_SHARED = Object.fromEntries(Object.entries(COMMON_SQL).map(([name, sql]) => [name, numbered(sql)])) as {
  [K in keyof typeof COMMON_SQL]: string;
};

function insert<R>(t: RowTable<R>, tail = ""): string {
  const arrays = memberNames(t).map((name, i) => `$${i + (t.parent ? 2 : 1)}::${t.columns[name]}[]`);
  const select = t.parent ? `SELECT $1::int4, * FROM unnest(${arrays.join(", ")})` : `SELECT * FROM unnest(${arrays.join(", ")})`;
  return `INSERT INTO ${quoted(t.table)} (${columnNames(t).map(quoted).join(", ")}) ${select}${tail ? ` ${tail}` : ""}`;
}

export const POSTGRES_WRITES = {
  upsertCountry: insert(COUNTRY, onConflictUpdate(COUNTRY, "iso2")),
  upsertRegion: insert(REGION, onConflictUpdate(REGION, "code")),
  insertDataset: insert(DATASET, `RETURNING "id"`),
  shares: insert(FACT_TABLES.shares),
  networkStats: insert(FACT_TABLES.networkStats),
  retargets: insert(FACT_TABLES.retargets),
  prices: insert(FACT_TABLES.prices),
  sites: insert(FACT_TABLES.sites),
  events: insert(FACT_TABLES.events),
  observations: insert(FACT_TABLES.observations),
  regionalShares: insert(FACT_TABLES.regionalShares),
  compositeShare: insert(COMPOSITE_SHARE),
  bloc: insert(BLOC),
  blocMember: insert(BLOC_MEMBER),
  shockEvent: insert(SHOCK_EVENT, `RETURNING "id", "slug"`),
  shockEventCountry: insert(SHOCK_EVENT_COUNTRY),
  siteCell: insert(SITE_CELL),
  deleteSiteCells: `DELETE FROM "SiteCell" WHERE "datasetId" = $1`,
  lock: `SELECT pg_advisory_xact_lock($1)`,
  /** SET takes no parameters; set_config(…, true) is SET LOCAL with one. */
  lockTimeout: `SELECT set_config('lock_timeout', $1, true)`,
} as const;

/** The parameters of one INSERT of `rows` into `t`: the parent id, then one array per column. */
export function unnestParameters<R>(t: RowTable<R>, rows: readonly R[], parentId?: number): unknown[] {
  const arrays = memberNames(t).map((name) => rows.map((row) => row[name]));
  return t.parent ? [parentId, ...arrays] : arrays;
}

/** `rows` in slices of at most INSERT_SLICE_ROWS. */
export function* slices<R>(rows: readonly R[], size = INSERT_SLICE_ROWS): Generator<readonly R[]> {
  for (let from = 0; from < rows.length; from += size) yield rows.slice(from, from + size);
}
