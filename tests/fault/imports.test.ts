// Imports against a real server (`next start` on the production build), on database files of their own:
//  a. readers hammering the metric, shock and simulate routes while large imports run: every
//     answer 2xx, no partially visible import, every acknowledged import present afterwards;
//  b. SIGKILL of the server in the middle of an import's write: the restart (`npm start`) is clean
//     and the import is there whole or not at all.
// HASHATLAS_FAULT_LONG=1 runs longer variants (tests/fault/support.ts).
import fs from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { syntheticSitesCsv } from "@/bench/synthetic";
import { writeLockHeld } from "@/tests/support/write-lock";
import { counts, faultFixture, importCsv, integrity, LONG, sitesOf, sleep, startNext, startNpm, stop, withDb } from "./support";

const { copyBase } = faultFixture("imports");

describe("imports while the server works and when it dies", () => {
  it(`a. ${LONG ? 16 : 8} readers see only whole imports while ${LONG ? 6 : 3} large imports run`, async () => {
    const READERS = LONG ? 16 : 8;
    const IMPORTS = LONG ? 6 : 3;
    const ROWS = LONG ? 80_000 : 10_000;
    const t0 = Date.now();
    const server = await startNext(copyBase("a.db"));
    const csv = syntheticSitesCsv(ROWS);
    const slugs = Array.from({ length: IMPORTS }, (_, i) => `fault-a-${i + 1}`);
    const simulate = JSON.stringify({
      period: "2021-05",
      shutdown: ["CN", { id: "KZ", fraction: 0.5 }],
      migration: { fraction: 0.5, days: 90, delayDays: 30 },
      horizonDays: 365,
    });
    const reads: { method: "GET" | "POST"; path: string; body?: string }[] = [
      { method: "GET", path: "/api/metrics" },
      { method: "GET", path: "/api/metrics?period=2021-05&efficiency=30" },
      { method: "GET", path: "/api/metrics?basis=sites" },
      { method: "GET", path: "/api/shocks" },
      { method: "GET", path: "/api/shocks?period=2021-06&blocksIntoEpoch=1000" },
      { method: "POST", path: "/api/simulate", body: simulate },
      { method: "GET", path: "/api/datasets?kind=sites" },
    ];
    const errors: string[] = [];
    const partial: string[] = [];
    const seen = new Map<string, Set<number>>(slugs.map((s) => [s, new Set<number>()]));
    let importing = true;
    let done = 0;

    let slowest = 0;
    async function readOnce(i: number) {
      const r = reads[i % reads.length] ?? reads[0]!;
      const startedAt = Date.now();
      try {
        const response = await fetch(`${server.url}${r.path}`, {
          method: r.method,
          ...(r.body ? { body: r.body, headers: { "content-type": "application/json" } } : {}),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await response.text();
        if (response.status < 200 || response.status >= 300) errors.push(`${r.method} ${r.path}: ${response.status} ${text.slice(0, 200)}`);
        else if (r.path.startsWith("/api/datasets")) {
          const { datasets } = JSON.parse(text) as { datasets: { slug: string; rows: number }[] };
          for (const slug of slugs) {
            const rows = datasets.find((d) => d.slug === slug)?.rows ?? 0;
            seen.get(slug)?.add(rows);
            if (rows !== 0 && rows !== ROWS) partial.push(`${slug}: ${rows} of ${ROWS} rows visible`);
          }
        } else JSON.parse(text);
      } catch (error) {
        const cause =
          error instanceof Error && error.cause instanceof Error
            ? ` (${error.cause.message}${"code" in error.cause ? ` ${String(error.cause.code)}` : ""})`
            : "";
        errors.push(`${r.method} ${r.path} after ${Date.now() - t0} ms: ${error instanceof Error ? error.message : String(error)}${cause}`);
      }
      slowest = Math.max(slowest, Date.now() - startedAt);
      done++;
    }

    const readers = Array.from({ length: READERS }, async (_, reader) => {
      let i = reader;
      while (importing) await readOnce(i++);
      await readOnce(i); // one more after the last import
    });
    // The readers get going first; the imports start staggered and overlap each other and the reads.
    await sleep(300);
    const readsBefore = done;
    const imports = slugs.map(async (slug, i) => {
      await sleep(i * 400);
      const r = await importCsv(server.url, slug, csv);
      return { slug, ...r };
    });
    const results = await Promise.all(imports).finally(() => (importing = false));
    const readsDuring = done - readsBefore;
    await Promise.all(readers);

    expect(results.map((r) => [r.slug, r.status, r.body.rows])).toEqual(slugs.map((s) => [s, 201, ROWS]));
    expect(errors.slice(0, 5), `${errors.length} failed reads (slowest read ${slowest} ms)`).toEqual([]);
    expect(partial.slice(0, 5)).toEqual([]);
    const after = (await (await fetch(`${server.url}/api/datasets?kind=sites`)).json()) as { datasets: { slug: string; rows: number }[] };
    for (const slug of slugs) expect(after.datasets.find((d) => d.slug === slug)?.rows, slug).toBe(ROWS);

    // `next start` finishes what is in flight on SIGTERM, then exits with 128 + 15 (Next's choice).
    const exit = await stop(server);
    expect(exit).toMatchObject({ code: 143, signal: null });
    expect(integrity(server.dbFile)).toBe("ok");
    for (const slug of slugs) expect(sitesOf(server.dbFile, slug)).toEqual({ dataset: 1, sites: ROWS });
    // The reads really overlapped the imports: some saw an import before it, some after.
    expect(readsDuring).toBeGreaterThan(READERS);
    expect([...seen.values()].some((v) => v.has(0) && v.has(ROWS))).toBe(true);
    const states = [...seen.entries()].map(([s, v]) => `${s}: ${[...v].sort((a, b) => a - b).join("/")}`).join(", ");
    console.log(
      `fault a: ${done} reads by ${READERS} readers (${readsDuring} while importing), ${IMPORTS} imports of ${ROWS} sites, 0 errors; slowest read ${slowest} ms; row counts seen ${states}; ${Date.now() - t0} ms`,
    );
  }, 240_000);

  it("b. SIGKILL during an import's write: the restart is clean, the import whole or absent", async () => {
    const ROWS = LONG ? 150_000 : 30_000;
    const ROUNDS = LONG ? 4 : 1;
    const csv = syntheticSitesCsv(ROWS);
    const file = copyBase("b.db");
    const before = counts(file);
    const outcomes: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const t0 = Date.now();
      const server = await startNext(file);
      const slug = `fault-b-${round}`;
      const wal = `${file}-wal`;
      const walAtStart = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
      const request = importCsv(server.url, slug, csv).then(
        (r) => `answered ${r.status}`,
        (e: unknown) => `failed (${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)})`,
      );
      // Round 1 kills once the write transaction has spilled pages into the WAL and is still open
      // (mid-write); later rounds at a random moment of the whole request (upload, parse, write or just after).
      const randomDelay = round === 1 ? Infinity : 200 + Math.random() * 4_000;
      let trigger = "";
      const probe = new Database(file, { timeout: 0 });
      try {
        while (!trigger) {
          const size = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
          // 256 KiB of frames: the transaction is well under way, its pages spilling into the WAL.
          if (size > walAtStart + 256 * 1024 && writeLockHeld(probe)) trigger = `WAL grew to ${size} bytes, the transaction open`;
          else if (Date.now() - t0 > randomDelay) trigger = `random moment ${Date.now() - t0} ms`;
          else if (Date.now() - t0 > 60_000) throw new Error(`the import never started writing:\n${server.output().slice(-2000)}`);
          else await sleep(2);
        }
        server.child.kill("SIGKILL");
      } finally {
        probe.close();
      }
      expect(await server.exit).toMatchObject({ signal: "SIGKILL" });
      const answer = await request;

      // Restart as a user would (`npm start`, which checks the file before serving) on the same file.
      const restarted = await startNpm(file);
      const health = (await (await fetch(`${restarted.url}/api/health`)).json()) as { status: string; database: { journalMode: string } };
      expect(health).toMatchObject({ status: "ok", database: { journalMode: "wal" } });
      expect(integrity(file)).toBe("ok");
      const state = sitesOf(file, slug);
      expect([
        { dataset: 0, sites: 0 },
        { dataset: 1, sites: ROWS },
      ]).toContainEqual(state);
      const datasets = (await (await fetch(`${restarted.url}/api/datasets?kind=sites`)).json()) as { datasets: { slug: string; rows: number }[] };
      expect(datasets.datasets.find((d) => d.slug === slug)?.rows ?? 0).toBe(state.sites);
      expect(await stop(restarted)).toMatchObject({ code: 0 });
      outcomes.push(
        `round ${round}: killed at ${trigger}, client ${answer}, after restart the import is ${state.dataset ? "complete" : "absent"} (${Date.now() - t0} ms)`,
      );
    }
    // Everything but the killed imports is as it was.
    const after = counts(file);
    // An import whose commit came before the kill is whole: its dataset, its sites and their map cells.
    const imported = withDb(file, (db) => (db.prepare(`SELECT count(*) AS n FROM "Dataset" WHERE slug LIKE 'fault-b-%'`).get() as { n: number }).n);
    const importedCells = withDb(
      file,
      (db) =>
        (db.prepare(`SELECT count(*) AS n FROM "SiteCell" WHERE "datasetId" IN (SELECT id FROM "Dataset" WHERE slug LIKE 'fault-b-%')`).get() as { n: number })
          .n,
    );
    expect({
      ...after,
      Dataset: (after.Dataset ?? 0) - imported,
      MiningSite: (after.MiningSite ?? 0) - imported * ROWS,
      SiteCell: (after.SiteCell ?? 0) - importedCells,
    }).toEqual(before);
    console.log(`fault b: ${outcomes.join("; ")}`);
  }, 300_000);
});
