import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusalOf } from "../api/errors";
import { Busy } from "./errors";
import { importDataset, type ImportRequest } from "./import";

// A copy of the seeded test database, so that holding its write lock blocks no other test file.
let dir = "";
let dbFile = "";

beforeAll(() => {
  const testDb = process.env.HASHATLAS_TEST_DB;
  if (!testDb) throw new Error("HASHATLAS_TEST_DB is not set (see vitest.config.mts)");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-import-"));
  dbFile = path.join(dir, "busy.db");
  const source = new Database(testDb, { readonly: true });
  source.prepare("VACUUM INTO ?").run(dbFile);
  source.close();
  // As the app runs it: WAL, where readers go on and writers wait for each other.
  const copy = new Database(dbFile);
  copy.pragma("journal_mode = WAL");
  copy.close();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PRICES_CSV = [
  "country_iso2,country_name,usd_per_kwh,price_type,period,source_name,source_url,certainty,note",
  "NO,Norway,0.05,industrial,2024-S2,Test source,https://example.org/prices,high,",
].join("\n");

const request = (): ImportRequest => ({
  query: { kind: "prices", dataset: "busy-test-prices", publisher: "Test", url: "https://example.org/prices", licence: "CC BY 4.0" },
  file: { bytes: new TextEncoder().encode(PRICES_CSV), contentType: "text/csv", name: "prices.csv" },
  database: { provider: "sqlite", path: dbFile },
  busyTimeoutMs: 100,
});

const datasetCount = () => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "Dataset"`).get()?.n;
  } finally {
    db.close();
  }
};

describe("importDataset while another writer holds the database", () => {
  it("refuses as Busy (503 with Retry-After), writes nothing, and succeeds once the lock is gone", async () => {
    const before = datasetCount();
    const started = performance.now();
    const holder = new Database(dbFile);
    holder.exec("BEGIN IMMEDIATE");
    let error: unknown;
    try {
      await importDataset(request());
    } catch (e) {
      error = e;
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect(error).toBeInstanceOf(Busy);
    // It waited for the other writer (the busy timeout) before giving up.
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(refusalOf(error)).toEqual({
      status: 503,
      message: expect.stringMatching(/busy with another write: nothing was written/),
      field: "dataset",
      retryAfterSeconds: 5,
    });
    expect(datasetCount()).toBe(before);

    expect(await importDataset(request())).toMatchObject({ dataset: "busy-test-prices", kind: "prices", rows: 1, replaced: false });
    expect(datasetCount()).toBe((before ?? 0) + 1);
  });
});
