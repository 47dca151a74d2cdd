import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeLockHeld } from "@/tests/support/write-lock";
import { syntheticSitesCsv } from "../../bench/synthetic";
import { seedDatabase } from "../../seed/seed";
import { openSqlite } from "./sqlite";
import { COUNTED_TABLES } from "./tables";

// Imports run in a child process (as the server would), so that this process can read the database
// while the write is in progress, and kill the writer mid-transaction.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-crash-"));
const db = path.join(dir, "crash.db");
const csv = path.join(dir, "sites.csv");
/** Enough rows that the write takes a while (about a second), so the reader polls many times during it. */
const ROWS = 30_000;

beforeAll(async () => {
  await seedDatabase(db);
  fs.writeFileSync(csv, syntheticSitesCsv(ROWS));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function startImport(slug: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      path.resolve("node_modules/tsx/dist/cli.mjs"),
      "scripts/import.ts",
      "--kind",
      "sites",
      "--dataset",
      slug,
      "--file",
      csv,
      "--publisher",
      "Test",
      "--url",
      "https://example.org",
      "--licence",
      "CC0",
    ],
    { env: { ...process.env, DATABASE_URL: `file:${db}` }, stdio: ["ignore", "pipe", "pipe"] },
  );
}

function sitesOf(slug: string): number {
  const conn = openSqlite(db, { readonly: true });
  try {
    const row = conn.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM MiningSite s JOIN Dataset d ON d.id = s.datasetId WHERE d.slug = ?`).get(slug);
    return row?.n ?? 0;
  } finally {
    conn.close();
  }
}

function snapshot() {
  const conn = openSqlite(db, { readonly: true });
  try {
    return Object.fromEntries(COUNTED_TABLES.map((t) => [t, (conn.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
  } finally {
    conn.close();
  }
}

describe("imports are atomic", () => {
  it("a reader polling during a large import sees the dataset before or after, never half", async () => {
    const child = startImport("big-sites");
    const seen = new Set<number>();
    const importer = { exited: false };
    const done = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => {
        importer.exited = true;
        resolve(code);
      }),
    );
    // Polls that found the import's write transaction open: the reader really looked mid-write.
    let duringWrite = 0;
    const probe = new Database(db, { timeout: 0 });
    try {
      while (!importer.exited) {
        const writing = writeLockHeld(probe);
        seen.add(sitesOf("big-sites"));
        if (writing && writeLockHeld(probe)) duringWrite++;
        await new Promise((r) => setTimeout(r, 2));
      }
    } finally {
      probe.close();
    }
    expect(await done).toBe(0);
    seen.add(sitesOf("big-sites"));
    expect([...seen].every((n) => n === 0 || n === ROWS)).toBe(true);
    expect(duringWrite, "polls while the import was writing").toBeGreaterThan(0);
    expect(sitesOf("big-sites")).toBe(ROWS);
  }, 120_000);

  it("a process killed (SIGKILL) mid-import leaves row counts unchanged and the database intact", async () => {
    const before = snapshot();
    const child = startImport("killed-sites");
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("import: writing")) child.kill("SIGKILL");
    });
    expect(await exit).toBe("SIGKILL");
    expect(snapshot()).toEqual(before);
    const conn = openSqlite(db);
    try {
      expect(conn.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      conn.close();
    }
    expect(sitesOf("killed-sites")).toBe(0);
  }, 120_000);
});
