import "server-only";
import type Database from "better-sqlite3";
import { env } from "../env";
import { openSqlite } from "./sqlite";

// Reference data only changes through seed or import, which replace whole datasets (new id, new
// importedAt). Derived results are cached per data version; reading the version costs one indexed
// query on a connection of its own, about 10 µs.

type VersionRow = { n: number; ids: number | null; latest: string | null };
const holder = globalThis as typeof globalThis & {
  __hashatlasVersionDb?: { file: string; db: Database.Database; query: Database.Statement<[], VersionRow> };
};

/** The version query, prepared once per database file (it runs on every cached request). */
function versionQuery(): Database.Statement<[], VersionRow> {
  const file = env().databasePath;
  if (holder.__hashatlasVersionDb?.file !== file) {
    holder.__hashatlasVersionDb?.db.close();
    const db = openSqlite(file, { readonly: true });
    const query = db.prepare<[], VersionRow>(`SELECT count(*) AS n, sum(id) AS ids, max(importedAt) AS latest FROM "Dataset"`);
    holder.__hashatlasVersionDb = { file, db, query };
  }
  return holder.__hashatlasVersionDb.query;
}

export function dataVersion(): string {
  const row = versionQuery().get();
  return `${row?.n ?? 0}:${row?.ids ?? 0}:${row?.latest ?? ""}`;
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
