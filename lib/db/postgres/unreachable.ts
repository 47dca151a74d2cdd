import { z } from "zod";
import { DatabaseUnavailable } from "../write-errors";
import { writeFailure } from "./connect";

// A read that failed because PostgreSQL cannot be reached (down, restarting, the connection cut, no
// connection free in time, hung: no answer within READ_QUERY_TIMEOUT_MS) is the server's passing state,
// not a bug: the API answers it with 503 and Retry-After (lib/api/errors.ts), as /api/health says "down",
// and the next request after PostgreSQL is back succeeds — the pool opens new connections by itself.

/** The driver adapter's kinds (Prisma through PrismaPg) that mean the server is not there to answer. */
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** pg's pool when no connection could be opened within its connectionTimeoutMillis. */
const POOL_TIMEOUT = /^timeout exceeded when trying to connect/;
/**
 * pg's client when a read went unanswered past query_timeout (lib/db/postgres/pool.ts READ_QUERY_TIMEOUT_MS):
 * a hung server. It has no code; Prisma passes it on as it is (or as a line of its own invocation message).
 */
const READ_TIMEOUT = /^Query read timeout$/m;
/** query_canceled: the server cancelled a read at statement_timeout (READ_QUERY_TIMEOUT_MS too), or an operator cancelled it. */
const QUERY_CANCELED = "57014";

const AdapterError = z.object({
  meta: z.object({ driverAdapterError: z.object({ cause: z.object({ kind: z.string(), code: z.string().optional() }) }) }),
});

/** Did a read go unanswered past READ_QUERY_TIMEOUT_MS — the server hangs, and another read now would wait as long? */
export const postgresReadTimedOut = (error: unknown): boolean => error instanceof Error && READ_TIMEOUT.test(error.message);

const canceled = (error: unknown) => typeof error === "object" && error !== null && "code" in error && error.code === QUERY_CANCELED;

/** Is `error` (from pg or from Prisma on PostgreSQL) PostgreSQL being out of reach? */
export function postgresUnreachable(error: unknown): boolean {
  if ((error instanceof Error && POOL_TIMEOUT.test(error.message)) || postgresReadTimedOut(error) || canceled(error)) return true;
  // pg's own errors: refused, reset, the server shutting down, a terminated backend (lib/db/postgres/connect.ts).
  if (writeFailure(error) instanceof DatabaseUnavailable) return true;
  const adapter = AdapterError.safeParse(error);
  if (!adapter.success) return false;
  const { cause } = adapter.data.meta.driverAdapterError;
  // A server error passed through (kind "postgres") is judged by its SQLSTATE, as pg's are.
  return UNREACHABLE_KINDS.has(cause.kind) || (cause.kind === "postgres" && (canceled(cause) || writeFailure(cause) instanceof DatabaseUnavailable));
}
