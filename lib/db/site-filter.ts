import type { Bbox } from "../geo/site-grid";
import type { SiteStatus } from "../validation/vocabulary";
import { Prisma } from "../generated/prisma/client";

// The WHERE of the sites' reads (lib/db/sites.ts, site-clusters.ts and PostgreSQL's own in
// lib/db/postgres/site-reads.ts), for the table aliased `s`. Identifiers quoted: PostgreSQL folds
// unquoted ones to lower case.

export type SitesFilter = { country?: string; status?: SiteStatus; datasetId?: number; bbox?: Bbox };

/** Located in the box; a box across the antimeridian is two longitude ranges. `lat` can be the plain column or +lat (no index). */
export function inBbox(bbox: Bbox, useIndex = true): Prisma.Sql {
  const lat = useIndex ? Prisma.sql`s."lat"` : Prisma.sql`+s."lat"`;
  const lon =
    bbox.west <= bbox.east ? Prisma.sql`s."lon" BETWEEN ${bbox.west} AND ${bbox.east}` : Prisma.sql`(s."lon" >= ${bbox.west} OR s."lon" <= ${bbox.east})`;
  return Prisma.sql`${lat} BETWEEN ${bbox.south} AND ${bbox.north} AND ${lon}`;
}

export function siteConditions(filter: SitesFilter, options: { bboxIndex?: boolean } = {}): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  if (filter.datasetId !== undefined) parts.push(Prisma.sql`s."datasetId" = ${filter.datasetId}`);
  if (filter.country !== undefined) parts.push(Prisma.sql`s."countryIso2" = ${filter.country}`);
  if (filter.status !== undefined) parts.push(Prisma.sql`s."status" = ${filter.status}`);
  if (filter.bbox) parts.push(inBbox(filter.bbox, options.bboxIndex));
  return Prisma.join(parts, " AND ");
}
