import { z } from "zod";
import { type CellRanges, cellX, cellY } from "../../geo/site-grid";
import type { SiteGroup } from "../../metrics/sites-basis";
import { Prisma } from "../../generated/prisma/client";
import { prisma } from "../client";
import { CompensatedSum } from "../compensated-sum";
import { readRows, readStatement } from "../reader";

// PostgreSQL's side of the site reads whose SQLite statements add floating-point columns up (total(),
// sum() of REAL): SQLite compensates, PostgreSQL's sum(float8) does not, and the answers must be the
// same numbers (lib/db/compensated-sum.ts). Here the values are read in the order SQLite adds them —
// the order its plan reads the rows in, which EXPLAIN QUERY PLAN shows — and added up in code.

/** One cell's sums (lib/db/site-clusters.ts CellRecord). */
type Cell = { x: number; y: number; sites: number; capacityMw: number; sumLat: number; sumLon: number };

type Sums = { sites: number; capacityMw: CompensatedSum; sumLat: CompensatedSum; sumLon: CompensatedSum };
const sums = (): Sums => ({ sites: 0, capacityMw: new CompensatedSum(), sumLat: new CompensatedSum(), sumLon: new CompensatedSum() });

/** Cells in the order y, x. */
function cellsOf(byCell: Map<string, Sums & { x: number; y: number }>): Cell[] {
  return [...byCell.values()]
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((c) => ({ x: c.x, y: c.y, sites: c.sites, capacityMw: c.capacityMw.value, sumLat: c.sumLat.value, sumLon: c.sumLon.value }));
}

function cellAt(byCell: Map<string, Sums & { x: number; y: number }>, x: number, y: number): Sums {
  const key = `${y}:${x}`;
  let cell = byCell.get(key);
  if (!cell) byCell.set(key, (cell = { x, y, ...sums() }));
  return cell;
}

type SiteFigures = { countryIso2: string; status: string; hashrateEh: number | null; capacityMw: number | null };

// SQLite reads a dataset's sites along (datasetId, countryIso2, name) and groups them in a temporary
// b-tree that keeps that order within a group.
const GROUPED_SITES = readStatement<SiteFigures>(
  `SELECT "countryIso2", "status", "hashrateEh", "capacityMw" FROM "MiningSite" WHERE "datasetId" = ?
   ORDER BY "countryIso2", "status", "name", "id"`,
);

/** lib/db/sites.ts siteGroups on PostgreSQL. */
export async function siteGroupsSummed(datasetId: number): Promise<SiteGroup[]> {
  const groups: (Omit<SiteGroup, "statedEh" | "capacityMw"> & { statedEh: CompensatedSum; capacityMw: CompensatedSum })[] = [];
  for (const site of await readRows(GROUPED_SITES, [datasetId])) {
    let group = groups.at(-1);
    if (group?.countryIso2 !== site.countryIso2 || group.status !== site.status) {
      group = {
        countryIso2: site.countryIso2,
        status: site.status,
        sites: 0,
        stated: 0,
        statedEh: new CompensatedSum(),
        fromCapacity: 0,
        capacityMw: new CompensatedSum(),
      };
      groups.push(group);
    }
    group.sites++;
    if (site.hashrateEh !== null) {
      group.stated++;
      group.statedEh.add(site.hashrateEh);
    } else if (site.capacityMw !== null) {
      group.fromCapacity++;
      group.capacityMw.add(site.capacityMw);
    }
  }
  return groups.map((g) => ({ ...g, statedEh: g.statedEh.value, capacityMw: g.capacityMw.value }));
}

const StoredCell = z.object({ x: z.number(), y: z.number(), sites: z.number(), capacityMw: z.number(), sumLat: z.number(), sumLon: z.number() });

/** lib/db/site-clusters.ts storedCells on PostgreSQL: each dataset's cell, in the order SQLite's (level, y, x) index gives them. */
export async function storedCellsSummed(level: number, cells: Prisma.Sql, dataset: Prisma.Sql): Promise<Cell[]> {
  const rows = await prisma().$queryRaw<unknown[]>`
    SELECT "x", "y", "sites", "capacityMw", "sumLat", "sumLon" FROM "SiteCell"
    WHERE "level" = ${level} AND ${cells} ${dataset} ORDER BY "y", "x", "datasetId"`;
  const byCell = new Map<string, Sums & { x: number; y: number }>();
  for (const row of z.array(StoredCell).parse(rows)) {
    const cell = cellAt(byCell, row.x, row.y);
    cell.sites += row.sites;
    cell.capacityMw.add(row.capacityMw);
    cell.sumLat.add(row.sumLat);
    cell.sumLon.add(row.sumLon);
  }
  return cellsOf(byCell);
}

const LocatedSite = z.object({ lat: z.number(), lon: z.number(), capacityMw: z.number().nullable() });

/**
 * lib/db/site-clusters.ts countedCells on PostgreSQL: the sites near the box in the order of SQLite's
 * (lat, lon) index, each put in its cell by lib/geo/site-grid.ts (the same arithmetic as SQLite's SQL).
 */
export async function countedCellsSummed(level: number, ranges: CellRanges, near: Prisma.Sql, dataset: Prisma.Sql): Promise<Cell[]> {
  const rows = await prisma().$queryRaw<unknown[]>`
    SELECT s."lat", s."lon", s."capacityMw" FROM "MiningSite" s WHERE (${near}) ${dataset} ORDER BY s."lat", s."lon", s."id"`;
  const inRanges = (x: number, y: number) => y >= ranges.ys[0] && y <= ranges.ys[1] && ranges.xs.some(([from, to]) => x >= from && x <= to);
  const byCell = new Map<string, Sums & { x: number; y: number }>();
  for (const site of z.array(LocatedSite).parse(rows)) {
    const x = cellX(site.lon, level);
    const y = cellY(site.lat, level);
    if (!inRanges(x, y)) continue;
    const cell = cellAt(byCell, x, y);
    cell.sites++;
    // total(capacityMw): a site without a stated capacity adds nothing.
    if (site.capacityMw !== null) cell.capacityMw.add(site.capacityMw);
    cell.sumLat.add(site.lat);
    cell.sumLon.add(site.lon);
  }
  return cellsOf(byCell);
}
