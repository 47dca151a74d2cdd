import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_MIGRATIONS_DIR, applyMigrations } from "./migrate";
import { rebuildSiteCells } from "./site-cells";

// The migration that added SiteCell filled it for the sites already stored; from then on every write
// rebuilds a dataset's cells. Both must give the same cells, or an upgraded database would draw
// different clusters from a fresh one.

const ENGINE_TIMEOUT_MS = 90_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-site-cells-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CELL_MIGRATION = fs.readdirSync(DEFAULT_MIGRATIONS_DIR).find((name) => name.endsWith("_sites_at_scale"));

type Cell = { datasetId: number; level: number; y: number; x: number; sites: number; capacityMw: number; sumLat: number; sumLon: number };
const cells = (db: Database.Database) => db.prepare(`SELECT * FROM "SiteCell" ORDER BY datasetId, level, y, x`).all() as Cell[];

describe("site cells", () => {
  it(
    "are the same whether the migration backfilled them or a write rebuilt them",
    async () => {
      if (!CELL_MIGRATION) throw new Error("no *_sites_at_scale migration in prisma/migrations");
      // The migration history up to, not including, the one that adds the cells.
      const before = path.join(dir, "before");
      fs.mkdirSync(before);
      fs.copyFileSync(path.join(DEFAULT_MIGRATIONS_DIR, "migration_lock.toml"), path.join(before, "migration_lock.toml"));
      for (const name of fs.readdirSync(DEFAULT_MIGRATIONS_DIR).filter((n) => /^\d{14}_/.test(n) && n < CELL_MIGRATION))
        fs.cpSync(path.join(DEFAULT_MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
      const file = path.join(dir, "upgrade.db");
      await applyMigrations(file, { migrationsDir: before });

      const db = new Database(file);
      try {
        db.exec(`INSERT INTO "Country" (iso2, iso3, isoNumeric, name) VALUES ('US', 'USA', '840', 'United States'), ('FJ', 'FJI', '242', 'Fiji')`);
        const insertDataset = db.prepare(
          `INSERT INTO "Dataset" (slug, kind, title, publisher, url, licence, retrievedAt, contentHash, importedAt)
           VALUES (?, 'sites', 't', 'p', 'https://example.org', 'CC0', '2026-01-01', 'h', '2026-01-01T00:00:00Z')`,
        );
        const ids = ["sites-a", "sites-b"].map((slug) => Number(insertDataset.run(slug).lastInsertRowid));
        const insertSite = db.prepare(
          `INSERT INTO "MiningSite" (datasetId, name, operator, countryIso2, lat, lon, capacityMw, status, certainty, sourceUrl)
           VALUES (?, 'S', 'O', ?, ?, ?, ?, 'operating', 'c', 'https://example.org')`,
        );
        // The edges of the world and of cells, both sides of the antimeridian, and sites without coordinates.
        const edges: [number | null, number | null][] = [
          [90, 180],
          [-90, -180],
          [0, 0],
          [-17.8, 178.4],
          [-16.5, -179.9],
          [45, 180],
          [null, null],
        ];
        for (const [i, datasetId] of ids.entries()) {
          for (const [lat, lon] of edges) insertSite.run(datasetId, lon !== null && lon > 170 ? "FJ" : "US", lat, lon, i === 0 ? 10 : null);
          for (let k = 0; k < 300; k++)
            insertSite.run(datasetId, "US", -60 + ((k * 7919) % 13000) / 100, -180 + ((k * 104729 + i) % 36000) / 100, k % 7 === 0 ? null : k);
        }
      } finally {
        db.close();
      }

      // The cell migration, and whatever later ones there are.
      const pending = fs.readdirSync(DEFAULT_MIGRATIONS_DIR).filter((n) => /^\d{14}_/.test(n) && n >= CELL_MIGRATION);
      expect((await applyMigrations(file)).applied).toEqual(pending.sort());
      const upgraded = new Database(file);
      try {
        const backfilled = cells(upgraded);
        expect(backfilled.length).toBeGreaterThan(100);
        const ids = [...new Set(backfilled.map((c) => c.datasetId))];
        expect(ids).toHaveLength(2);
        upgraded.transaction(() => {
          for (const id of ids) rebuildSiteCells(upgraded, id);
        })();
        expect(cells(upgraded)).toEqual(backfilled);
        // Every level counts each located site once.
        const perLevel = upgraded.prepare(`SELECT level, sum(sites) AS n FROM "SiteCell" GROUP BY level`).all() as { level: number; n: number }[];
        expect(new Set(perLevel.map((l) => l.n))).toEqual(new Set([2 * 306]));
      } finally {
        upgraded.close();
      }
    },
    ENGINE_TIMEOUT_MS,
  );
});
