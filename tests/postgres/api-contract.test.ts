// The API contract on both backends: one server on a SQLite file and one on a PostgreSQL database (ONE
// throw-away cluster), both seeded from the same seed, answer the same requests with the same bytes and
// statuses — and the same ETags, since the data version is made of the same datasets (their importedAt,
// the time each seed was written, is copied from the SQLite file, as a database moved over would keep it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { openSqlite } from "@/lib/db/sqlite";
import { HealthResponse } from "@/lib/validation/responses/system";
import { type AppServer, startAppServer } from "@/scripts/app-server";
import { freePort } from "@/scripts/free-port";
import { type PostgresServer, startPostgres } from "@/scripts/postgres-server";
import { CONTRACT_GETS, CONTRACT_POSTS } from "./contract-requests";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-contract-"));
const dbFile = path.join(dir, "contract.db");
let cluster: PostgresServer;
let sqliteServer: AppServer;
let postgresServer: AppServer;

/** The SQLite file's import times, given to the same datasets in PostgreSQL. */
async function sameImportTimes(url: string): Promise<void> {
  const db = openSqlite(dbFile, { readonly: true });
  const times = db.prepare<[], { slug: string; importedAt: string }>(`SELECT "slug", "importedAt" FROM "Dataset"`).all();
  db.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const { slug, importedAt } of times) await client.query(`UPDATE "Dataset" SET "importedAt" = $1 WHERE "slug" = $2`, [importedAt, slug]);
  } finally {
    await client.end();
  }
}

const TOKEN = "contract-admin-token-0123456789";
const ADMIN = { HASHATLAS_ADMIN_TOKEN: TOKEN };

/** What to stop afterwards, last started first: whatever beforeAll got to start. */
const started: (() => Promise<void>)[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  started.push(() => cluster.stop());
  sqliteServer = await startAppServer({ port: await freePort(), dbFile, stdio: "pipe", env: ADMIN });
  started.push(() => sqliteServer.stop());
  postgresServer = await startAppServer({ port: await freePort(), dbFile: "", database: cluster.url, stdio: "pipe", env: ADMIN, prepare: sameImportTimes });
  started.push(() => postgresServer.stop());
}, 300_000);

afterAll(async () => {
  for (const stop of started.reverse()) await stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const NextCursor = z.object({ nextCursor: z.string().nullable() });

type Answer = { status: number; etag: string | null; type: string | null; body: string };

async function ask(server: AppServer, pathAndQuery: string, post?: unknown): Promise<Answer> {
  const response = await fetch(`${server.url}${pathAndQuery}`, {
    ...(post === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(post) }),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: response.status, etag: response.headers.get("etag"), type: response.headers.get("content-type"), body: await response.text() };
}

/** Each request on both servers at once; the answers in the order asked. */
async function onBoth(requests: readonly { path: string; body?: unknown }[]): Promise<{ path: string; sqlite: Answer; postgres: Answer }[]> {
  const out = [];
  for (const request of requests) {
    const [sqlite, postgres] = await Promise.all([ask(sqliteServer, request.path, request.body), ask(postgresServer, request.path, request.body)]);
    out.push({ path: request.path, sqlite, postgres });
  }
  return out;
}

describe("the same requests on SQLite and on PostgreSQL", () => {
  it("answer GETs with the same status, bytes and ETag — every route, errors included", async () => {
    const answers = await onBoth(CONTRACT_GETS.map((p) => ({ path: p })));
    for (const { path: p, sqlite, postgres } of answers) {
      expect(postgres.status, p).toBe(sqlite.status);
      expect(postgres.type, p).toBe(sqlite.type);
      expect(postgres.body, p).toBe(sqlite.body);
      expect(postgres.etag, p).toBe(sqlite.etag);
    }
    // The table is what it says: mostly answers, a few errors, every cacheable answer with an ETag.
    const statuses = answers.map((a) => a.sqlite.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(40);
    expect(statuses.filter((s) => s === 404)).toHaveLength(3);
    expect(statuses.filter((s) => s === 400)).toHaveLength(1);
    expect(statuses.filter((s) => s === 422)).toHaveLength(1);
    expect(answers.filter((a) => a.sqlite.status === 200).every((a) => a.sqlite.etag !== null)).toBe(true);
  }, 180_000);

  it("answer POST /api/simulate and /api/risk with the same bytes", async () => {
    for (const { path: p, sqlite, postgres } of await onBoth(CONTRACT_POSTS)) {
      expect(sqlite.status, p).toBe(200);
      expect(postgres.status, p).toBe(200);
      expect(postgres.body, p).toBe(sqlite.body);
    }
  }, 60_000);

  it("page through the sites alike: the same cursors, the same pages", async () => {
    let cursor: string | null = "";
    const page = (server: AppServer, after: string) => ask(server, `/api/sites?limit=37${after ? `&cursor=${encodeURIComponent(after)}` : ""}`);
    let pages = 0;
    while (cursor !== null) {
      const [sqlite, postgres]: Answer[] = await Promise.all([page(sqliteServer, cursor), page(postgresServer, cursor)]);
      expect(postgres?.body).toBe(sqlite?.body);
      cursor = NextCursor.parse(JSON.parse(sqlite?.body ?? "")).nextCursor;
      pages++;
    }
    expect(pages).toBeGreaterThan(2);
  }, 60_000);

  it("serve the pages, rendered from the same services, with the same ETags", async () => {
    // Their bytes may differ: Next streams a page's parts in the order they finish (hence a weak ETag).
    for (const { path: p, sqlite, postgres } of await onBoth(["/", "/data", "/methodology", "/?period=2021-05&shutdown=CN"].map((path) => ({ path })))) {
      expect(sqlite.status, p).toBe(200);
      expect(postgres.status, p).toBe(200);
      expect(postgres.etag, p).toBe(sqlite.etag);
    }
  }, 60_000);

  it("revalidate across backends: SQLite's ETag is current on PostgreSQL (304)", async () => {
    const first = await ask(sqliteServer, "/api/metrics");
    const response = await fetch(`${postgresServer.url}/api/metrics`, { headers: { "if-none-match": first.etag ?? "" } });
    expect(response.status).toBe(304);
  });

  it("report health each in its own terms", async () => {
    const [sqlite, postgres] = await Promise.all([ask(sqliteServer, "/api/health"), ask(postgresServer, "/api/health")]);
    expect(sqlite.status).toBe(200);
    expect(postgres.status).toBe(200);
    const s = HealthResponse.parse(JSON.parse(sqlite.body));
    const p = HealthResponse.parse(JSON.parse(postgres.body));
    expect(p.database).toMatchObject({ reachable: true, journalMode: null, file: cluster.url });
    expect(p.database.counts).toEqual(s.database.counts);
    expect(p.database.migrations).toEqual(s.database.migrations);
  });

  it("add floating-point figures up alike: sites whose sums differ in the last bit when added plainly", async () => {
    // Six sites in one country, status and map cell: 0.1 + 0.2 + 0.3 EH/s (and MW) is 0.6000000000000001 added
    // plainly, 0.6 as SQLite adds it; their coordinates likewise. Imported through each server (after the
    // comparisons above: the import times now differ, and with them /api/datasets and the ETags).
    const csv = [
      "site,operator,country,region_city,lat_approx,lon_approx,capacity_MW,hashrate_EH_s,energy_source,status_note,certainty,source_url",
      ...["A", "B", "C", "D", "E", "F"].map((name, i) => {
        const [lat, lon, figure] = [
          ["46.56", "7.5"],
          ["46.57", "7.51"],
          ["46.58", "7.52"],
        ][i % 3]!.concat(["0.1", "0.2", "0.3"][i % 3]!);
        const [capacity, hashrate] = i < 3 ? ["", figure] : [figure, ""];
        return `Sum ${name},Operator ${name},CH,,${lat},${lon},${capacity},${hashrate},hydro,operating; test row,low,https://example.org/${name}`;
      }),
    ].join("\n");
    for (const server of [sqliteServer, postgresServer]) {
      const response = await fetch(`${server.url}/api/import?kind=sites&dataset=float-sums&publisher=Test&url=https%3A%2F%2Fexample.org&licence=CC0`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/csv" },
        body: csv,
      });
      expect(response.status, await response.text()).toBe(201);
    }
    const answers = await onBoth(
      [
        "/api/metrics?basis=sites&dataset=float-sums",
        "/api/sites/clusters?bbox=7,46,8,47&zoom=7&dataset=float-sums",
        "/api/sites/clusters?bbox=-180,-85,180,85&zoom=1&dataset=float-sums",
        "/api/sites/clusters?bbox=-180,-85,180,85&zoom=1",
        "/api/metrics?basis=sites",
      ].map((p) => ({ path: p })),
    );
    for (const { path: p, sqlite, postgres } of answers) {
      expect(sqlite.status, p).toBe(200);
      expect(postgres.body, p).toBe(sqlite.body);
    }
    // Checked: with PostgreSQL's sums added plainly, the first two answers differ in their last digits.
  }, 60_000);
});
