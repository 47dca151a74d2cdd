import type Database from "better-sqlite3";
import { STORED_LEVELS_MAX, columns, rows } from "../geo/site-grid";

// The map's clusters are located sites counted per grid cell (lib/geo/site-grid.ts). Levels up to
// STORED_LEVELS_MAX are stored per dataset (SiteCell), rebuilt inside the transaction that writes the
// dataset's sites, so that a view reads the cells it covers however many sites the database holds
// (lib/db/site-clusters.ts reads them). No Prisma here: bulk writes use a raw connection (lib/db/bulk.ts).
// PostgreSQL's cells are counted by lib/db/postgres/site-cells.ts, to the same numbers.

/**
 * Rebuild a dataset's cells: the finest stored level from its sites, each coarser level from the one
 * below. Call inside the write's transaction. The migration that introduced the table backfilled the
 * cells with the same statements (prisma/migrations/*_sites_at_scale).
 */
export function rebuildSiteCells(db: Database.Database, datasetId: number): void {
  db.prepare(`DELETE FROM "SiteCell" WHERE datasetId = ?`).run(datasetId);
  db.prepare(
    `INSERT INTO "SiteCell" (datasetId, level, y, x, sites, capacityMw, sumLat, sumLon)
     SELECT datasetId, @level, y, x, count(*), total(capacityMw), total(lat), total(lon) FROM (
       SELECT datasetId, lat, lon, capacityMw,
         min(CAST((lat + 90) * @columns / 360.0 AS INTEGER), @lastRow) AS y,
         min(CAST((lon + 180) * @columns / 360.0 AS INTEGER), @lastColumn) AS x
       FROM "MiningSite" WHERE datasetId = @datasetId AND lat IS NOT NULL AND lon IS NOT NULL
     ) GROUP BY datasetId, y, x`,
  ).run({
    datasetId,
    level: STORED_LEVELS_MAX,
    columns: columns(STORED_LEVELS_MAX),
    lastRow: rows(STORED_LEVELS_MAX) - 1,
    lastColumn: columns(STORED_LEVELS_MAX) - 1,
  });
  const coarser = db.prepare(
    `INSERT INTO "SiteCell" (datasetId, level, y, x, sites, capacityMw, sumLat, sumLon)
     SELECT datasetId, @level, y / 2, x / 2, sum(sites), sum(capacityMw), sum(sumLat), sum(sumLon)
     FROM "SiteCell" WHERE datasetId = @datasetId AND level = @level + 1 GROUP BY datasetId, y / 2, x / 2`,
  );
  for (let level = STORED_LEVELS_MAX - 1; level >= 0; level--) coarser.run({ datasetId, level });
}
