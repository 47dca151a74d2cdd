import Database from "better-sqlite3";

/**
 * Whether another connection holds the database's write lock, i.e. is inside a write transaction.
 * The probe (a connection opened with timeout 0) takes the lock for an instant when it is free;
 * a writer that begins meanwhile waits that instant in its busy handler.
 */
export function writeLockHeld(probe: Database.Database): boolean {
  try {
    probe.exec("BEGIN IMMEDIATE");
    probe.exec("ROLLBACK");
    return false;
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY")) return true;
    throw error;
  }
}
