// Runs in a process of its own (its own throw-away PostgreSQL cluster). Prints one JSON line.
// The same prepared rows of a shares import written five ways, each in one transaction on a database of
// its own. Three ways of sending rows, each timed alike (BEGIN, the Dataset row, the rows, COMMIT on an
// open connection): binary COPY by the app's own copyRows (lib/db/postgres/copy.ts), multi-row INSERT …
// SELECT FROM unnest in 25 000-row slices (the app's write before COPY), and plain one-row INSERTs (the
// baseline). Then the whole write as an import makes it (commitImport: connection, checks, content hash,
// write lock, rows, best estimate, commit) on PostgreSQL and on SQLite. Each round writes a new dataset
// every way in turn, so that the load of this shared machine weighs on all of them alike; the bench
// reports each one's median. Partial coverage keeps the dataset out of the best estimate, so that each
// figure is the dataset's rows and nothing else.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { commitImport } from "../lib/db/import";
import { FACT_TABLES } from "../lib/db/row-tables";
import { copyRows } from "../lib/db/postgres/copy";
import { unnestInsert, unnestParameters } from "../lib/db/postgres/sql";
import { prepareImport } from "../lib/io/import";
import type { ShareRecord } from "../lib/validation/shares";
import { startPostgres } from "../scripts/postgres-server";
import { seedDatabase } from "../seed/seed";
import { syntheticSharesCsv } from "./synthetic";

const ROWS = Number(process.argv[2] ?? 200_000);
const ROUNDS = Number(process.argv[3] ?? 3);
/** Rows per INSERT … unnest, as the app's write had them: bounds one statement's parameters to a few MB. */
const UNNEST_SLICE_ROWS = 25_000;

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

const SHARES = FACT_TABLES.shares;
const UNNEST = unnestInsert(SHARES);
const PLAIN = `INSERT INTO "HashrateShare" ("datasetId", ${Object.keys(SHARES.columns)
  .map((c) => `"${c}"`)
  .join(", ")}) VALUES ($1, ${Object.keys(SHARES.columns)
  .map((_, i) => `$${i + 2}`)
  .join(", ")})`;

/** `rows` into a new dataset `slug` in one transaction on `client`, by `insert`; the time it took, commit included. */
async function timedRawWrite(client: pg.Client, slug: string, shares: readonly ShareRecord[], insert: (datasetId: number) => Promise<void>): Promise<number> {
  const t = performance.now();
  await client.query("BEGIN");
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO "Dataset" ("slug", "kind", "title", "publisher", "url", "licence", "retrievedAt", "origin", "coverage", "contentHash", "importedAt")
     VALUES ($1, 'shares', 't', 'p', 'https://x', 'l', '2026-01-01', 'import', 'partial', 'h', 'now') RETURNING "id"`,
    [slug],
  );
  const datasetId = rows[0]?.id;
  if (datasetId === undefined) throw new Error("no dataset id");
  await insert(datasetId);
  await client.query("COMMIT");
  const ms = performance.now() - t;
  const { rows: count } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "HashrateShare" WHERE "datasetId" = $1`, [datasetId]);
  if (Number(count[0]?.n) !== shares.length) throw new Error(`${slug}: ${count[0]?.n} rows written, not ${shares.length}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main() {
  const server = await startPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-pg-import-bench-"));
  const clients: pg.Client[] = [];
  try {
    const [copyUrl, unnestUrl, plainUrl] = [await server.createDatabase("copy"), await server.createDatabase("unnest"), await server.createDatabase("plain")];
    const sqliteFile = path.join(dir, "twin.db");
    await Promise.all([server.url, copyUrl, unnestUrl, plainUrl, sqliteFile].map((location) => seedDatabase(location)));
    const csv = Buffer.from(syntheticSharesCsv(ROWS));

    const t0 = performance.now();
    const prepared = prepareImport("shares", META, { bytes: csv, contentType: "text/csv", name: "shares.csv" });
    const parsedMs = performance.now() - t0;
    const shares = prepared.content.shares ?? [];

    const [copy, unnest, plain] = await Promise.all(
      [copyUrl, unnestUrl, plainUrl].map(async (url) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        clients.push(client);
        return client;
      }),
    );
    if (!copy || !unnest || !plain) throw new Error("no clients");
    const times = { copyMs: [] as number[], unnestMs: [] as number[], plainMs: [] as number[], appMs: [] as number[], sqliteMs: [] as number[] };
    for (let round = 1; round <= ROUNDS; round++) {
      // A new slug each round: every write creates a dataset, none replaces one.
      const content = { ...prepared.content, meta: { ...prepared.content.meta, slug: `bench-shares-${round}` } };

      times.copyMs.push(await timedRawWrite(copy, `copy-${round}`, shares, (datasetId) => copyRows(copy, SHARES, shares, datasetId)));

      times.unnestMs.push(
        await timedRawWrite(unnest, `unnest-${round}`, shares, async (datasetId) => {
          for (let from = 0; from < shares.length; from += UNNEST_SLICE_ROWS)
            await unnest.query(UNNEST, unnestParameters(SHARES, shares.slice(from, from + UNNEST_SLICE_ROWS), datasetId));
        }),
      );

      // The baseline: one INSERT per row (a named prepared statement).
      times.plainMs.push(
        await timedRawWrite(plain, `plain-${round}`, shares, async (datasetId) => {
          for (const r of shares) {
            await plain.query({
              name: "insert-share",
              text: PLAIN,
              values: [datasetId, r.period, r.countryIso2, r.share, r.hashrateEh, r.sourceLabel, r.certainty, r.sourceUrl, r.note],
            });
          }
        }),
      );

      let t = performance.now();
      await commitImport({ provider: "postgresql", url: server.url }, content);
      times.appMs.push(performance.now() - t);

      t = performance.now();
      await commitImport({ provider: "sqlite", path: sqliteFile }, content);
      times.sqliteMs.push(performance.now() - t);
    }
    console.log(
      JSON.stringify({
        rows: shares.length,
        csvMb: csv.length / 2 ** 20,
        parsedMs,
        rounds: ROUNDS,
        copyMs: median(times.copyMs),
        unnestMs: median(times.unnestMs),
        plainMs: median(times.plainMs),
        appMs: median(times.appMs),
        sqliteMs: median(times.sqliteMs),
        each: times,
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
