import pg from "pg";
import { describeLocation } from "../location";
import { START_LOCK_POLL_MS, START_LOCK_WAIT_MS, StartLockTimeoutError } from "../start-lock";

// lib/db/start-lock.ts for a PostgreSQL database: one instance at a time migrates and seeds it, however
// many `npm start` processes start on it at once — on one machine or several. The lock is a session
// advisory lock held on a connection of its own for the length of the work: the server releases it
// when that connection ends, so an instance killed meanwhile leaves no stale lock (as SQLite's file lock).

/** The start lock's key, apart from the bulk writes' (lib/db/postgres/sql.ts WRITE_LOCK_KEY) and the migration engine's own. */
export const START_LOCK_KEY = 0x4861_5374; // "HaSt"

const TRY_LOCK = `SELECT pg_try_advisory_lock($1) AS locked`;
const UNLOCK = `SELECT pg_advisory_unlock($1)`;

/**
 * Run `work` while holding the database's start lock. Another instance that holds it makes this one
 * wait (`onWait` once, when it starts waiting), polling so that a wait can give up after `waitMs`; then
 * `work` runs here too — and finds the migrations applied and the seed written.
 */
export async function withPostgresStartLock<T>(url: string, work: () => Promise<T>, options: { waitMs?: number; onWait?: () => void } = {}): Promise<T> {
  const waitMs = options.waitMs ?? START_LOCK_WAIT_MS;
  const client = new pg.Client({ connectionString: url, application_name: "hashatlas-start" });
  // A connection that breaks while the work runs emits "error": the work's own connections then fail and say why.
  client.on("error", () => undefined);
  await client.connect();
  try {
    const started = Date.now();
    let waiting = false;
    while ((await client.query<{ locked: boolean }>(TRY_LOCK, [START_LOCK_KEY])).rows[0]?.locked !== true) {
      if (!waiting) {
        waiting = true;
        options.onWait?.();
      }
      if (Date.now() - started >= waitMs) {
        throw new StartLockTimeoutError(describeLocation({ provider: "postgresql", url }), Date.now() - started, `pg_advisory_lock(${START_LOCK_KEY})`);
      }
      await new Promise((resolve) => setTimeout(resolve, START_LOCK_POLL_MS));
    }
    try {
      return await work();
    } finally {
      await client.query(UNLOCK, [START_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
