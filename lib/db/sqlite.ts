import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** Writers wait this long for another writer before giving up with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * A raw better-sqlite3 connection for bulk writes and PRAGMA checks. WAL lets readers continue
 * while one writer holds the lock; foreign keys are per-connection in SQLite, so they are set here.
 */
export function openSqlite(dbPath: string, options: { readonly?: boolean; busyTimeoutMs?: number } = {}): Database.Database {
  if (!options.readonly) fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new Database(dbPath, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    timeout: options.busyTimeoutMs ?? BUSY_TIMEOUT_MS,
  });
  if (!options.readonly) db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  return db;
}
