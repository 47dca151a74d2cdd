import type Database from "better-sqlite3";
import { env } from "../env";
import { monthOf } from "../metrics/age";
import { openSqlite } from "./sqlite";

// Reference data only changes through seed or import, which replace whole datasets (new id, new
// importedAt). Derived results are cached per data version, checked on every cached request.

type VersionRow = { n: number; ids: number | null; latest: string | null };
type VersionDb = {
  file: string;
  db: Database.Database;
  datasets: Database.Statement<[], VersionRow>;
  commits: Database.Statement<[], number>;
  lastCommits: number | null;
  version: string;
};
const holder = globalThis as typeof globalThis & { __hashatlasVersionDb?: VersionDb };

/** A read-only connection of its own with both queries prepared once per database file. */
function versionDb(): VersionDb {
  const file = env().databasePath;
  if (holder.__hashatlasVersionDb?.file !== file) {
    holder.__hashatlasVersionDb?.db.close();
    const db = openSqlite(file, { readonly: true });
    holder.__hashatlasVersionDb = {
      file,
      db,
      datasets: db.prepare<[], VersionRow>(`SELECT count(*) AS n, sum(id) AS ids, max(importedAt) AS latest FROM "Dataset"`),
      commits: db.prepare<[], number>("PRAGMA data_version").pluck(),
      lastCommits: null,
      version: "",
    };
  }
  return holder.__hashatlasVersionDb;
}

/**
 * The data version: count, id sum and latest import time of the datasets. SQLite's data_version
 * changes whenever another connection, in this process or another (a CLI import), commits; this
 * connection never writes, so while it is unchanged nothing can have changed and the Dataset query
 * is skipped — the check is then one PRAGMA, about half the cost of the query. The current month
 * is part of it: answers state their age in months (lib/metrics/age), so a new month makes cached
 * answers out of date as an import does.
 */
export function dataVersion(): string {
  return `${storedVersion()}@${monthOf(new Date())}`;
}

function storedVersion(): string {
  const v = versionDb();
  const commits = v.commits.get() ?? null;
  if (commits === null || commits !== v.lastCommits) {
    // Read the counter first: a commit between the two only makes the next call look again.
    const row = v.datasets.get();
    v.version = `${row?.n ?? 0}:${row?.ids ?? 0}:${row?.latest ?? ""}`;
    v.lastCommits = commits;
  }
  return v.version;
}

const MAX_ENTRIES = 2_000;
const cache = new Map<string, Promise<unknown>>();
let cachedVersion = "";

/**
 * Compute once per data version and key. A version change drops everything; the size cap only
 * guards against unbounded distinct queries (e.g. many efficiency values).
 */
export function memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const version = dataVersion();
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
