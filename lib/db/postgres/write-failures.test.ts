// Writers on PostgreSQL wait for each other (the advisory lock), give up as Busy after the timeout, and a
// write that is cut off — its backend terminated, its worker thread stopped — leaves nothing behind and
// the lock free. ONE throw-away cluster for the file, seeded once.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticSharesCsv, syntheticSitesCsv } from "@/bench/synthetic";
import { type PostgresServer, startPostgres } from "@/scripts/postgres-server";
import { seedDatabase } from "@/seed/seed";
import { closedPort } from "@/tests/support/sync-fixtures";
import { postgresRows } from "@/tests/support/table-rows";
import { refusalOf } from "../../api/errors";
import { ImportWorkerPool } from "../../import-worker/pool";
import { reviveError } from "../../import-worker/protocol";
import { Busy } from "../../services/errors";
import { importDataset, type ImportRequest } from "../../services/import";
import type { ImportQueryInput } from "../../validation/import";
import type { DatabaseLocation } from "../location";
import { COUNTED_TABLES } from "../tables";
import { DatabaseBusy, DatabaseUnavailable, StorageFull } from "../write-errors";
import { withConnection, WRITER_APPLICATION_NAME, writeFailure } from "./connect";
import { closePostgresPool, postgresPool, READ_QUERY_TIMEOUT_MS } from "./pool";
import { FACT_TABLES } from "../row-tables";
import { copyStatement, WRITE_LOCK_KEY } from "./sql";

let server: PostgresServer;
let database: DatabaseLocation;
let watcher: pg.Client;

beforeAll(async () => {
  server = await startPostgres();
  database = { provider: "postgresql", url: server.url };
  await seedDatabase(database);
  watcher = new pg.Client({ connectionString: server.url });
  await watcher.connect();
}, 120_000);

afterAll(async () => {
  await watcher.end();
  await server.stop();
});

const PROVENANCE = { publisher: "Test", url: "https://example.org/data", licence: "CC0" };
const request = (kind: ImportQueryInput["kind"], dataset: string, csv: string, extra: Partial<ImportRequest> = {}): ImportRequest => ({
  query: { kind, dataset, ...PROVENANCE },
  file: { bytes: new TextEncoder().encode(csv), contentType: "text/csv", name: "upload.csv" },
  database,
  ...extra,
});

const count = async (sql: string, ...params: unknown[]) => Number((await watcher.query<{ n: string }>(sql, params)).rows[0]?.n);
const rowsOf = (slug: string) => count(`SELECT count(*) AS n FROM "MiningSite" s JOIN "Dataset" d ON d."id" = s."datasetId" WHERE d."slug" = $1`, slug);
const advisoryLocks = () =>
  watcher.query<{ pid: number; granted: boolean }>(`SELECT pid, granted FROM pg_locks WHERE locktype = 'advisory' AND objid = $1`, [WRITE_LOCK_KEY]);
async function snapshot(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) counts[table] = await count(`SELECT count(*) AS n FROM "${table}"`);
  return counts;
}
const datasetRow = (slug: string) => postgresRows(server.url, `SELECT * FROM "Dataset" WHERE "slug" = $1`, slug);

/** The writer's backend once it is sending sites (their COPY): inside its transaction, rows already sent. */
async function writerInsertingSites(): Promise<number> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 5))) {
    const { rows } = await watcher.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query = $2`, [
      WRITER_APPLICATION_NAME,
      copyStatement(FACT_TABLES.sites),
    ]);
    if (rows[0]) return rows[0].pid;
  }
  throw new Error("the import never began inserting sites");
}

/** Until the server has rolled back what the writer left (it notices a closed connection after the running statement). */
async function writersGone(): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    const left = await count(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1`, WRITER_APPLICATION_NAME);
    if (left === 0) return;
  }
  throw new Error("the writer's backend is still there");
}

describe("writers wait for each other", () => {
  it("an import refuses as Busy (503, Retry-After) once another writer outlasts its timeout; readers never wait; then it succeeds", async () => {
    const holder = new pg.Client({ connectionString: server.url });
    await holder.connect();
    const before = await snapshot();
    await holder.query("BEGIN");
    await holder.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);
    let refusal: unknown;
    const started = performance.now();
    try {
      refusal = await importDataset(request("sites", "busy-sites", syntheticSitesCsv(10), { busyTimeoutMs: 200 })).catch((e: unknown) => e);
      // A reader meanwhile: answered at once.
      expect(await count(`SELECT count(*) AS n FROM "Dataset"`)).toBeGreaterThan(0);
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(refusal).toBeInstanceOf(Busy);
    expect(refusalOf(refusal)).toEqual({
      status: 503,
      message: expect.stringMatching(/busy with another write: nothing was written/),
      field: "dataset",
      retryAfterSeconds: 5,
    });
    expect(await snapshot()).toEqual(before);
    expect(await importDataset(request("sites", "busy-sites", syntheticSitesCsv(10)))).toMatchObject({ rows: 10, replaced: false });
  });

  it("two imports at once: one waits on the lock while the other writes, and both land whole", async () => {
    const rows = 20_000;
    const imports = Promise.all([
      importDataset(request("shares", "race-a", syntheticSharesCsv(rows))),
      importDataset(request("shares", "race-b", syntheticSharesCsv(rows))),
    ]);
    const state = { done: false };
    void imports.finally(() => (state.done = true)).catch(() => undefined);
    let waited = false;
    let mostHolding = 0;
    while (!state.done) {
      const { rows: locks } = await advisoryLocks();
      waited ||= locks.some((l) => !l.granted);
      mostHolding = Math.max(mostHolding, locks.filter((l) => l.granted).length);
      await new Promise((r) => setTimeout(r, 2));
    }
    const outcomes = await imports;
    expect(outcomes).toMatchObject([
      { dataset: "race-a", replaced: false },
      { dataset: "race-b", replaced: false },
    ]);
    expect(waited).toBe(true);
    expect(mostHolding).toBe(1);
    const shares = (slug: string) => count(`SELECT count(*) AS n FROM "HashrateShare" s JOIN "Dataset" d ON d."id" = s."datasetId" WHERE d."slug" = $1`, slug);
    expect([await shares("race-a"), await shares("race-b")]).toEqual(outcomes.map((o) => o.rows));
    expect(outcomes[0].rows).toBeGreaterThan(rows);
    expect((await advisoryLocks()).rows).toEqual([]);
  }, 60_000);
});

describe("a write cut off mid-import", () => {
  const ROWS = 40_000;

  it("its backend terminated: answers 503 (database unreachable), the dataset it was replacing is intact, the lock free", async () => {
    await importDataset(request("sites", "victim-sites", syntheticSitesCsv(50)));
    const [before, victim] = [await snapshot(), await datasetRow("victim-sites")];
    const running = importDataset(request("sites", "victim-sites", syntheticSitesCsv(ROWS))).catch((e: unknown) => e);
    const pid = await writerInsertingSites();
    await watcher.query("SELECT pg_terminate_backend($1)", [pid]);
    const refusal = await running;
    expect(refusal).toBeInstanceOf(Busy);
    expect(refusalOf(refusal)).toMatchObject({
      status: 503,
      message: expect.stringMatching(/database cannot be reached .*nothing was written/),
      retryAfterSeconds: 5,
    });
    expect(await snapshot()).toEqual(before);
    expect(await datasetRow("victim-sites")).toEqual(victim);
    expect(await rowsOf("victim-sites")).toBe(50);
    expect((await advisoryLocks()).rows).toEqual([]);
  }, 60_000);

  it("its worker thread stopped: the import answers interrupted, nothing of it is written, the lock is freed, the next import runs", async () => {
    const [before, victim] = [await snapshot(), await datasetRow("victim-sites")];
    const pool = new ImportWorkerPool();
    try {
      const answer = pool.run(request("sites", "victim-sites", syntheticSitesCsv(ROWS)));
      await writerInsertingSites();
      await pool.close();
      const settled = await answer;
      expect(settled.ok ? null : reviveError(settled.error).name).toBe("ImportInterrupted");
      await writersGone();
      expect(await snapshot()).toEqual(before);
      expect(await datasetRow("victim-sites")).toEqual(victim);
      expect((await advisoryLocks()).rows).toEqual([]);
      // A closed pool starts a fresh worker for the next import.
      expect(await pool.run(request("sites", "after-stop", syntheticSitesCsv(5)))).toMatchObject({ ok: true, outcome: { rows: 5 } });
    } finally {
      await pool.close();
    }
  }, 90_000);
});

describe("a database server that cannot be reached", () => {
  it("refuses an import, a dry run and a sync as Busy (503): nothing to write to, try again", async () => {
    const nowhere: DatabaseLocation = { provider: "postgresql", url: `postgresql://postgres@127.0.0.1:${await closedPort()}/hashatlas` };
    for (const dryRun of ["0", "1"] as const) {
      const refusal = await importDataset({
        ...request("sites", "nowhere", syntheticSitesCsv(3)),
        query: { kind: "sites", dataset: "nowhere", ...PROVENANCE, dryRun },
        database: nowhere,
      }).catch((e: unknown) => e);
      expect(refusalOf(refusal)).toMatchObject({
        status: 503,
        message: expect.stringMatching(/cannot be reached \(connect ECONNREFUSED/),
        retryAfterSeconds: 5,
      });
    }
  });
});

describe("time limits", () => {
  it("the pool's reads are cancelled by the server after READ_QUERY_TIMEOUT_MS; a write's connection has no limit, however long an import runs", async () => {
    const statementTimeout = async (query: (sql: string) => Promise<pg.QueryResult<{ limit: string }>>) =>
      (await query("SELECT current_setting('statement_timeout') AS limit")).rows[0]?.limit;
    try {
      expect(await statementTimeout((sql) => postgresPool(server.url).query(sql))).toBe(`${READ_QUERY_TIMEOUT_MS / 1000}s`);
    } finally {
      await closePostgresPool(server.url);
    }
    expect(await withConnection(server.url, (client) => statementTimeout((sql) => client.query(sql)))).toBe("0");
  });
});

describe("writeFailure", () => {
  it.each([
    [{ code: "55P03", message: "canceling statement due to lock timeout" }, DatabaseBusy],
    [{ code: "53300", message: "sorry, too many clients already" }, DatabaseBusy],
    [{ code: "53100", message: "could not extend file: No space left on device" }, StorageFull],
    [{ code: "57P01", message: "terminating connection due to administrator command" }, DatabaseUnavailable],
    [{ code: "57P03", message: "the database system is starting up" }, DatabaseUnavailable],
    [{ code: "08006", message: "connection failure" }, DatabaseUnavailable],
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }), DatabaseUnavailable],
    [new Error("Connection terminated unexpectedly"), DatabaseUnavailable],
  ])("maps %o to %o", (error, expected) => {
    expect(writeFailure(error)).toBeInstanceOf(expected);
  });

  it("passes anything else on as it is, and says when the commit itself may have happened", () => {
    const constraint = { code: "23505", message: "duplicate key value violates unique constraint" };
    expect(writeFailure(constraint)).toBe(constraint);
    expect(writeFailure(new TypeError("bug"))).toBeInstanceOf(TypeError);
    expect(writeFailure(new Error("Connection terminated unexpectedly"), true)).toMatchObject({
      message: expect.stringMatching(/either unchanged or complete/),
    });
  });
});
