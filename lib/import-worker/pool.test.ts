import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticSharesCsv } from "@/bench/synthetic";
import { writeLockHeld } from "@/tests/support/write-lock";
import { refusalOf } from "../api/errors";
import { COUNTED_TABLES } from "../db/tables";
import { ImportFormatError } from "../io/import";
import { DataValidationError } from "../io/issues";
import { Busy, Conflict } from "../services/errors";
import { closeImportWorker, ImportInterrupted, importOffThread, type WorkerImport } from ".";
import { ImportWorkerPool } from "./pool";
import { reviveError } from "./protocol";

// The import worker against a copy of the seeded test database: the answers are those of the
// in-thread service (same classes, same refusals), the upload moves to the worker, and a worker
// that dies answers the import it was running rather than leaving it hanging.
let dir = "";
let dbFile = "";

beforeAll(() => {
  const testDb = process.env.HASHATLAS_TEST_DB;
  if (!testDb) throw new Error("HASHATLAS_TEST_DB is not set (see vitest.config.mts)");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-import-worker-"));
  dbFile = path.join(dir, "worker.db");
  const source = new Database(testDb, { readonly: true });
  source.prepare("VACUUM INTO ?").run(dbFile);
  source.close();
  const copy = new Database(dbFile);
  copy.pragma("journal_mode = WAL");
  copy.close();
});

afterAll(async () => {
  await closeImportWorker();
  fs.rmSync(dir, { recursive: true, force: true });
});

const PROVENANCE = { publisher: "Test", url: "https://example.org/data", licence: "CC0" };
const csv = (text: string) => ({ bytes: new TextEncoder().encode(text), contentType: "text/csv", name: "upload.csv" });
const shares = (dataset: string, text: string, extra: Partial<WorkerImport["query"]> = {}): WorkerImport => ({
  query: { kind: "shares", dataset, ...PROVENANCE, ...extra },
  file: csv(text),
  database: { provider: "sqlite", path: dbFile },
});

function counts() {
  const db = new Database(dbFile, { readonly: true });
  try {
    return Object.fromEntries(COUNTED_TABLES.map((t) => [t, db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${t}"`).get()?.n]));
  } finally {
    db.close();
  }
}

const GOOD_ROWS = "period,country,share\n2032-01,US,0.5\n";
const HEAP_MB = 32;

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error("expected a refusal"),
    (error: unknown) => error,
  );

describe("importOffThread answers as the service does", () => {
  const GOOD = "period,country,share\n2030-01,US,0.5\n2030-01,CA,0.3\n";

  it("writes a valid file, and a dry run of it writes nothing", async () => {
    const before = counts();
    expect(await importOffThread(shares("worker-dry", GOOD, { dryRun: "1" }))).toEqual({
      dataset: "worker-dry",
      kind: "shares",
      rows: 3,
      format: "period,country,share|hashrate_eh CSV",
      dryRun: true,
    });
    expect(counts()).toEqual(before);
    expect(await importOffThread(shares("worker-good", GOOD))).toMatchObject({ dataset: "worker-good", rows: 3, replaced: false });
    expect(await importOffThread(shares("worker-good", GOOD))).toMatchObject({ dataset: "worker-good", rows: 3, replaced: true });
  });

  it("refuses with the in-thread classes: every bad row with its line and column, the file's format, a kind conflict", async () => {
    const bad = await rejection(importOffThread(shares("worker-bad", "period,country,share\n2030-13,US,0.5\n2030-01,Atlantis,0.2\n")));
    expect(bad).toBeInstanceOf(DataValidationError);
    expect((bad as DataValidationError).issues).toEqual([
      expect.objectContaining({ line: 2, column: "period" }),
      expect.objectContaining({ line: 3, column: "country", message: expect.stringMatching(/Atlantis/) }),
    ]);

    const json = await rejection(
      importOffThread({
        query: { kind: "sites", dataset: "worker-json", ...PROVENANCE },
        file: { bytes: new TextEncoder().encode("[]"), contentType: "application/json", name: "sites.json" },
        database: { provider: "sqlite", path: dbFile },
      }),
    );
    expect(json).toBeInstanceOf(ImportFormatError);
    expect(json).toMatchObject({ status: 415, field: "content-type" });

    const before = counts();
    for (const [dataset, dryRun] of [
      ["mining-sites", "0"],
      ["mining-sites", "1"],
      ["best-estimate", "1"],
    ] as const) {
      const conflict = await rejection(importOffThread(shares(dataset, GOOD, { dryRun })));
      expect(conflict).toBeInstanceOf(Conflict);
      expect(refusalOf(conflict)).toMatchObject({ status: 409, field: "dataset" });
    }
    expect(counts()).toEqual(before);
  });

  it("refuses as Busy (503 with Retry-After) while another process holds the write lock", async () => {
    const holder = new Database(dbFile);
    holder.exec("BEGIN IMMEDIATE");
    try {
      const busy = await rejection(importOffThread({ ...shares("worker-busy", GOOD), busyTimeoutMs: 50 }));
      expect(busy).toBeInstanceOf(Busy);
      expect(refusalOf(busy)).toMatchObject({ status: 503, retryAfterSeconds: 5 });
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  });

  it("answers queued imports in turn, each with its own outcome", async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => importOffThread(shares(`worker-queue-${i}`, `period,country,share\n2031-0${i + 1},US,0.5\n`))),
    );
    expect(answers.map((a) => [a.dataset, a.rows])).toEqual(Array.from({ length: 4 }, (_, i) => [`worker-queue-${i}`, 2]));
  });
});

describe("the upload moves to the worker", () => {
  it("transfers a buffer of its own (the caller's view is emptied) and copies a view on a shared one", async () => {
    const own = csv(GOOD_ROWS);
    const request = { ...shares("worker-moved", ""), file: own };
    expect(own.bytes.byteLength).toBeGreaterThan(0);
    await importOffThread(request);
    expect(own.bytes.byteLength).toBe(0);

    // A small Buffer is a view on Node's shared pool, which must stay usable in this thread.
    const pooled = Buffer.from(GOOD_ROWS);
    const neighbour = Buffer.from("still here");
    expect(pooled.buffer).toBe(neighbour.buffer);
    await importOffThread({ ...shares("worker-pooled", ""), file: { ...csv(""), bytes: pooled } });
    expect(pooled.toString()).toBe(GOOD_ROWS);
    expect(neighbour.toString()).toBe("still here");
  });
});

describe("the worker's lifetime", () => {
  it("is reused while imports come, stopped when idle (freeing its memory), and started again by the next import", async () => {
    const pool = new ImportWorkerPool({ idleMs: 100 });
    try {
      expect(pool.started).toBe(false);
      expect(await pool.run(shares("worker-idle-1", GOOD_ROWS))).toMatchObject({ ok: true });
      expect(pool.started).toBe(true);
      while (pool.started) await new Promise((r) => setTimeout(r, 10));
      expect(await pool.run(shares("worker-idle-2", GOOD_ROWS))).toMatchObject({ ok: true, outcome: { dataset: "worker-idle-2" } });
    } finally {
      await pool.close();
    }
    expect(pool.started).toBe(false);
  });
});

describe("a worker that dies", () => {
  it("answers the import it was running as interrupted, wrote nothing, and the next import runs on a fresh worker", async () => {
    // A heap far too small for a 60 000-row file: the worker runs out of memory mid-import.
    const pool = new ImportWorkerPool({ resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    try {
      const before = counts();
      const answer = await pool.run(shares("worker-oom", syntheticSharesCsv(60_000)));
      expect(answer.ok).toBe(false);
      const error = answer.ok ? undefined : reviveError(answer.error);
      expect(error).toBeInstanceOf(ImportInterrupted);
      expect(error?.message).toMatch(/ran out of memory before it answered/);
      expect(counts()).toEqual(before);
      const next = await pool.run(shares("worker-after-oom", GOOD_ROWS));
      expect(next).toMatchObject({ ok: true, outcome: { dataset: "worker-after-oom", rows: 2 } });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("stopped in the middle of its write, leaves the database as it was, unlocked", async () => {
    const before = counts();
    const pool = new ImportWorkerPool();
    const answer = pool.run(shares("worker-stopped", syntheticSharesCsv(100_000), { coverage: "partial" }));
    const probe = new Database(dbFile, { timeout: 0 });
    try {
      // The import's transaction has begun once it holds the write lock.
      while (!writeLockHeld(probe)) await new Promise((r) => setTimeout(r, 5));
    } finally {
      probe.close();
    }
    await pool.close();
    expect(await answer).toMatchObject({ ok: false, error: { type: "interrupted" } });
    expect(counts()).toEqual(before);
    const check = new Database(dbFile, { timeout: 0 });
    try {
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      // The stopped thread's connection closed with it: the write lock is free at once.
      expect(writeLockHeld(check)).toBe(false);
    } finally {
      check.close();
    }
  }, 60_000);

  it("answers rather than hangs when the worker cannot start", async () => {
    const pool = new ImportWorkerPool({ entry: path.join(dir, "no-such-entry.mjs") });
    try {
      const answer = await pool.run(shares("worker-nowhere", GOOD_ROWS));
      expect(answer).toMatchObject({ ok: false, error: { type: "interrupted", message: expect.stringMatching(/failed with an internal error/) } });
    } finally {
      await pool.close();
    }
  });
});
