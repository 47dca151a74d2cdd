import { z } from "zod";
import { type CellRanges, cellDegrees, columns, rows } from "../geo/site-grid";
import { Prisma } from "../generated/prisma/client";
import { env } from "../env";
import { prisma } from "./client";
import { countedCellsSummed, storedCellsSummed } from "./postgres/site-reads";
import { sqlCount } from "./reader";
import { inBbox } from "./site-filter";

// Reading the map's clusters: the stored cells of a level (lib/db/site-cells.ts writes them), or for a
// level finer than those, cells counted from the sites of a close view. PostgreSQL adds the cells'
// floating-point sums in code, as SQLite adds them (lib/db/postgres/site-reads.ts).

/** One cell's sums: `sites` located sites, their capacity and coordinates summed. */
export type CellRecord = { x: number; y: number; sites: number; capacityMw: number; sumLat: number; sumLon: number };

const CellRow = z.object({ x: sqlCount, y: sqlCount, sites: sqlCount, capacityMw: z.number(), sumLat: z.number(), sumLon: z.number() });

function cellsIn(ranges: CellRanges): Prisma.Sql {
  const xs = Prisma.join(
    ranges.xs.map(([from, to]) => Prisma.sql`"x" BETWEEN ${from} AND ${to}`),
    " OR ",
  );
  return Prisma.sql`"y" BETWEEN ${ranges.ys[0]} AND ${ranges.ys[1]} AND (${xs})`;
}

/** The stored cells of a level (≤ STORED_LEVELS_MAX) in the ranges, summed over every sites dataset or of one. */
export async function storedCells(level: number, ranges: CellRanges, datasetId?: number): Promise<CellRecord[]> {
  const dataset = datasetId === undefined ? Prisma.empty : Prisma.sql`AND "datasetId" = ${datasetId}`;
  if (env().database.provider === "postgresql") return storedCellsSummed(level, cellsIn(ranges), dataset);
  const found = await prisma().$queryRaw<unknown[]>`
    SELECT "x", "y", sum("sites") AS sites, sum("capacityMw") AS "capacityMw", sum("sumLat") AS "sumLat", sum("sumLon") AS "sumLon"
    FROM "SiteCell" WHERE "level" = ${level} AND ${cellsIn(ranges)} ${dataset}
    GROUP BY "y", "x" ORDER BY "y", "x"`;
  return z.array(CellRow).parse(found);
}

/**
 * The cells of a level finer than the stored ones, counted from the sites (a close view: the box spans
 * at most MAX_GRID_SIDE cells, and holds what a close view of the map holds). Whole cells, as stored
 * ones are: the sites of the cells the box touches, not only those inside it.
 */
export async function countedCells(level: number, ranges: CellRanges, datasetId?: number): Promise<CellRecord[]> {
  const degrees = cellDegrees(level);
  const south = ranges.ys[0] * degrees - 90;
  const north = Math.min((ranges.ys[1] + 1) * degrees - 90, 90);
  const near = Prisma.join(
    ranges.xs.map(([from, to]) => inBbox({ west: from * degrees - 180, east: Math.min((to + 1) * degrees - 180, 180), south, north })),
    " OR ",
  );
  const dataset = datasetId === undefined ? Prisma.empty : Prisma.sql`AND s."datasetId" = ${datasetId}`;
  if (env().database.provider === "postgresql") return countedCellsSummed(level, ranges, near, dataset);
  const found = await prisma().$queryRaw<unknown[]>`
    SELECT "x", "y", count(*) AS sites, total("capacityMw") AS "capacityMw", total("lat") AS "sumLat", total("lon") AS "sumLon" FROM (
      SELECT s."lat", s."lon", s."capacityMw",
        min(CAST((s."lat" + 90) * ${columns(level)} / 360.0 AS INTEGER), ${rows(level) - 1}) AS "y",
        min(CAST((s."lon" + 180) * ${columns(level)} / 360.0 AS INTEGER), ${columns(level) - 1}) AS "x"
      FROM "MiningSite" s WHERE (${near}) ${dataset}
    ) WHERE ${cellsIn(ranges)} GROUP BY "y", "x" ORDER BY "y", "x"`;
  return z.array(CellRow).parse(found);
}
