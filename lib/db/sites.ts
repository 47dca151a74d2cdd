import { z } from "zod";
import type { SiteGroup } from "../metrics/sites-basis";
import type { SiteKey } from "../validation/sites-query";
import type { SiteRecord } from "../validation/sites";
import { SiteSchema } from "../validation/responses/reference";
import { type SiteStatus, siteRegionMethods, siteStatuses } from "../validation/vocabulary";
import { Prisma } from "../generated/prisma/client";
import { prisma } from "./client";
import { env } from "../env";
import { readRows, readStatement, type Row, sqlCount } from "./reader";
import { type SitesFilter, siteConditions } from "./site-filter";
import { siteGroupsSummed } from "./postgres/site-reads";

/** A site as listings and exports answer it, with the region it was placed in. */
export type Site = SiteRecord & { id: number; countryName: string; dataset: string };

/** Every site (of a country, of a status), in the order country, name, id: for the sites export. */
export async function listSites(filter: { country?: string; status?: SiteStatus } = {}): Promise<Site[]> {
  const rows = await prisma().miningSite.findMany({
    where: { countryIso2: filter.country, status: filter.status },
    include: { country: { select: { name: true } }, dataset: { select: { slug: true } } },
    orderBy: [{ countryIso2: "asc" }, { name: "asc" }, { id: "asc" }],
  });
  return rows.map(({ country, dataset, datasetId: _d, status, regionMethod, ...r }) => ({
    ...r,
    status: z.enum(siteStatuses).parse(status),
    regionMethod: z.enum(siteRegionMethods).nullable().parse(regionMethod),
    countryName: country.name,
    dataset: dataset.slug,
  }));
}

export type { SitesFilter };

/** A row read for a listing: the shape the API answers with (one schema for both). */
const SiteRow = SiteSchema satisfies z.ZodType<Site>;

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
  const after = page.after
    ? Prisma.sql`AND (s."countryIso2", s."name", s."id") > (${page.after.countryIso2}, ${page.after.name}, ${page.after.id})`
    : Prisma.empty;
  const rows = await prisma().$queryRaw<unknown[]>`
    SELECT s."id", s."name", s."operator", s."countryIso2", c."name" AS "countryName", s."locality", s."lat", s."lon", s."capacityMw", s."hashrateEh",
      s."energySource", s."status", s."statusNote", s."asOf", s."certainty", s."sourceUrl", d."slug" AS dataset, s."regionCode", s."regionMethod"
    FROM "MiningSite" s JOIN "Country" c ON c."iso2" = s."countryIso2" JOIN "Dataset" d ON d."id" = s."datasetId"
    WHERE ${siteConditions(filter, { bboxIndex })} ${after}
    ORDER BY s."countryIso2", s."name", s."id"
    LIMIT ${page.limit + 1}`;
  const sites = z.array(SiteRow).parse(rows);
  const more = sites.length > page.limit;
  return { sites: more ? sites.slice(0, page.limit) : sites, more };
}

/** How many sites match, counting no further than `upTo` (so it costs at most that many). */
export async function countSites(filter: SitesFilter, upTo: number): Promise<number> {
  const rows = await prisma().$queryRaw<unknown[]>`
    SELECT count(*) AS n FROM (SELECT 1 FROM "MiningSite" s WHERE ${siteConditions(filter)} LIMIT ${upTo}) AS counted`;
  return z.array(z.object({ n: sqlCount })).parse(rows)[0]?.n ?? 0;
}

/** How many sites match, all of them (a country's, for the panel's "N more"). */
export async function totalSites(filter: SitesFilter): Promise<number> {
  const rows = await prisma().$queryRaw<unknown[]>`SELECT count(*) AS n FROM "MiningSite" s WHERE ${siteConditions(filter)}`;
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

/**
 * A dataset's sites summed per country and status, as the sites basis needs them (lib/metrics/sites-basis.ts).
 * PostgreSQL adds the floating-point figures in code, as SQLite's total() does (lib/db/postgres/site-reads.ts).
 */
export async function siteGroups(datasetId: number): Promise<SiteGroup[]> {
  if (env().database.provider === "postgresql") return siteGroupsSummed(datasetId);
  const rows = await prisma().$queryRaw<unknown[]>`
    SELECT "countryIso2", "status", count(*) AS sites,
      count("hashrateEh") AS stated, total("hashrateEh") AS "statedEh",
      count(CASE WHEN "hashrateEh" IS NULL THEN "capacityMw" END) AS "fromCapacity",
      total(CASE WHEN "hashrateEh" IS NULL THEN "capacityMw" END) AS "capacityMw"
    FROM "MiningSite" WHERE "datasetId" = ${datasetId}
    GROUP BY "countryIso2", "status" ORDER BY "countryIso2", "status"`;
  return z.array(GroupRow).parse(rows);
}

// The export's four whole statements (every site or one dataset's; first page or after a key).
const EXPORT_PAGES = {
  first: readStatement<Row>(
    `SELECT s."id", s."name", s."operator", s."countryIso2", c."name" AS "countryName", s."locality", s."lat", s."lon", s."capacityMw", s."hashrateEh",
     s."energySource", s."status", s."statusNote", s."asOf", s."certainty", s."sourceUrl", d."slug" AS dataset, s."regionCode", s."regionMethod"
     FROM "MiningSite" s JOIN "Country" c ON c."iso2" = s."countryIso2" JOIN "Dataset" d ON d."id" = s."datasetId"
     ORDER BY s."countryIso2", s."name", s."id" LIMIT ?`,
  ),
  next: readStatement<Row>(
    `SELECT s."id", s."name", s."operator", s."countryIso2", c."name" AS "countryName", s."locality", s."lat", s."lon", s."capacityMw", s."hashrateEh",
     s."energySource", s."status", s."statusNote", s."asOf", s."certainty", s."sourceUrl", d."slug" AS dataset, s."regionCode", s."regionMethod"
     FROM "MiningSite" s JOIN "Country" c ON c."iso2" = s."countryIso2" JOIN "Dataset" d ON d."id" = s."datasetId"
     WHERE (s."countryIso2", s."name", s."id") > (?, ?, ?)
     ORDER BY s."countryIso2", s."name", s."id" LIMIT ?`,
  ),
  firstOf: readStatement<Row>(
    `SELECT s."id", s."name", s."operator", s."countryIso2", c."name" AS "countryName", s."locality", s."lat", s."lon", s."capacityMw", s."hashrateEh",
     s."energySource", s."status", s."statusNote", s."asOf", s."certainty", s."sourceUrl", d."slug" AS dataset, s."regionCode", s."regionMethod"
     FROM "MiningSite" s JOIN "Country" c ON c."iso2" = s."countryIso2" JOIN "Dataset" d ON d."id" = s."datasetId"
     WHERE s."datasetId" = ?
     ORDER BY s."countryIso2", s."name", s."id" LIMIT ?`,
  ),
  nextOf: readStatement<Row>(
    `SELECT s."id", s."name", s."operator", s."countryIso2", c."name" AS "countryName", s."locality", s."lat", s."lon", s."capacityMw", s."hashrateEh",
     s."energySource", s."status", s."statusNote", s."asOf", s."certainty", s."sourceUrl", d."slug" AS dataset, s."regionCode", s."regionMethod"
     FROM "MiningSite" s JOIN "Country" c ON c."iso2" = s."countryIso2" JOIN "Dataset" d ON d."id" = s."datasetId"
     WHERE s."datasetId" = ? AND (s."countryIso2", s."name", s."id") > (?, ?, ?)
     ORDER BY s."countryIso2", s."name", s."id" LIMIT ?`,
  ),
};

/**
 * The sites export's pages in the listing's order, a statement each: the export's stream pulls one
 * page at a time and gives way in between, so 200 000 sites are never in memory at once nor read in
 * one block.
 */
export async function* siteExportPages(datasetId: number | undefined, pageSize: number): AsyncGenerator<Site[]> {
  let after: SiteKey | undefined;
  for (;;) {
    const dataset = datasetId !== undefined ? [datasetId] : [];
    const rows = after
      ? await readRows(datasetId !== undefined ? EXPORT_PAGES.nextOf : EXPORT_PAGES.next, [...dataset, after.countryIso2, after.name, after.id, pageSize])
      : await readRows(datasetId !== undefined ? EXPORT_PAGES.firstOf : EXPORT_PAGES.first, [...dataset, pageSize]);
    const page = z.array(SiteRow).parse(rows);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = { countryIso2: last.countryIso2, name: last.name, id: last.id };
  }
}
