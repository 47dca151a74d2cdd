import type Database from "better-sqlite3";
import { z } from "zod";
import { env } from "../env";
import { monthOf } from "../metrics/age";
import { postgresReadTimedOut } from "./postgres/unreachable";
import { readRow, readStatement, sqlCount } from "./reader";
import { openSqlite } from "./sqlite";

// Reference data only changes through seed or import, which replace whole datasets (new id, new
// importedAt). Derived results are cached per data version, checked on every cached request.

/** count, id sum and latest import time of the datasets: the same statement, and so the same string, on both backends. */
const DATASETS = readStatement<Record<string, unknown>>(`SELECT count(*) AS n, sum("id") AS ids, max("importedAt") AS latest FROM "Dataset"`);
const VersionRow = z.object({ n: sqlCount, ids: sqlCount.nullable(), latest: z.string().nullable() });

const versionOf = (row: unknown) => {
  const { n, ids, latest } = VersionRow.parse(row);
  return `${n}:${ids ?? 0}:${latest ?? ""}`;
};

type VersionDb = {
  file: string;
  db: Database.Database;
  datasets: Database.Statement<[]>;
  commits: Database.Statement<[], number>;
  lastCommits: number | null;
  version: string;
};
/** A PostgreSQL version read that timed out, and when: per process, as the front and the routes may each load this module. */
type TimedOut = { url: string; at: number; error: unknown };
const holder = globalThis as typeof globalThis & { __hashatlasVersionDb?: VersionDb; __hashatlasVersionTimedOut?: TimedOut };

/**
 * A version read that timed out (PostgreSQL hung: lib/db/postgres/pool.ts READ_QUERY_TIMEOUT_MS) is the
 * answer for this long. Within one request the server's front (the ETag) and then the route ask for the
 * version, one after the other: a hung server must cost that request one wait, not two.
 */
const TIMED_OUT_KEPT_MS = 1_000;

async function postgresVersion(url: string): Promise<string> {
  const timedOut = holder.__hashatlasVersionTimedOut;
  if (timedOut?.url === url && performance.now() - timedOut.at < TIMED_OUT_KEPT_MS) throw timedOut.error;
  try {
    return versionOf(await readRow(DATASETS));
  } catch (error) {
    if (postgresReadTimedOut(error)) holder.__hashatlasVersionTimedOut = { url, at: performance.now(), error };
    throw error;
  }
}

/** SQLite: a read-only connection of its own with both queries prepared once per database file. */
function versionDb(file: string): VersionDb {
  if (holder.__hashatlasVersionDb?.file !== file) {
    holder.__hashatlasVersionDb?.db.close();
    const db = openSqlite(file, { readonly: true });
    holder.__hashatlasVersionDb = {
      file,
      db,
      datasets: db.prepare<[]>(DATASETS.sqlite),
      commits: db.prepare<[], number>("PRAGMA data_version").pluck(),
      lastCommits: null,
      version: "",
    };
  }
  return holder.__hashatlasVersionDb;
}

/**
 * SQLite's data_version changes whenever another connection, in this process or another (a CLI
 * import, another instance), commits; this connection never writes, so while it is unchanged nothing
 * can have changed and the Dataset query is skipped — the check is then one PRAGMA, about half the
 * cost of the query.
 */
function sqliteVersion(file: string): string {
  const v = versionDb(file);
  const commits = v.commits.get() ?? null;
  if (commits === null || commits !== v.lastCommits) {
    // Read the counter first: a commit between the two only makes the next call look again.
    v.version = versionOf(v.datasets.get());
    v.lastCommits = commits;
  }
  return v.version;
}

/**
 * The data version: count, id sum and latest import time of the datasets, and the current month —
 * answers state their age in months (lib/metrics/age), so a new month makes cached answers out of
 * date as an import does.
 *
 * SQLite asks the Dataset table only when another connection has committed (sqliteVersion).
 * PostgreSQL has no such counter: the Dataset table (a few rows) is read on every call, one round trip
 * of well under a millisecond, so that an import through any instance is seen by every other at its
 * next request. The same datasets give the same string on both backends and on every instance — two
 * databases seeded apart differ by their importedAt, as they should: their answers list it.
 */
export async function dataVersion(): Promise<string> {
  const location = env().database;
  const stored = location.provider === "sqlite" ? sqliteVersion(location.path) : await postgresVersion(location.url);
  return `${stored}@${monthOf(new Date())}`;
}

const MAX_ENTRIES = 2_000;
const cache = new Map<string, Promise<unknown>>();
let cachedVersion = "";

/**
 * Compute once per data version and key. A version change drops everything; the size cap only
 * guards against unbounded distinct queries (e.g. many efficiency values).
 */
export async function memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const version = await dataVersion();
  if (version !== cachedVersion) {
    cache.clear();
    cachedVersion = version;
  }
  const hit = cache.get(key);
  if (hit) return hit as Promise<T>;
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value ?? "");
  const value = compute();
  cache.set(key, value);
  // A failed computation (e.g. bad input) must not stay cached.
  value.catch(() => cache.delete(key));
  return value;
}
