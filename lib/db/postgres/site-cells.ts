import type pg from "pg";
import { cellX, cellY, STORED_LEVELS_MAX } from "../../geo/site-grid";
import type { SiteRecord } from "../../validation/sites";
import { SITE_CELL, type SiteCellRow } from "../row-tables";
import { CompensatedSum } from "../compensated-sum";
import { copyRows } from "./copy";
import { POSTGRES_WRITES } from "./sql";

// The map's cells of a dataset (lib/db/site-cells.ts says what they are), for PostgreSQL. SQLite counts
// them in SQL; here they are counted from the rows the write has in hand, because the two engines add
// floating-point numbers differently — SQLite's sum() and total() compensate (Kahan–Babuška–Neumaier),
// PostgreSQL's sum(float8) does not — and the sums must be the same numbers on both backends. So the
// sums below are SQLite's, step for step; the cell of a site is lib/geo/site-grid.ts's, the same
// arithmetic as SQLite's SQL.

type Accumulator = { y: number; x: number; sites: number; capacityMw: CompensatedSum; sumLat: CompensatedSum; sumLon: CompensatedSum };

function accumulator(y: number, x: number): Accumulator {
  return { y, x, sites: 0, capacityMw: new CompensatedSum(), sumLat: new CompensatedSum(), sumLon: new CompensatedSum() };
}

/** The cells of a level, in the order y, x. */
function finish(level: number, cells: Map<string, Accumulator>): SiteCellRow[] {
  return [...cells.values()]
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((c) => ({ level, y: c.y, x: c.x, sites: c.sites, capacityMw: c.capacityMw.value, sumLat: c.sumLat.value, sumLon: c.sumLon.value }));
}

/** Every stored level's cells of these sites: the finest from the located sites (in the order given), each coarser level from the one below. */
export function siteCellsOf(sites: readonly Pick<SiteRecord, "lat" | "lon" | "capacityMw">[]): SiteCellRow[] {
  const finest = new Map<string, Accumulator>();
  for (const { lat, lon, capacityMw } of sites) {
    if (lat === null || lon === null) continue;
    const y = cellY(lat, STORED_LEVELS_MAX);
    const x = cellX(lon, STORED_LEVELS_MAX);
    const key = `${y}:${x}`;
    let cell = finest.get(key);
    if (!cell) finest.set(key, (cell = accumulator(y, x)));
    cell.sites++;
    // total(capacityMw): a site without a stated capacity adds nothing.
    if (capacityMw !== null) cell.capacityMw.add(capacityMw);
    cell.sumLat.add(lat);
    cell.sumLon.add(lon);
  }
  const levels = [finish(STORED_LEVELS_MAX, finest)];
  for (let level = STORED_LEVELS_MAX - 1; level >= 0; level--) {
    const coarser = new Map<string, Accumulator>();
    for (const below of levels.at(-1) ?? []) {
      const y = Math.floor(below.y / 2);
      const x = Math.floor(below.x / 2);
      const key = `${y}:${x}`;
      let cell = coarser.get(key);
      if (!cell) coarser.set(key, (cell = accumulator(y, x)));
      cell.sites += below.sites;
      cell.capacityMw.add(below.capacityMw);
      cell.sumLat.add(below.sumLat);
      cell.sumLon.add(below.sumLon);
    }
    levels.push(finish(level, coarser));
  }
  return levels.flat();
}

/** Replace a dataset's cells with those of `sites` (the rows just written for it). Call inside the write's transaction. */
export async function rebuildSiteCellsPostgres(client: pg.ClientBase, datasetId: number, sites: readonly SiteRecord[]): Promise<void> {
  await client.query(POSTGRES_WRITES.deleteSiteCells, [datasetId]);
  await copyRows(client, SITE_CELL, siteCellsOf(sites), datasetId);
}
