// Runs in a process of its own so that its peak memory is the import's. Prints one JSON line.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { seedDatabase } from "../seed/seed";
import { commitImport } from "../lib/db/import";
import { openSqlite } from "../lib/db/sqlite";
import { prepareImport } from "../lib/io/import";
import { syntheticSites, syntheticSitesCsv } from "./synthetic";

const ROWS = Number(process.argv[2] ?? 100_000);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-import-bench-"));
  try {
    const a = path.join(dir, "import.db");
    const b = path.join(dir, "baseline.db");
    await seedDatabase(a);
    fs.copyFileSync(a, b);
    const csv = Buffer.from(syntheticSitesCsv(ROWS));
    const rssBefore = process.memoryUsage().rss;

    // Baseline: the same rows, already as objects, inserted with plain better-sqlite3 in one transaction.
    const rows = syntheticSites(ROWS);
    const db = openSqlite(b);
    const t0 = performance.now();
    const datasetId = Number(
      db
        .prepare(
          `INSERT INTO "Dataset" (slug, kind, title, publisher, url, licence, retrievedAt, origin, contentHash, importedAt) VALUES ('base', 'sites', 't', 'p', 'https://x', 'l', '2026-01-01', 'import', 'h', 'now')`,
        )
        .run().lastInsertRowid,
    );
    const insert = db.prepare(
      `INSERT INTO "MiningSite" (datasetId, name, operator, countryIso2, locality, lat, lon, capacityMw, hashrateEh, energySource, status, statusNote, asOf, certainty, sourceUrl)
       VALUES (@datasetId, @name, @operator, @countryIso2, @locality, @lat, @lon, @capacityMw, @hashrateEh, @energySource, @status, @statusNote, @asOf, @certainty, @sourceUrl)`,
    );
    db.transaction(() => {
      for (const r of rows) insert.run({ ...r, datasetId });
    }).immediate();
    const baselineMs = performance.now() - t0;
    db.close();

    // HashAtlas: parse the CSV, validate every row with zod, write in one transaction.
    const t1 = performance.now();
    const prepared = prepareImport(
      "sites",
      {
        slug: "bench-sites",
        kind: "sites",
        title: "bench",
        publisher: "bench",
        url: "https://example.org",
        licence: "CC0",
        retrievedAt: "2026-01-01",
        method: null,
        caveats: null,
        coverage: "network",
      },
      { bytes: csv, contentType: "text/csv", name: "sites.csv" },
    );
    const parsedMs = performance.now() - t1;
    await commitImport({ provider: "sqlite", path: a }, prepared.content);
    const importMs = performance.now() - t1;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({ rows: ROWS, csvMb: csv.length / 2 ** 20, baselineMs, importMs, parsedMs, peakRssMb, rssBeforeMb: rssBefore / 2 ** 20 }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
