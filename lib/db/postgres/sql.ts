import { COUNTRY, columnNames, DATASET, memberNames, onConflictUpdate, quoted, REGION, type RowTable, SHOCK_EVENT } from "../row-tables";
import { COMMON_SQL } from "../common-sql";

// PostgreSQL's statements for bulk writes, built once from the column lists of lib/db/row-tables.ts.
// A dataset's rows go in by one COPY … FROM STDIN per table (lib/db/postgres/copy.ts): a 200 000-row
// import is one stream rather than 200 000 round trips. The few rows that need more than an insert —
// an upsert (countries), ids given back (a dataset, shock events), a few hundred at most — go by one
// INSERT … SELECT FROM unnest, each column sent as one array parameter. bench/pg-import.bench.ts measures the two against each other.

/**
 * The key of the advisory lock every writer takes first in its transaction (pg_advisory_xact_lock): writers
 * wait for each other, as SQLite's BEGIN IMMEDIATE makes them; readers take no such lock and never wait.
 * Released by the commit or rollback — or by the server when the writer's connection goes.
 */
export const WRITE_LOCK_KEY = 0x4861_7368; // "Hash"

/** COMMON_SQL's `?` placeholders numbered as PostgreSQL wants them ($1, $2…); the statements hold no `?` otherwise. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export const POSTGRES_SHARED = Object.fromEntries(Object.entries(COMMON_SQL).map(([name, sql]) => [name, numbered(sql)])) as {
  [K in keyof typeof COMMON_SQL]: string;
};

/** INSERT … SELECT FROM unnest of one array per column (the parent id, if any, given once as $1). */
export function unnestInsert<R>(t: RowTable<R>, tail = ""): string {
  const arrays = memberNames(t).map((name, i) => `$${i + (t.parent ? 2 : 1)}::${t.columns[name]}[]`);
  const select = t.parent ? `SELECT $1::int4, * FROM unnest(${arrays.join(", ")})` : `SELECT * FROM unnest(${arrays.join(", ")})`;
  return `INSERT INTO ${quoted(t.table)} (${columnNames(t).map(quoted).join(", ")}) ${select}${tail ? ` ${tail}` : ""}`;
}

const copyStatements = new Map<object, string>();

/** COPY of every column of `t` (the parent first) in the binary format; `t` is one of lib/db/row-tables.ts's constants. */
export function copyStatement<R>(t: RowTable<R>): string {
  let statement = copyStatements.get(t);
  if (statement === undefined) {
    statement = `COPY ${quoted(t.table)} (${columnNames(t).map(quoted).join(", ")}) FROM STDIN (FORMAT binary)`;
    copyStatements.set(t, statement);
  }
  return statement;
}

export const POSTGRES_WRITES = {
  upsertCountry: unnestInsert(COUNTRY, onConflictUpdate(COUNTRY, "iso2")),
  upsertRegion: unnestInsert(REGION, onConflictUpdate(REGION, "code")),
  insertDataset: unnestInsert(DATASET, `RETURNING "id"`),
  shockEvent: unnestInsert(SHOCK_EVENT, `RETURNING "id", "slug"`),
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
