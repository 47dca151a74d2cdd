// Runs in a process of its own (its own throw-away PostgreSQL cluster). Prints one JSON line.
// The same prepared rows of a shares import written three ways: HashAtlas's PostgreSQL write (multi-row
// INSERT … unnest, lib/db/postgres/bulk.ts), plain one-row INSERTs in one transaction (the baseline),
// and HashAtlas's SQLite write. Partial coverage keeps the dataset out of the best estimate, so that
// each figure is the dataset's rows and nothing else.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { commitImport } from "../lib/db/import";
import { FACT_TABLES } from "../lib/db/row-tables";
import { prepareImport } from "../lib/io/import";
import { startPostgres } from "../scripts/postgres-server";
import { seedDatabase } from "../seed/seed";
import { syntheticSharesCsv } from "./synthetic";

const ROWS = Number(process.argv[2] ?? 200_000);

const META = {
  slug: "bench-shares",
  kind: "shares",
  title: "bench",
  publisher: "bench",
  url: "https://example.org",
  licence: "CC0",
  retrievedAt: "2026-01-01",
  method: null,
  caveats: null,
  coverage: "partial",
} as const;

async function main() {
  const server = await startPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-pg-import-bench-"));
  try {
    const baselineUrl = await server.createDatabase("baseline");
    const sqliteFile = path.join(dir, "twin.db");
    await Promise.all([seedDatabase(server.url), seedDatabase(baselineUrl), seedDatabase(sqliteFile)]);
    const csv = Buffer.from(syntheticSharesCsv(ROWS));

    const t0 = performance.now();
    const prepared = prepareImport("shares", META, { bytes: csv, contentType: "text/csv", name: "shares.csv" });
    const parsedMs = performance.now() - t0;
    const shares = prepared.content.shares ?? [];

    const t1 = performance.now();
    await commitImport({ provider: "postgresql", url: server.url }, prepared.content);
    const unnestMs = performance.now() - t1;

    // Baseline: the same rows, one INSERT each (a named prepared statement), in one transaction.
    const client = new pg.Client({ connectionString: baselineUrl });
    await client.connect();
    const columns = Object.keys(FACT_TABLES.shares.columns);
    const t2 = performance.now();
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO "Dataset" ("slug", "kind", "title", "publisher", "url", "licence", "retrievedAt", "origin", "coverage", "contentHash", "importedAt")
       VALUES ('base', 'shares', 't', 'p', 'https://x', 'l', '2026-01-01', 'import', 'partial', 'h', 'now') RETURNING "id"`,
    );
    const datasetId = rows[0]?.id;
    const text = `INSERT INTO "HashrateShare" ("datasetId", ${columns.map((c) => `"${c}"`).join(", ")}) VALUES ($1, ${columns.map((_, i) => `$${i + 2}`).join(", ")})`;
    for (const r of shares) {
      await client.query({
        name: "insert-share",
        text,
        values: [datasetId, r.period, r.countryIso2, r.share, r.hashrateEh, r.sourceLabel, r.certainty, r.sourceUrl, r.note],
      });
    }
    await client.query("COMMIT");
    const plainMs = performance.now() - t2;
    await client.end();

    const t3 = performance.now();
    await commitImport({ provider: "sqlite", path: sqliteFile }, prepared.content);
    const sqliteMs = performance.now() - t3;
    console.log(JSON.stringify({ rows: shares.length, csvMb: csv.length / 2 ** 20, parsedMs, unnestMs, plainMs, sqliteMs }));
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
