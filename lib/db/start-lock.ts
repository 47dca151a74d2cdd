/**
 * One instance at a time prepares a database file (migrations, the empty-database seed, the build),
 * however many `npm start` processes are started on it at the same moment.
 *
 * The lock is SQLite's own: a write transaction held open on a small file beside the database
 * (`<database>-start-lock`, empty, never written). SQLite takes it with an OS file lock, which the
 * kernel releases when the holder exits — a killed instance cannot leave a stale lock behind, and
 * there is no lease to renew (a lock directory with a heartbeat, as proper-lockfile keeps, goes
 * stale while the seed's synchronous write blocks the holder's event loop). The lock is not on
 * the database file itself because the migration engine needs that file's write lock for itself.
 * The file stays: removing it while another instance waits on it would hand out a second lock.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** How long an instance waits for another to finish preparing: a migration of a large database, or a build. */
export const START_LOCK_WAIT_MS = 10 * 60_000;
/** How often a waiting instance tries again; the event loop stays free in between (signals, logs). */
export const START_LOCK_POLL_MS = 100;

export const startLockFile = (dbFile: string) => `${dbFile}-start-lock`;

export class StartLockTimeoutError extends Error {
  /** `lock`: what is held, when it is not `dbFile`'s lock file (PostgreSQL's advisory lock). */
  constructor(dbFile: string, waitedMs: number, lock = startLockFile(dbFile)) {
    super(`another instance has been preparing ${dbFile} for over ${Math.round(waitedMs / 1000)} s (the lock ${lock} is still held)`);
    this.name = "StartLockTimeoutError";
  }
}

function isBusy(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error.code === "SQLITE_BUSY" || error.code === "SQLITE_LOCKED");
}

/**
 * Run `work` while holding the database's start lock. Another instance that holds it makes this
 * one wait (`onWait` is called once, when it starts waiting) and then run `work` itself — which
 * then finds the migrations applied and the seed written, and does nothing.
 */
export async function withStartLock<T>(dbFile: string, work: () => Promise<T>, options: { waitMs?: number; onWait?: () => void } = {}): Promise<T> {
  const waitMs = options.waitMs ?? START_LOCK_WAIT_MS;
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  // timeout 0: no busy wait inside SQLite, which would block this thread; the loop below waits instead.
  const lock = new Database(startLockFile(dbFile), { timeout: 0 });
  try {
    const started = Date.now();
    let waiting = false;
    for (;;) {
      try {
        // RESERVED on the lock file: one holder; nothing is ever written, so no journal appears.
        lock.exec("BEGIN IMMEDIATE");
        break;
      } catch (error) {
        if (!isBusy(error)) throw error;
      }
      if (!waiting) {
        waiting = true;
        options.onWait?.();
      }
      if (Date.now() - started >= waitMs) throw new StartLockTimeoutError(dbFile, Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, START_LOCK_POLL_MS));
    }
    try {
      return await work();
    } finally {
      lock.exec("ROLLBACK");
    }
  } finally {
    lock.close();
  }
}
