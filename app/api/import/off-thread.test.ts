import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticSharesCsv } from "@/bench/synthetic";
import { type AppServer, startAppServer } from "@/scripts/app-server";
import { freePort } from "@/scripts/free-port";
import { writeLockHeld } from "@/tests/support/write-lock";

// Issue 14: a large import used to stop the server — one JavaScript thread — from answering
// anything else until it was done (GET /api/version waited 4.4 s behind a 200 000-row import).
// One production server for this file (next build + next start): the import runs in the import
// worker (lib/import-worker), and other requests are answered while it writes. How fast they are
// answered is measured in bench/; here the test asserts that they are answered at all.

const TOKEN = "off-thread-admin-token-0123456789";
const PROVENANCE = "publisher=Test%20Lab&url=https%3A%2F%2Fexample.org%2Fdata&licence=CC0";
const ROWS = 30_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-off-thread-"));
let server: AppServer | undefined;

beforeAll(async () => {
  server = await startAppServer({
    port: await freePort(),
    dbFile: path.join(dir, "server.db"),
    stdio: "ignore",
    env: { NODE_ENV: "production", HASHATLAS_ADMIN_TOKEN: TOKEN },
  });
}, 600_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("POST /api/import off the request thread", () => {
  it(`answers GET /api/version and a cached GET /api/metrics while a ${ROWS.toLocaleString("en-US")}-row import is written, then the import succeeds`, async () => {
    if (!server) throw new Error("no server");
    const { url, dbFile } = server;
    const csv = syntheticSharesCsv(ROWS);
    // Computed once before the import: later answers come from the cache of this data version.
    expect((await fetch(`${url}/api/metrics`)).status).toBe(200);

    const state = { answered: false };
    // A function, not the field: the answer lands while a reader awaits, which narrowing cannot see.
    const importAnswered = () => state.answered;
    const importing = fetch(`${url}/api/import?kind=shares&dataset=big-shares&coverage=partial&${PROVENANCE}`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/csv" },
      body: csv,
    }).then(async (response) => {
      state.answered = true;
      return { status: response.status, body: (await response.json()) as { dataset?: string; kind?: string; rows?: number } };
    });

    // Reads count only once the import's transaction holds the write lock: by then the upload is
    // in and parsed, and all that is left is the work that used to block every other request.
    const probe = new Database(dbFile, { timeout: 0 });
    try {
      while (!state.answered && !writeLockHeld(probe)) await sleep(5);
    } finally {
      probe.close();
    }
    expect(state.answered, "the import answered before it was seen writing").toBe(false);

    // Each reader asks again as soon as it has its answer, until the import answers.
    const whileWriting = { "/api/version": 0, "/api/metrics": 0 };
    const failures: string[] = [];
    const reader = async (route: keyof typeof whileWriting) => {
      while (!importAnswered()) {
        const response = await fetch(`${url}${route}`);
        const body = await response.text();
        if (response.status !== 200) failures.push(`${route}: ${response.status} ${body.slice(0, 200)}`);
        else if (!importAnswered()) whileWriting[route]++;
      }
    };
    const [result] = await Promise.all([importing, reader("/api/version"), reader("/api/metrics")]);

    expect(failures).toEqual([]);
    expect(result).toMatchObject({ status: 201, body: { dataset: "big-shares", kind: "shares" } });
    // Every row of the file, and an unattributed rest for each month whose shares add up to less than 1.
    expect(result.body.rows).toBeGreaterThanOrEqual(ROWS);
    expect(whileWriting["/api/version"], "GET /api/version answers while the import was written").toBeGreaterThanOrEqual(3);
    expect(whileWriting["/api/metrics"], "GET /api/metrics answers while the import was written").toBeGreaterThanOrEqual(3);
    const { datasets } = (await (await fetch(`${url}/api/datasets?kind=shares`)).json()) as { datasets: { slug: string; rows: number }[] };
    expect(datasets.find((d) => d.slug === "big-shares")?.rows).toBe(result.body.rows);
    console.log(`off-thread import: ${ROWS} rows; answered while it was written: ${JSON.stringify(whileWriting)}`);
  }, 120_000);
});
