// Runs in a process of its own (its own throw-away PostgreSQL cluster). Prints one JSON line.
// The same prepared rows of a shares import written six ways, each in one transaction on a database of
// its own. Three ways of sending rows, each timed alike (BEGIN, the Dataset row, the rows, COMMIT on an
// open connection): binary COPY by the app's own copyRows (lib/db/postgres/copy.ts), multi-row INSERT …
// SELECT FROM unnest in 25 000-row slices (the app's write before COPY), and plain one-row INSERTs (the
// baseline). A diagnostic: the same COPY with the tables' triggers off (session_replication_role =
// replica, which only a superuser may set — the app never does), i.e. without PostgreSQL's per-row
// foreign-key checks, to show what they cost. Then the whole write as an import makes it (commitImport:
// connection, checks, content hash, write lock, rows, best estimate, commit) on PostgreSQL and on SQLite.
// Each round writes a new dataset every way in turn, so that the load of this shared machine weighs on
// all of them alike; the bench reports each one's median. Beside the wall-clock time, the CPU time of
// this process and of the PostgreSQL cluster (bench/cpu.ts), which the load does not inflate. Partial
// coverage keeps the dataset out of the best estimate, so that each figure is the dataset's rows.
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
import { ownCpuMs, postgresCpuMs } from "./cpu";
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

/** One write's wall-clock time, and the CPU it took here (encoding, hashing, pg) and in the cluster. */
type Measure = { ms: number; clientMs: number; serverMs: number };
const METHODS = ["copy", "copyNoFk", "unnest", "plain", "app", "sqlite"] as const;
type Method = (typeof METHODS)[number];

async function measured<T>(folder: string, write: () => Promise<T>): Promise<[Measure, T]> {
  const [t, client, server] = [performance.now(), ownCpuMs(), postgresCpuMs(folder)];
  const result = await write();
  return [{ ms: performance.now() - t, clientMs: ownCpuMs() - client, serverMs: postgresCpuMs(folder) - server }, result];
}

/** `shares` into a new dataset `slug` in one transaction on `client`, by `insert`; gives a check of the rows written (made outside the measure). */
async function rawWrite(
  client: pg.Client,
  slug: string,
  shares: readonly ShareRecord[],
  insert: (datasetId: number) => Promise<void>,
  noTriggers = false,
): Promise<() => Promise<void>> {
  await client.query("BEGIN");
  if (noTriggers) await client.query("SET LOCAL session_replication_role = replica");
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO "Dataset" ("slug", "kind", "title", "publisher", "url", "licence", "retrievedAt", "origin", "coverage", "contentHash", "importedAt")
     VALUES ($1, 'shares', 't', 'p', 'https://x', 'l', '2026-01-01', 'import', 'partial', 'h', 'now') RETURNING "id"`,
    [slug],
  );
  const datasetId = rows[0]?.id;
  if (datasetId === undefined) throw new Error("no dataset id");
  await insert(datasetId);
  await client.query("COMMIT");
  return async () => {
    const { rows: count } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "HashrateShare" WHERE "datasetId" = $1`, [datasetId]);
    if (Number(count[0]?.n) !== shares.length) throw new Error(`${slug}: ${count[0]?.n} rows written, not ${shares.length}`);
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main() {
  const server = await startPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-pg-import-bench-"));
  const clients: pg.Client[] = [];
  try {
    const names = ["copy", "copy_no_fk", "unnest", "plain"];
    const urls: string[] = [];
    for (const name of names) urls.push(await server.createDatabase(name));
    const sqliteFile = path.join(dir, "twin.db");
    await Promise.all([server.url, ...urls, sqliteFile].map((location) => seedDatabase(location)));
    const csv = Buffer.from(syntheticSharesCsv(ROWS));

    const t0 = performance.now();
    const prepared = prepareImport("shares", META, { bytes: csv, contentType: "text/csv", name: "shares.csv" });
    const parsedMs = performance.now() - t0;
    const shares = prepared.content.shares ?? [];

    const [copy, copyNoFk, unnest, plain] = await Promise.all(
      urls.map(async (url) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        clients.push(client);
        return client;
      }),
    );
    if (!copy || !copyNoFk || !unnest || !plain) throw new Error("no clients");
    const each = Object.fromEntries(METHODS.map((m) => [m, [] as Measure[]])) as Record<Method, Measure[]>;
    /** A write measured; a raw one's rows are checked afterwards, outside the measure. */
    const measure = async (method: Method, write: () => Promise<(() => Promise<void>) | null>) => {
      const [m, check] = await measured(server.folder, write);
      each[method].push(m);
      if (check) await check();
    };
    for (let round = 1; round <= ROUNDS; round++) {
      // A new slug each round: every write creates a dataset, none replaces one.
      const content = { ...prepared.content, meta: { ...prepared.content.meta, slug: `bench-shares-${round}` } };
      await measure("copy", () => rawWrite(copy, `copy-${round}`, shares, (datasetId) => copyRows(copy, SHARES, shares, datasetId)));
      await measure("copyNoFk", () => rawWrite(copyNoFk, `copy-${round}`, shares, (datasetId) => copyRows(copyNoFk, SHARES, shares, datasetId), true));
      await measure("unnest", () =>
        rawWrite(unnest, `unnest-${round}`, shares, async (datasetId) => {
          for (let from = 0; from < shares.length; from += UNNEST_SLICE_ROWS)
            await unnest.query(UNNEST, unnestParameters(SHARES, shares.slice(from, from + UNNEST_SLICE_ROWS), datasetId));
        }),
      );
      // The baseline: one INSERT per row (a named prepared statement).
      await measure("plain", () =>
        rawWrite(plain, `plain-${round}`, shares, async (datasetId) => {
          for (const r of shares) {
            await plain.query({
              name: "insert-share",
              text: PLAIN,
              values: [datasetId, r.period, r.countryIso2, r.share, r.hashrateEh, r.sourceLabel, r.certainty, r.sourceUrl, r.note],
            });
          }
        }),
      );
      await measure("app", async () => {
        await commitImport({ provider: "postgresql", url: server.url }, content);
        return null;
      });
      await measure("sqlite", async () => {
        await commitImport({ provider: "sqlite", path: sqliteFile }, content);
        return null;
      });
    }
    const medians = Object.fromEntries(
      METHODS.map((m) => [
        m,
        { ms: median(each[m].map((x) => x.ms)), clientMs: median(each[m].map((x) => x.clientMs)), serverMs: median(each[m].map((x) => x.serverMs)) },
      ]),
    );
    console.log(JSON.stringify({ rows: shares.length, csvMb: csv.length / 2 ** 20, parsedMs, rounds: ROUNDS, medians, each }));
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
