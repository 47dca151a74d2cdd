import pg from "pg";
import { BUSY_TIMEOUT_MS } from "../sqlite";
import { DatabaseBusy, DatabaseUnavailable, StorageFull } from "../write-errors";
import { POSTGRES_WRITES, WRITE_LOCK_KEY } from "./sql";

// One connection per bulk write (writes are rare; a pool would hold connections for nothing), opened by
// the process that writes — the import worker opens its own. What PostgreSQL answers when it cannot write
// becomes the same errors as on SQLite (lib/db/write-errors.ts), so that the services answer alike.
// These connections have no query or statement timeout (the reads' READ_QUERY_TIMEOUT_MS, pool.ts): a
// 500 000-row import is one transaction that may rightly run for a minute.

/** pg_stat_activity.application_name of a writer's connection (tests find the writer's backend by it). */
export const WRITER_APPLICATION_NAME = "hashatlas-writer";
/** How long opening the connection may take before the write gives up as unavailable. */
export const CONNECT_TIMEOUT_MS = 5_000;

/** SQLSTATEs (PostgreSQL's appendix A) a write can meet that are not a fault of the data. */
const LOCK_NOT_AVAILABLE = "55P03";
const TOO_MANY_CONNECTIONS = "53300";
const DISK_FULL = "53100";
/** admin_shutdown (pg_terminate_backend, a fast shutdown), crash_shutdown, cannot_connect_now (starting up). */
const SERVER_GOING = ["57P01", "57P02", "57P03"];
/** Class 08: connection exceptions. */
const CONNECTION_CLASS = "08";
/** Node's errors for a server that is not there or went away. */
const SOCKET_CODES = ["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "EPIPE", "EAI_AGAIN"];
/** pg's own words for a connection that ended or never opened (these errors carry no code). */
const PG_CONNECTION_MESSAGES = /^(Connection terminated|Client has encountered a connection error|timeout expired|Connection ended)/;

const codeOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;

/** The write error `error` stands for, or `error` itself when it is none of them (a bug, a constraint, bad configuration). */
export function writeFailure(error: unknown, whileCommitting = false): unknown {
  const code = codeOf(error);
  if (code === LOCK_NOT_AVAILABLE || code === TOO_MANY_CONNECTIONS) return new DatabaseBusy();
  if (code === DISK_FULL) return new StorageFull();
  const message = error instanceof Error ? error.message : "";
  if (
    (code !== undefined && (SERVER_GOING.includes(code) || code.startsWith(CONNECTION_CLASS) || SOCKET_CODES.includes(code))) ||
    (code === undefined && PG_CONNECTION_MESSAGES.test(message))
  ) {
    return new DatabaseUnavailable(message.split("\n")[0] || (code ?? "connection lost"), whileCommitting);
  }
  return error;
}

/** `work` on a connection of its own, closed afterwards; what PostgreSQL answers becomes the write errors. */
export async function withConnection<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: WRITER_APPLICATION_NAME, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A connection that breaks while no query is running emits "error": without a listener, that would end the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    return await work(client);
  } catch (error) {
    throw writeFailure(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

class CommitFailed extends Error {
  constructor(readonly failure: unknown) {
    super("commit failed");
  }
}

/**
 * `work` in one transaction that first takes the write lock, waiting at most `busyTimeoutMs` for another
 * writer (then DatabaseBusy). Any failure rolls back — and a connection that breaks rolls back on the
 * server, which also releases the lock: nothing is ever half-written.
 */
export async function inWriteTransaction<T>(client: pg.Client, work: () => Promise<T>, busyTimeoutMs = BUSY_TIMEOUT_MS): Promise<T> {
  await client.query("BEGIN");
  let result: T;
  try {
    await client.query(POSTGRES_WRITES.lockTimeout, [`${busyTimeoutMs}ms`]);
    await client.query(POSTGRES_WRITES.lock, [WRITE_LOCK_KEY]);
    result = await work();
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  try {
    await client.query("COMMIT");
  } catch (error) {
    throw new CommitFailed(error);
  }
  return result;
}

/** inWriteTransaction on a connection of its own: the whole of a PostgreSQL bulk write. */
export async function writeTransaction<T>(url: string, work: (client: pg.Client) => Promise<T>, busyTimeoutMs?: number): Promise<T> {
  try {
    return await withConnection(url, (client) => inWriteTransaction(client, () => work(client), busyTimeoutMs));
  } catch (error) {
    if (error instanceof CommitFailed) throw writeFailure(error.failure, true);
    throw error;
  }
}
