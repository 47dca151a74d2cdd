import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticSites } from "@/bench/synthetic";
import { allCountries } from "../../geo/countries";
import type { SiteRecord } from "../../validation/sites";
import { writeDatasets } from "../bulk";
import { applyMigrations } from "../migrate";
import { openSqlite } from "../sqlite";
import { siteCellsOf } from "./site-cells";

// PostgreSQL's cells are counted in JavaScript, SQLite's in SQL; both must hold the same numbers, bit for
// bit, or the map would answer differently by backend. Checked against SQLite itself (no PostgreSQL
// needed): sites whose sums a plain left-to-right addition gets wrong in the last bit for about half the cells.
let dir = "";
let file = "";

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-cells-"));
  file = path.join(dir, "cells.db");
  await applyMigrations(file);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const META = { title: "t", publisher: "p", url: "https://example.org", licence: "l", retrievedAt: "2026-01-01", method: null, caveats: null } as const;

function sqliteCells(slug: string, sites: SiteRecord[]) {
  const db = openSqlite(file);
  try {
    writeDatasets(db, { countries: allCountries(), datasets: [{ meta: { ...META, slug, kind: "sites", coverage: "network" }, origin: "import", sites }] });
    return db
      .prepare(
        `SELECT c.level, c.y, c.x, c.sites, c.capacityMw, c.sumLat, c.sumLon FROM SiteCell c JOIN Dataset d ON d.id = c.datasetId
         WHERE d.slug = ? ORDER BY c.level DESC, c.y, c.x`,
      )
      .all(slug);
  } finally {
    db.close();
  }
}

/** Coordinates and capacities with long binary expansions, some capacities missing, a few sites unlocated. */
const awkward = (sites: SiteRecord[]): SiteRecord[] =>
  sites.map((s, i) => ({
    ...s,
    lat: i % 101 === 0 ? null : (s.lat ?? 0) + (i * 1e-7) / 3,
    lon: i % 101 === 0 ? null : (s.lon ?? 0) * (1 + 1e-9 * i),
    capacityMw: i % 7 ? (s.capacityMw ?? 0) / 3 : null,
  }));

describe("siteCellsOf", () => {
  it.each([
    ["synthetic", syntheticSites(20_000, 1)],
    ["awkward", awkward(syntheticSites(20_000, 2))],
    ["none located", syntheticSites(3, 3).map((s) => ({ ...s, lat: null, lon: null }))],
  ])("gives SQLite's cells for %s sites, every level, sums bit for bit", (name, sites) => {
    const expected = sqliteCells(name.replace(/ /g, "-"), sites);
    expect(siteCellsOf(sites).sort((a, b) => b.level - a.level || a.y - b.y || a.x - b.x)).toEqual(expected);
    if (name !== "none located") expect(expected.length).toBeGreaterThan(100);
  });
});
