// Seed, imports and sync written to PostgreSQL give what they give on SQLite: the same rows in every table
// (floats bit for bit), the same answers and refusals. ONE throw-away cluster (scripts/postgres-server.ts)
// for the file; each backend is seeded once and every test builds on what the one before left.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresServer, startPostgres } from "@/scripts/postgres-server";
import { seedDatabase } from "@/seed/seed";
import { type Fixture, fixtureChain, mempoolHandler, serve } from "@/tests/support/sync-fixtures";
import { postgresRows, type Row, sqliteRows } from "@/tests/support/table-rows";
import { refusalOf } from "../../api/errors";
import { importDataset } from "../../services/import";
import { SYNCED_NETWORK, SYNCED_RETARGETS, syncNetwork } from "../../services/sync";
import type { ImportQueryInput } from "../../validation/import";
import type { DatabaseLocation } from "../location";
import { COUNTED_TABLES } from "../tables";

let server: PostgresServer;
let mempool: Fixture;
let dir = "";
let sqlite: DatabaseLocation;
let postgres: DatabaseLocation;
const seeded: Partial<Record<DatabaseLocation["provider"], Awaited<ReturnType<typeof seedDatabase>>>> = {};

beforeAll(async () => {
  [server, mempool] = await Promise.all([startPostgres(), serve(mempoolHandler(fixtureChain()))]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-pg-write-"));
  sqlite = { provider: "sqlite", path: path.join(dir, "twin.db") };
  postgres = { provider: "postgresql", url: server.url };
  seeded.sqlite = await seedDatabase(sqlite);
  seeded.postgresql = await seedDatabase(postgres);
}, 120_000);

afterAll(async () => {
  await Promise.all([server.stop(), mempool.close()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

const rowsOf = async (location: DatabaseLocation, sql: string): Promise<Row[]> =>
  location.provider === "sqlite" ? sqliteRows(location.path, sql) : postgresRows(location.url, sql);

/** Each table's key: rows compared in this order (text keys in byte order: the C collation, README "PostgreSQL"). */
const ORDER: Record<(typeof COUNTED_TABLES)[number], string> = {
  Country: `"iso2"`,
  Region: `"code"`,
  Dataset: `"id"`,
  HashrateShare: `"id"`,
  NetworkStat: `"id"`,
  DifficultyAdjustment: `"id"`,
  PowerPrice: `"id"`,
  MiningSite: `"id"`,
  SiteCell: `"datasetId", "level", "y", "x"`,
  NetworkEvent: `"id"`,
  ShockObservation: `"id"`,
  RegionalShare: `"id"`,
  Bloc: `"id"`,
  BlocMember: `"blocId", "countryIso2"`,
  ShockEvent: `"id"`,
  ShockEventCountry: `"shockEventId", "countryIso2"`,
};

/** Every row of every table; the time of writing differs by construction and is left out. */
async function everyTable(location: DatabaseLocation): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of COUNTED_TABLES) {
    const rows = await rowsOf(location, `SELECT * FROM "${table}" ORDER BY ${ORDER[table]}`);
    out[table] = rows.map(({ importedAt: _importedAt, ...row }) => row);
  }
  return out;
}

/**
 * What an import leaves, by dataset slug rather than id (ids part ways once a dataset is replaced: SQLite
 * may reuse the highest id, a PostgreSQL sequence never does). Within a dataset, rows in the order written.
 */
const BY_SLUG = {
  datasets: `SELECT "slug", "kind", "title", "origin", "coverage", "retrievedAt", "contentHash" FROM "Dataset" ORDER BY "slug"`,
  shares: `SELECT d."slug", s."period", s."countryIso2", s."share", s."hashrateEh", s."sourceDataset" FROM "HashrateShare" s
    JOIN "Dataset" d ON d."id" = s."datasetId" ORDER BY d."slug", s."id"`,
  sites: `SELECT d."slug", s."name", s."lat", s."lon", s."capacityMw", s."status" FROM "MiningSite" s JOIN "Dataset" d ON d."id" = s."datasetId"
    ORDER BY d."slug", s."id"`,
  cells: `SELECT d."slug", c."level", c."y", c."x", c."sites", c."capacityMw", c."sumLat", c."sumLon" FROM "SiteCell" c
    JOIN "Dataset" d ON d."id" = c."datasetId" ORDER BY d."slug", c."level", c."y", c."x"`,
  network: `SELECT d."slug", s."period", s."hashrateEh", s."difficulty", s."blockSubsidyBtc", s."avgFeesBtc", s."method" FROM "NetworkStat" s
    JOIN "Dataset" d ON d."id" = s."datasetId" ORDER BY d."slug", s."id"`,
  retargets: `SELECT d."slug", r."height", r."dateUtc", r."difficulty", r."changePct", r."epochHashrateEh", r."epochDays" FROM "DifficultyAdjustment" r
    JOIN "Dataset" d ON d."id" = r."datasetId" ORDER BY d."slug", r."id"`,
};

async function bySlug(location: DatabaseLocation): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const [name, sql] of Object.entries(BY_SLUG)) out[name] = await rowsOf(location, sql);
  return out;
}

describe("the seed on PostgreSQL", () => {
  it("writes the same rows as on SQLite, in every table: ids, text, and floats bit for bit (site-cell sums included)", async () => {
    expect(seeded.postgresql).toEqual(seeded.sqlite);
    expect(seeded.postgresql).toMatchObject({ skipped: false, countriesChanged: 250, unchanged: [] });
    const [onPostgres, onSqlite] = [await everyTable(postgres), await everyTable(sqlite)];
    for (const table of COUNTED_TABLES) {
      expect(onPostgres[table]?.length, table).toBeGreaterThan(0);
      expect(onPostgres[table], table).toEqual(onSqlite[table]);
    }
  });

  it("a second seed writes nothing (same content hashes), and a start-up seed leaves the database alone", async () => {
    const before = await everyTable(postgres);
    const importedAt = await rowsOf(postgres, `SELECT "slug", "importedAt" FROM "Dataset" ORDER BY "slug"`);
    const again = await seedDatabase(postgres);
    expect(again).toMatchObject({ skipped: false, countriesChanged: 0, written: [] });
    expect(again.skipped ? [] : again.unchanged).toHaveLength(importedAt.length);
    expect(await seedDatabase(postgres, { ifEmpty: true })).toEqual({ skipped: true, reason: `database already holds ${importedAt.length} datasets` });
    expect(await everyTable(postgres)).toEqual(before);
    expect(await rowsOf(postgres, `SELECT "slug", "importedAt" FROM "Dataset" ORDER BY "slug"`)).toEqual(importedAt);
  });
});

const PROVENANCE = { publisher: "Test", url: "https://example.org/data", licence: "CC0" };
const upload = (text: string) => ({ bytes: new TextEncoder().encode(text), contentType: "text/csv", name: "upload.csv" });
const SITES_CSV = [
  "site,operator,country,region_city,lat_approx,lon_approx,capacity_MW,hashrate_EH_s,energy_source,status_note,certainty,source_url",
  "A,Op,United States,,31.1,-97.3,100.5,,grid,operating,low,https://example.org/a",
  "B,Op,United States,,31.2,-97.1,,,grid,operating,low,https://example.org/b",
  "C,Op,Canada,,45.5,-73.6,0.1,,hydro,operating,low,https://example.org/c",
  "D,Op,Norway,,,,30,,hydro,planned,low,https://example.org/d",
].join("\n");
const PRICES_CSV = [
  "country_iso2,country_name,usd_per_kwh,price_type,period,source_name,source_url,certainty,note",
  "NO,Norway,0.05,industrial,2024-S2,Test source,https://example.org/prices,high,",
].join("\n");

/** The same imports on both backends, in turn: new, replaced, refused, dry runs; each answer or refusal compared. */
const STEPS: { query: ImportQueryInput; csv: string }[] = [
  { query: { kind: "shares", dataset: "twin-shares", ...PROVENANCE }, csv: "period,country,share\n2031-01,US,0.5\n2031-01,CA,0.2\n2031-01,NO,0.1\n" },
  { query: { kind: "shares", dataset: "twin-shares", ...PROVENANCE }, csv: "period,country,share\n2031-02,US,0.4\n2031-02,CA,0.3\n2031-02,DE,0.1\n" },
  { query: { kind: "shares", dataset: "twin-shares", ...PROVENANCE }, csv: "period,country,share\n2031-02,US,0.4\n2031-02,CA,0.3\n2031-02,DE,0.1\n" },
  { query: { kind: "prices", dataset: "twin-shares", ...PROVENANCE }, csv: PRICES_CSV },
  { query: { kind: "shares", dataset: "best-estimate", ...PROVENANCE, dryRun: "1" }, csv: "period,country,share\n2031-01,US,0.5\n" },
  { query: { kind: "shares", dataset: "twin-dry", ...PROVENANCE, dryRun: "1" }, csv: "period,country,share\n2031-03,US,0.5\n" },
  { query: { kind: "sites", dataset: "twin-sites", ...PROVENANCE }, csv: SITES_CSV },
  { query: { kind: "sites", dataset: "mining-sites", ...PROVENANCE }, csv: SITES_CSV },
];

async function run(location: DatabaseLocation) {
  const answers: unknown[] = [];
  for (const step of STEPS) {
    answers.push(
      await importDataset({ query: step.query, file: upload(step.csv), database: location }).catch((error: unknown) => ({
        refused: error instanceof Error ? error.name : String(error),
        ...refusalOf(error),
      })),
    );
  }
  return answers;
}

describe("imports on PostgreSQL", () => {
  it("write, replace whole and refuse as on SQLite, leaving the same datasets, rows, site cells and best estimate", async () => {
    const [onPostgres, onSqlite] = [await run(postgres), await run(sqlite)];
    expect(onPostgres).toEqual(onSqlite);
    expect(onPostgres).toMatchObject([
      // Three countries and the unattributed rest.
      { dataset: "twin-shares", rows: 4, replaced: false },
      { dataset: "twin-shares", rows: 4, replaced: true },
      { dataset: "twin-shares", rows: 4, replaced: true },
      { refused: "Conflict", status: 409, field: "dataset" },
      { refused: "Conflict", status: 409, field: "dataset" },
      { dataset: "twin-dry", dryRun: true },
      { dataset: "twin-sites", rows: 4, replaced: false },
      { dataset: "mining-sites", rows: 4, replaced: true },
    ]);
    const [after, twin] = [await bySlug(postgres), await bySlug(sqlite)];
    expect(after).toEqual(twin);
    // Replaced whole: only February is left of twin-shares, and the best estimate's newest month is it.
    expect(after.shares?.filter((r) => r.slug === "twin-shares").map((r) => r.period)).toEqual(["2031-02", "2031-02", "2031-02", "2031-02"]);
    expect(after.shares?.filter((r) => r.slug === "best-estimate").at(-1)).toMatchObject({ period: "2031-02", sourceDataset: "twin-shares" });
    expect(after.datasets?.map((d) => d.slug)).not.toContain("twin-dry");
    // Three located sites (one has no coordinates), counted in the one cell of level 0.
    expect(after.cells?.filter((c) => c.slug === "twin-sites" && c.level === 0)).toMatchObject([{ y: 0, x: 0, sites: 3 }]);
  });
});

/** Text that a text-format COPY would have to escape, every script, NULLs, and numbers that do not round-trip through short decimals. */
const AWKWARD_SITES_CSV = [
  "site,operator,country,region_city,lat_approx,lon_approx,capacity_MW,hashrate_EH_s,energy_source,status_note,certainty,source_url",
  `"Tab\there",Back\\slash,Norway,"Line one\nline two",59.91273000000001,10.746090000000002,0.30000000000000004,,hydro,operating,low,https://example.org/a`,
  `Zürich – 東京 🚀,\\N,Switzerland,,-0.0,-0.0,1e-7,0.1,,operating since 2021,high,https://example.org/b?x=1&y=\\t`,
].join("\n");

describe("imports on PostgreSQL, awkward values", () => {
  it("store the same text and numbers as SQLite, bit for bit: tabs, newlines, backslashes, non-ASCII, \\N as text, -0, long floats", async () => {
    const query = { kind: "sites" as const, dataset: "twin-awkward", ...PROVENANCE };
    const sql = `SELECT s."name", s."operator", s."countryIso2", s."locality", s."lat", s."lon", s."capacityMw", s."hashrateEh", s."energySource",
        s."statusNote", s."sourceUrl" FROM "MiningSite" s JOIN "Dataset" d ON d."id" = s."datasetId" WHERE d."slug" = 'twin-awkward' ORDER BY s."id"`;
    for (const location of [postgres, sqlite])
      expect(await importDataset({ query, file: upload(AWKWARD_SITES_CSV), database: location })).toMatchObject({ rows: 2 });
    const [onPostgres, onSqlite] = [await rowsOf(postgres, sql), await rowsOf(sqlite, sql)];
    expect(onPostgres).toEqual(onSqlite);
    expect(onPostgres).toMatchObject([
      { name: "Tab\there", operator: "Back\\slash", locality: "Line one\nline two", lat: 59.91273000000001, capacityMw: 0.30000000000000004, hashrateEh: null },
      { name: "Zürich – 東京 🚀", operator: "\\N", locality: null, lat: 0, lon: 0, capacityMw: 1e-7, sourceUrl: "https://example.org/b?x=1&y=\\t" },
    ]);
    expect(Object.is(onPostgres[1]?.lat, 0)).toBe(true);
  });
});

describe("npm run sync on PostgreSQL", () => {
  it("adds the months and retargets the database lacks, as on SQLite, and a second run writes nothing", async () => {
    const request = (database: DatabaseLocation) => ({
      source: { kind: "mempool" as const, baseUrl: mempool.url },
      database,
      timeoutMs: 5_000,
      now: new Date("2026-11-29T06:00:00Z"),
    });
    const [onPostgres, onSqlite] = [await syncNetwork(request(postgres)), await syncNetwork(request(sqlite))];
    expect(onPostgres).toEqual(onSqlite);
    expect(onPostgres.written).toEqual([SYNCED_NETWORK, SYNCED_RETARGETS]);
    expect(onPostgres.monthsAdded.length).toBeGreaterThan(0);
    const [after, twin] = [await bySlug(postgres), await bySlug(sqlite)];
    expect(after.network).toEqual(twin.network);
    expect(after.retargets).toEqual(twin.retargets);
    expect(await syncNetwork(request(postgres))).toMatchObject({ monthsAdded: [], retargetsAdded: [], written: [] });
    expect(await bySlug(postgres)).toEqual(after);
  });
});
