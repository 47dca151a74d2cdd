import { describe, expect, it } from "vitest";
import { refusalOf } from "../../api/errors";
import { postgresUnreachable } from "./unreachable";

// What PostgreSQL being out of reach looks like to a read: pg's errors (the pool, the data version) and
// Prisma's through the pg adapter, as they were seen with the server stopped (tests/postgres/instances.test.ts
// has the real thing); and what is not that — a bug, a constraint, bad SQL — which stays a 500.

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const prismaError = (cause: Record<string, unknown>) =>
  Object.assign(new Error("Invalid `prisma.dataset.count()` invocation: Can't reach database server"), {
    code: "P1001",
    meta: { modelName: "Dataset", driverAdapterError: { name: "DriverAdapterError", cause } },
  });

describe("postgresUnreachable", () => {
  it.each<[string, unknown]>([
    ["pg: connection refused", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["pg: the backend terminated (pg_ctl stop -m fast)", withCode("terminating connection due to administrator command", "57P01")],
    ["pg: the server starting up", withCode("the database system is starting up", "57P03")],
    ["pg: the connection ended", new Error("Connection terminated unexpectedly")],
    ["pg pool: no connection in time", new Error("timeout exceeded when trying to connect")],
    ["pg: a read unanswered past READ_QUERY_TIMEOUT_MS (the server hangs)", new Error("Query read timeout")],
    ["Prisma: the same, passed on", Object.assign(new Error("Query read timeout"), { clientVersion: "7.10.0" })],
    ["Prisma: the same, in its invocation message", new Error("Invalid `prisma.dataset.count()` invocation:\n\nQuery read timeout")],
    ["pg: a read cancelled by the server at statement_timeout", withCode("canceling statement due to statement timeout", "57014")],
    ["Prisma: the same", prismaError({ kind: "postgres", code: "57014", severity: "ERROR", message: "canceling statement due to statement timeout" })],
    ["Prisma: not reachable", prismaError({ kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 })],
    ["Prisma: the connection closed", prismaError({ kind: "ConnectionClosed" })],
    ["Prisma: a terminated backend", prismaError({ kind: "postgres", code: "57P01", severity: "FATAL", message: "terminating connection" })],
  ])("%s: yes, a 503 with Retry-After", (_what, error) => {
    expect(postgresUnreachable(error)).toBe(true);
    expect(refusalOf(error)).toMatchObject({ status: 503, retryAfterSeconds: expect.any(Number) });
  });

  it.each<[string, unknown]>([
    ["a bug", new Error("undefined is not a function")],
    ["pg: a syntax error", withCode('syntax error at or near "SELEC"', "42601")],
    ["pg: a unique violation", withCode("duplicate key value violates unique constraint", "23505")],
    ["a read timeout of something else", new Error("Query read timeout of the geocoder exceeded")],
    ["Prisma: a unique violation", prismaError({ kind: "UniqueConstraintViolation", constraint: { fields: ["slug"] } })],
    ["Prisma: another server error", prismaError({ kind: "postgres", code: "42P01", message: "relation does not exist" })],
    ["SQLite: busy", withCode("database is locked", "SQLITE_BUSY")],
    ["not an error", "text"],
  ])("%s: no", (_what, error) => {
    expect(postgresUnreachable(error)).toBe(false);
  });
});
