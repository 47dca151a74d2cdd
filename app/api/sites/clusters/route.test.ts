import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cellBounds, MAX_GRID_SIDE, STORED_LEVELS_MAX } from "@/lib/geo/site-grid";
import { CountryResponse, MetricsResponse, SiteClustersResponse, SitesResponse } from "@/lib/validation/responses";
import { COUNTRY_SITES_SHOWN, MAP_SITES_LIMIT, SITES_PAGE_DEFAULT } from "@/lib/validation/sites-limits";
import { expectFieldError, get } from "@/tests/support/api";

// The seeded database plus 200 000 sites generated in SQL, in a file of this test's own: the map's
// answer must stay bounded, the listing paged, basis=sites and the country panel unmoved by them.

const GENERATED = 200_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-sites-scale-"));
const file = path.join(dir, "scale.db");
vi.stubEnv("DATABASE_URL", `file:${file}`);

type Handler = (request: Request) => Promise<Response>;
let clusters: Handler;
let sites: Handler;
let located = 0;
let seedLocated = 0;

beforeAll(async () => {
  const testDb = process.env.HASHATLAS_TEST_DB;
  if (!testDb) throw new Error("HASHATLAS_TEST_DB is not set (see vitest.config.mts)");
  const source = new Database(testDb, { readonly: true });
  source.prepare("VACUUM INTO ?").run(file);
  source.close();
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const { rebuildSiteCells } = await import("@/lib/db/site-cells");
  db.transaction(() => {
    const datasetId = db
      .prepare(
        `INSERT INTO "Dataset" (slug, kind, title, publisher, url, licence, retrievedAt, origin, coverage, contentHash, importedAt)
         VALUES ('scale-sites', 'sites', 'Generated sites', 'test', 'https://example.org', 'CC0', '2026-01-01', 'import', 'partial', 'x', '2026-01-01T00:00:00Z')`,
      )
      .run().lastInsertRowid;
    // Spread over every longitude (both sides of the antimeridian) between 60°S and 70°N; every 50th has no capacity.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO "MiningSite" (datasetId, name, operator, countryIso2, lat, lon, capacityMw, status, certainty, sourceUrl)
       SELECT ?, 'Generated ' || i, 'Test', 'US', -60 + (i * 7919 % 13000) / 100.0, -180 + (i * 104729 % 36000) / 100.0,
         NULLIF(i % 50, 0), 'operating', 'test', 'https://example.org' FROM n`,
    ).run(GENERATED, datasetId);
    rebuildSiteCells(db, Number(datasetId));
  })();
  seedLocated = (
    db.prepare(`SELECT count(*) AS n FROM "MiningSite" s JOIN "Dataset" d ON d.id = s.datasetId WHERE d.slug = 'mining-sites' AND lat IS NOT NULL`).get() as {
      n: number;
    }
  ).n;
  located = (db.prepare(`SELECT count(*) AS n FROM "MiningSite" WHERE lat IS NOT NULL`).get() as { n: number }).n;
  db.close();
  clusters = (await import("./route")).GET;
  sites = (await import("../route")).GET;
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function view(query: string) {
  const { status, body } = await get(clusters, `/api/sites/clusters?${query}`);
  expect(status, query).toBe(200);
  return SiteClustersResponse.parse(body);
}

const within = (p: { lat: number; lon: number }, b: { west: number; south: number; east: number; north: number }) =>
  p.lat >= b.south && p.lat <= b.north && (b.west <= b.east ? p.lon >= b.west && p.lon <= b.east : p.lon >= b.west || p.lon <= b.east);

describe("GET /api/sites/clusters with 200 000 sites in the database", () => {
  it("answers the whole world with at most (MAX_GRID_SIDE + 1)² clusters that add up to every located site", async () => {
    expect(located).toBe(GENERATED + seedLocated);
    const world = await view("bbox=-180,-90,180,90&zoom=1");
    expect(world).toMatchObject({ mode: "clusters", level: 4, sites: [] });
    expect(world.clusters.length).toBeGreaterThan(1);
    expect(world.clusters.length).toBeLessThanOrEqual((MAX_GRID_SIDE + 1) ** 2);
    expect(world.clusters.reduce((n, c) => n + c.sites, 0)).toBe(located);
    for (const c of world.clusters) expect(within(c, c.cell), JSON.stringify(c)).toBe(true);
    // A huge box asked for at a close zoom gets coarser cells, not a flood of them.
    const greedy = await view("bbox=-180,-90,180,90&zoom=22");
    expect(greedy.level).toBeLessThanOrEqual(6);
    expect(greedy.clusters.length).toBeLessThanOrEqual((MAX_GRID_SIDE + 1) ** 2);
    expect(greedy.clusters.reduce((n, c) => n + c.sites, 0)).toBe(located);
  });

  it("a close view past the stored levels counts its cells from the sites: bounded, and the same counts as the listing", async () => {
    // 20° × 10° of the generated field: ~4 sites per square degree, more than one answer lists.
    const close = await view("bbox=0,0,20,10&zoom=7");
    expect(close.level).toBeGreaterThan(STORED_LEVELS_MAX);
    expect(close.mode).toBe("clusters");
    expect(close.clusters.length).toBeLessThanOrEqual((MAX_GRID_SIDE + 1) ** 2);
    // Whole cells: every site of every cell the box touches, as GET /api/sites lists them box by box.
    for (const c of close.clusters.slice(0, 3)) {
      const listed = SitesResponse.parse(
        (await get(sites, `/api/sites?bbox=${[c.cell.west, c.cell.south, c.cell.east, c.cell.north].join(",")}&limit=2000`)).body,
      );
      const inCell = listed.sites.filter((s) => s.lat !== null && s.lon !== null && s.lat < c.cell.north && s.lon < c.cell.east);
      expect(inCell.length, JSON.stringify(c.cell)).toBe(c.sites);
    }
  });

  it("lists the sites themselves where a view holds few: Paraguay's hydro sites, with what their popups show", async () => {
    const py = await view("bbox=-55.2,-25.9,-54.4,-25.2&zoom=9");
    expect(py.mode).toBe("sites");
    expect(py.sites.length).toBeLessThanOrEqual(MAP_SITES_LIMIT);
    expect(py.sites.find((s) => s.name === "Hernandarias (Penguin site)")).toMatchObject({
      countryIso2: "PY",
      dataset: "mining-sites",
      sourceUrl: expect.stringMatching(/^https?:/),
    });
    for (const s of py.sites) expect(within({ lat: s.lat ?? NaN, lon: s.lon ?? NaN }, py.bbox)).toBe(true);
  });

  it("handles a view across the antimeridian", async () => {
    const across = await view("bbox=170,-30,-170,30&zoom=3");
    expect(across.mode).toBe("clusters");
    const total = across.clusters.reduce((n, c) => n + c.sites, 0);
    expect(total).toBeGreaterThan(MAP_SITES_LIMIT);
    for (const c of across.clusters) expect(c.lon >= 168.75 || c.lon <= -168.75, JSON.stringify(c)).toBe(true);
    // The same cells as the two halves asked for apart.
    const east = await view("bbox=170,-30,180,30&zoom=3");
    const west = await view("bbox=-180,-30,-170,30&zoom=3");
    expect(east.level).toBe(across.level);
    expect(west.level).toBe(across.level);
    expect(total).toBe([...east.clusters, ...west.clusters].reduce((n, c) => n + c.sites, 0));
  });

  it("filters by dataset: the seed's sites alone fit one answer, as the map showed them before", async () => {
    const seed = await view("bbox=-180,-90,180,90&zoom=1&dataset=mining-sites");
    expect(seed).toMatchObject({ mode: "sites", clusters: [] });
    expect(seed.sites).toHaveLength(seedLocated);
    const generated = await view("bbox=-180,-90,180,90&zoom=1&dataset=scale-sites");
    expect(generated.clusters.reduce((n, c) => n + c.sites, 0)).toBe(GENERATED);
  });

  it("stores cells that add up, level by level, to the located sites of each dataset", () => {
    const db = new Database(file, { readonly: true });
    try {
      const levels = db.prepare(`SELECT level, sum(sites) AS n, count(*) AS cells FROM "SiteCell" GROUP BY level ORDER BY level`).all() as {
        level: number;
        n: number;
        cells: number;
      }[];
      expect(levels.map((l) => l.level)).toEqual(Array.from({ length: STORED_LEVELS_MAX + 1 }, (_, i) => i));
      for (const l of levels) expect(l.n, `level ${l.level}`).toBe(located);
      // Each stored cell's centroid lies in its cell.
      const cells = db.prepare(`SELECT level, x, y, sites, sumLat, sumLon FROM "SiteCell" WHERE level = 9 LIMIT 500`).all() as {
        level: number;
        x: number;
        y: number;
        sites: number;
        sumLat: number;
        sumLon: number;
      }[];
      for (const c of cells) expect(within({ lat: c.sumLat / c.sites, lon: c.sumLon / c.sites }, cellBounds(c.x, c.y, c.level))).toBe(true);
    } finally {
      db.close();
    }
  });

  it.each([
    ["zoom=1", "bbox", /Required|expected/i],
    ["bbox=-180,-90,180,90", "zoom", /Required|expected/i],
    ["bbox=-180,-90,180,90&zoom=23", "zoom", /at most 22/],
    ["bbox=-180,-90,180,90&zoom=1.5", "zoom", /whole number/],
    ["bbox=-180,-90,180,90&zoom=1&limit=5", "limit", /is not a parameter of \/api\/sites\/clusters/],
    ["bbox=-180,-90,180,90&zoom=1&dataset=cbeci-monthly", "dataset", /not mining sites/],
  ])("answers 400 naming the parameter: %s", async (query, field, message) => {
    expectFieldError(await get(clusters, `/api/sites/clusters?${query}`), 400, field, message);
  });
});

describe("the rest of the app with 200 000 sites in the database", () => {
  it("GET /api/sites answers one page, not every site", async () => {
    const first = SitesResponse.parse((await get(sites, "/api/sites")).body);
    expect(first.count).toBe(SITES_PAGE_DEFAULT);
    expect(first.nextCursor).not.toBeNull();
    const next = SitesResponse.parse((await get(sites, `/api/sites?cursor=${first.nextCursor}&dataset=scale-sites&country=US&limit=3`)).body);
    expect(next.sites.map((s) => s.dataset)).toEqual(["scale-sites", "scale-sites", "scale-sites"]);
  });

  it("the country panel lists the first sites and says how many there are", async () => {
    const { GET } = await import("../../country/route");
    const us = CountryResponse.parse((await get(GET, "/api/country?iso2=US")).body);
    expect(us.sites).toHaveLength(COUNTRY_SITES_SHOWN);
    expect(us.sitesTotal).toBe(GENERATED + 64);
  });

  it("basis=sites reads the chosen dataset only: the seed's figures are unmoved by 200 000 other sites", async () => {
    const { GET } = await import("../../metrics/route");
    const m = MetricsResponse.parse((await get(GET, "/api/metrics?basis=sites&period=2025-07&efficiency=20")).body);
    expect(m.sites).toMatchObject({ sitesCounted: 56, sitesWithoutSize: 35 });
    expect(m.sites?.sitesEh).toBeCloseTo(300.56, 9);
    const generated = MetricsResponse.parse((await get(GET, "/api/metrics?basis=sites&period=2025-07&efficiency=20&dataset=scale-sites")).body);
    expect(generated.sites).toMatchObject({ sitesCounted: GENERATED - GENERATED / 50, sitesWithoutSize: GENERATED / 50 });
  });
});
