import { z } from "zod";
import type { Bbox } from "../geo/site-grid";
import type { SiteGroup } from "../metrics/sites-basis";
import type { SiteKey } from "../validation/sites-query";
import type { SiteRecord } from "../validation/sites";
import { SiteSchema } from "../validation/responses/reference";
import { type SiteStatus, siteStatuses } from "../validation/vocabulary";
import { Prisma } from "../generated/prisma/client";
import { prisma } from "./client";
import { onReadConnection } from "./reader";

export type Site = SiteRecord & { id: number; countryName: string; dataset: string };

/** Every site (of a country, of a status), in the order country, name, id: for the sites export. */
export async function listSites(filter: { country?: string; status?: SiteStatus } = {}): Promise<Site[]> {
  const rows = await prisma().miningSite.findMany({
    where: { countryIso2: filter.country, status: filter.status },
    include: { country: { select: { name: true } }, dataset: { select: { slug: true } } },
    orderBy: [{ countryIso2: "asc" }, { name: "asc" }, { id: "asc" }],
  });
  return rows.map(({ country, dataset, datasetId: _d, status, ...r }) => ({
    ...r,
    status: z.enum(siteStatuses).parse(status),
    countryName: country.name,
    dataset: dataset.slug,
  }));
}

export type SitesFilter = { country?: string; status?: SiteStatus; datasetId?: number; bbox?: Bbox };

/** SQLite gives aggregates as bigint through the driver adapter, columns as number. */
export const sqlCount = z.union([z.number(), z.bigint()]).transform(Number);

/** A row read for a listing: the shape the API answers with (one schema for both). */
const SiteRow = SiteSchema satisfies z.ZodType<Site>;

/** Located in the box; a box across the antimeridian is two longitude ranges. `lat` can be the plain column or +lat (no index). */
export function inBbox(bbox: Bbox, useIndex = true): Prisma.Sql {
  const lat = useIndex ? Prisma.sql`s.lat` : Prisma.sql`+s.lat`;
  const lon = bbox.west <= bbox.east ? Prisma.sql`s.lon BETWEEN ${bbox.west} AND ${bbox.east}` : Prisma.sql`(s.lon >= ${bbox.west} OR s.lon <= ${bbox.east})`;
  return Prisma.sql`${lat} BETWEEN ${bbox.south} AND ${bbox.north} AND ${lon}`;
}

function conditions(filter: SitesFilter, options: { bboxIndex?: boolean } = {}): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  if (filter.datasetId !== undefined) parts.push(Prisma.sql`s.datasetId = ${filter.datasetId}`);
  if (filter.country !== undefined) parts.push(Prisma.sql`s.countryIso2 = ${filter.country}`);
  if (filter.status !== undefined) parts.push(Prisma.sql`s.status = ${filter.status}`);
  if (filter.bbox) parts.push(inBbox(filter.bbox, options.bboxIndex));
  return Prisma.join(parts, " AND ");
}

/**
 * Above this many sites in a box, a page is read in the listing's order along its index and filtered by
 * the box; below, the box's index finds them and they are sorted. Either way a page costs about what it
 * holds, not what the database does.
 */
const SORT_IN_BOX_MAX = 5_000;

/**
 * One page of sites in the order country, name, id, after `after`. `more` says whether another page
 * follows (one site more than the limit is read to know). `fewInBox`: the caller knows the box holds
 * few sites (the map's clusters counted them), so it need not be counted first.
 */
export async function sitesPage(filter: SitesFilter, page: { after?: SiteKey; limit: number; fewInBox?: boolean }): Promise<{ sites: Site[]; more: boolean }> {
  const bboxIndex = !filter.bbox || page.fewInBox === true || (await countSites(filter, SORT_IN_BOX_MAX)) < SORT_IN_BOX_MAX;
  const after = page.after ? Prisma.sql`AND (s.countryIso2, s.name, s.id) > (${page.after.countryIso2}, ${page.after.name}, ${page.after.id})` : Prisma.empty;
  const rows = await prisma().$queryRaw<unknown[]>`
    SELECT s.id, s.name, s.operator, s.countryIso2, c.name AS countryName, s.locality, s.lat, s.lon, s.capacityMw, s.hashrateEh,
      s.energySource, s.status, s.statusNote, s.asOf, s.certainty, s.sourceUrl, d.slug AS dataset
    FROM "MiningSite" s JOIN "Country" c ON c.iso2 = s.countryIso2 JOIN "Dataset" d ON d.id = s.datasetId
    WHERE ${conditions(filter, { bboxIndex })} ${after}
    ORDER BY s.countryIso2, s.name, s.id
    LIMIT ${page.limit + 1}`;
  const sites = z.array(SiteRow).parse(rows);
  const more = sites.length > page.limit;
  return { sites: more ? sites.slice(0, page.limit) : sites, more };
}

/** How many sites match, counting no further than `upTo` (so it costs at most that many). */
export async function countSites(filter: SitesFilter, upTo: number): Promise<number> {
  const rows = await prisma().$queryRaw<unknown[]>`
    SELECT count(*) AS n FROM (SELECT 1 FROM "MiningSite" s WHERE ${conditions(filter)} LIMIT ${upTo})`;
  return z.array(z.object({ n: sqlCount })).parse(rows)[0]?.n ?? 0;
}

/** How many sites match, all of them (a country's, for the panel's "N more"). */
export async function totalSites(filter: SitesFilter): Promise<number> {
  const rows = await prisma().$queryRaw<unknown[]>`SELECT count(*) AS n FROM "MiningSite" s WHERE ${conditions(filter)}`;
  return z.array(z.object({ n: sqlCount })).parse(rows)[0]?.n ?? 0;
}

const GroupRow = z.object({
  countryIso2: z.string(),
  status: z.string(),
  sites: sqlCount,
  stated: sqlCount,
  statedEh: z.number(),
  fromCapacity: sqlCount,
  capacityMw: z.number(),
}) satisfies z.ZodType<SiteGroup>;

/** A dataset's sites summed per country and status, as the sites basis needs them (lib/metrics/sites-basis.ts). */
export async function siteGroups(datasetId: number): Promise<SiteGroup[]> {
  const rows = await prisma().$queryRaw<unknown[]>`
    SELECT countryIso2, status, count(*) AS sites,
      count(hashrateEh) AS stated, total(hashrateEh) AS statedEh,
      count(CASE WHEN hashrateEh IS NULL THEN capacityMw END) AS fromCapacity,
      total(CASE WHEN hashrateEh IS NULL THEN capacityMw END) AS capacityMw
    FROM "MiningSite" WHERE datasetId = ${datasetId}
    GROUP BY countryIso2, status ORDER BY countryIso2, status`;
  return z.array(GroupRow).parse(rows);
}

type ExportParams = { limit: number; datasetId?: number; countryIso2?: string; name?: string; id?: number };

// Four whole statements (every site or one dataset's; first page or after a key), each a literal.
const exportStatements = onReadConnection((db) => ({
  first: db.prepare<ExportParams>(
    `SELECT s.id, s.name, s.operator, s.countryIso2, c.name AS countryName, s.locality, s.lat, s.lon, s.capacityMw, s.hashrateEh,
       s.energySource, s.status, s.statusNote, s.asOf, s.certainty, s.sourceUrl, d.slug AS dataset
     FROM "MiningSite" s JOIN "Country" c ON c.iso2 = s.countryIso2 JOIN "Dataset" d ON d.id = s.datasetId
     ORDER BY s.countryIso2, s.name, s.id LIMIT @limit`,
  ),
  next: db.prepare<ExportParams>(
    `SELECT s.id, s.name, s.operator, s.countryIso2, c.name AS countryName, s.locality, s.lat, s.lon, s.capacityMw, s.hashrateEh,
       s.energySource, s.status, s.statusNote, s.asOf, s.certainty, s.sourceUrl, d.slug AS dataset
     FROM "MiningSite" s JOIN "Country" c ON c.iso2 = s.countryIso2 JOIN "Dataset" d ON d.id = s.datasetId
     WHERE (s.countryIso2, s.name, s.id) > (@countryIso2, @name, @id)
     ORDER BY s.countryIso2, s.name, s.id LIMIT @limit`,
  ),
  firstOf: db.prepare<ExportParams>(
    `SELECT s.id, s.name, s.operator, s.countryIso2, c.name AS countryName, s.locality, s.lat, s.lon, s.capacityMw, s.hashrateEh,
       s.energySource, s.status, s.statusNote, s.asOf, s.certainty, s.sourceUrl, d.slug AS dataset
     FROM "MiningSite" s JOIN "Country" c ON c.iso2 = s.countryIso2 JOIN "Dataset" d ON d.id = s.datasetId
     WHERE s.datasetId = @datasetId
     ORDER BY s.countryIso2, s.name, s.id LIMIT @limit`,
  ),
  nextOf: db.prepare<ExportParams>(
    `SELECT s.id, s.name, s.operator, s.countryIso2, c.name AS countryName, s.locality, s.lat, s.lon, s.capacityMw, s.hashrateEh,
       s.energySource, s.status, s.statusNote, s.asOf, s.certainty, s.sourceUrl, d.slug AS dataset
     FROM "MiningSite" s JOIN "Country" c ON c.iso2 = s.countryIso2 JOIN "Dataset" d ON d.id = s.datasetId
     WHERE s.datasetId = @datasetId AND (s.countryIso2, s.name, s.id) > (@countryIso2, @name, @id)
     ORDER BY s.countryIso2, s.name, s.id LIMIT @limit`,
  ),
}));

/**
 * The sites export's pages, read synchronously (plain SQL on the read connection, lib/db/reader.ts)
 * in the listing's order: the export's stream pulls one page at a time and gives way in between,
 * so 200 000 sites are never in memory at once nor read in one block.
 */
export function* siteExportPages(datasetId: number | undefined, pageSize: number): Generator<Site[]> {
  const statements = exportStatements();
  let after: SiteKey | undefined;
  for (;;) {
    const params = { limit: pageSize, ...(datasetId !== undefined ? { datasetId } : {}), ...(after ?? {}) };
    const rows = after
      ? (datasetId !== undefined ? statements.nextOf : statements.next).all(params)
      : (datasetId !== undefined ? statements.firstOf : statements.first).all(params);
    const page = z.array(SiteRow).parse(rows);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = { countryIso2: last.countryIso2, name: last.name, id: last.id };
  }
}
