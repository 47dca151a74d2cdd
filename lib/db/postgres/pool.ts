import pg from "pg";
import { log } from "../../log";

// The process's connections to a PostgreSQL database: one pool per URL, shared by Prisma (PrismaPg is
// given it, lib/db/client.ts) and by the plain-SQL reads (lib/db/reader.ts). Bulk writes open a
// connection of their own (lib/db/postgres/connect.ts), and so does the health check.
//
// The pool outlives a server that goes away: a connection that breaks while idle is dropped (its
// "error" is logged here; unheard, it would end the process), a query on a broken one fails, and the
// next query opens a new connection — so the app recovers by itself when PostgreSQL is back. A server
// that hangs instead (stopped, swapped out, its disk stuck) keeps its connections open and answers
// nothing, which neither TCP keep-alive nor the connect timeout notices: READ_QUERY_TIMEOUT_MS does.

/** Connections per process: requests beyond it wait for one (each read is a few milliseconds). */
export const POOL_SIZE = 10;
/**
 * How long a read waits for a connection before it fails: PostgreSQL down must be an error answer within
 * seconds, not a request that hangs (pg waits forever by default).
 */
export const READ_CONNECT_TIMEOUT_MS = 5_000;
/**
 * How long a read may take before it fails as PostgreSQL out of reach (503 with Retry-After,
 * lib/db/postgres/unreachable.ts): the client stops waiting (pg's query_timeout; the connection is then
 * dropped) and the server cancels the statement (statement_timeout), so a runaway read does not go on
 * unheard either. The largest read, a 500 000-site dataset's sites in one statement, takes about 2.5 s on
 * a busy 2-core machine. Only the pool's connections — reads — have it: writes run on connections of their
 * own (connect.ts), with no limit, as a large import legitimately takes long.
 */
export const READ_QUERY_TIMEOUT_MS = 10_000;
/** An idle connection is closed after this long (and the process may exit with idle connections open). */
const IDLE_TIMEOUT_MS = 30_000;
/** pg_stat_activity.application_name of these connections. */
export const READER_APPLICATION_NAME = "hashatlas";

const holder = globalThis as typeof globalThis & { __hashatlasPools?: Map<string, pg.Pool> };

/** The process's pool for `url`, made on first use. */
export function postgresPool(url: string): pg.Pool {
  holder.__hashatlasPools ??= new Map();
  let pool = holder.__hashatlasPools.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: POOL_SIZE,
      connectionTimeoutMillis: READ_CONNECT_TIMEOUT_MS,
      query_timeout: READ_QUERY_TIMEOUT_MS,
      statement_timeout: READ_QUERY_TIMEOUT_MS,
      idleTimeoutMillis: IDLE_TIMEOUT_MS,
      allowExitOnIdle: true,
      // A server that vanished without closing the connection (a network cut) is noticed by TCP, not by a read that waits forever.
      keepAlive: true,
      application_name: READER_APPLICATION_NAME,
    });
    let failing = false;
    pool.on("error", (error) => {
      // Once per outage, not once per dropped connection.
      if (!failing) log().warn({ err: error.message }, "a PostgreSQL connection broke; the next query opens a new one");
      failing = true;
    });
    pool.on("connect", () => {
      failing = false;
    });
    holder.__hashatlasPools.set(url, pool);
  }
  return pool;
}

/** Close the pool of `url` (tests, scripts that are done). */
export async function closePostgresPool(url: string): Promise<void> {
  const pool = holder.__hashatlasPools?.get(url);
  if (!pool) return;
  holder.__hashatlasPools?.delete(url);
  await pool.end();
}
