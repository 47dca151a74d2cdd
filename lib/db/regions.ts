import { z } from "zod";
import { siteRegionMethods, siteStatuses } from "../validation/vocabulary";
import { readRows, readStatement, type Row } from "./reader";

// Sub-national reads, written once for both backends (lib/db/reader.ts): the regions of a country, the
// sites of a country with the region each was placed in, and the published regional shares. Records only:
// the shares of a region by basis are computed elsewhere (lib/metrics), not here.

const periodMonth = z.string().regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])$/);

export const RegionRefSchema = z.object({
  code: z.string(),
  name: z.string(),
  countryIso2: z.string(),
});
/** A region of the reference list (lib/geo/regions.ts) as the database holds it. */
export type RegionRef = z.infer<typeof RegionRefSchema>;

export const SiteWithRegionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  operator: z.string(),
  countryIso2: z.string(),
  locality: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  capacityMw: z.number().nullable(),
  hashrateEh: z.number().nullable(),
  status: z.enum(siteStatuses),
  statusNote: z.string().nullable(),
  regionCode: z.string().nullable(),
  regionMethod: z.enum(siteRegionMethods).nullable(),
  /** Slug of the sites dataset the row belongs to. */
  dataset: z.string(),
});
/** A mining site with the region it was placed in (null: neither its point nor its address placed it) and how. */
export type SiteWithRegion = z.infer<typeof SiteWithRegionSchema>;

export const PublishedRegionalShareSchema = z.object({
  id: z.number().int(),
  /** Slug and title of the dataset (provenance: lib/db/datasets.ts findDataset). */
  dataset: z.string(),
  datasetTitle: z.string(),
  periodLabel: z.string(),
  periodStart: periodMonth,
  periodEnd: periodMonth,
  countryIso2: z.string(),
  regionCode: z.string(),
  /** The region as the source names it; the reference name is RegionRef.name. */
  regionName: z.string(),
  shareOfCountryLow: z.number().nullable(),
  shareOfCountryHigh: z.number().nullable(),
  shareOfNetworkLow: z.number().nullable(),
  shareOfNetworkHigh: z.number().nullable(),
  basis: z.string(),
  sourceOrg: z.string(),
  method: z.string().nullable(),
  certainty: z.string(),
  sourceUrl: z.string(),
  note: z.string().nullable(),
});
/** A published sub-national share as its source gives it (lib/validation/subnational.ts), with its dataset. */
export type PublishedRegionalShare = z.infer<typeof PublishedRegionalShareSchema>;

const REGIONS_OF_COUNTRY = readStatement<Row>(`SELECT "code", "name", "countryIso2" FROM "Region" WHERE "countryIso2" = ? ORDER BY "code"`);

const SITES_OF_COUNTRY = readStatement<Row>(
  `SELECT s."id", s."name", s."operator", s."countryIso2", s."locality", s."lat", s."lon", s."capacityMw", s."hashrateEh",
     s."status", s."statusNote", s."regionCode", s."regionMethod", d."slug" AS "dataset"
   FROM "MiningSite" s JOIN "Dataset" d ON d."id" = s."datasetId"
   WHERE s."countryIso2" = ? ORDER BY s."name", s."id"`,
);
const SITES_OF_COUNTRY_IN_DATASET = readStatement<Row>(
  `SELECT s."id", s."name", s."operator", s."countryIso2", s."locality", s."lat", s."lon", s."capacityMw", s."hashrateEh",
     s."status", s."statusNote", s."regionCode", s."regionMethod", d."slug" AS "dataset"
   FROM "MiningSite" s JOIN "Dataset" d ON d."id" = s."datasetId"
   WHERE s."countryIso2" = ? AND d."slug" = ? ORDER BY s."name", s."id"`,
);

const SHARES_OF_COUNTRY = readStatement<Row>(
  `SELECT r."id", d."slug" AS "dataset", d."title" AS "datasetTitle", r."periodLabel", r."periodStart", r."periodEnd", r."countryIso2",
     r."regionCode", r."regionName", r."shareOfCountryLow", r."shareOfCountryHigh", r."shareOfNetworkLow", r."shareOfNetworkHigh",
     r."basis", r."sourceOrg", r."method", r."certainty", r."sourceUrl", r."note"
   FROM "RegionalShare" r JOIN "Dataset" d ON d."id" = r."datasetId"
   WHERE r."countryIso2" = ? ORDER BY r."periodStart", r."regionCode", r."id"`,
);
const SHARES_OF_COUNTRY_IN_PERIOD = readStatement<Row>(
  `SELECT r."id", d."slug" AS "dataset", d."title" AS "datasetTitle", r."periodLabel", r."periodStart", r."periodEnd", r."countryIso2",
     r."regionCode", r."regionName", r."shareOfCountryLow", r."shareOfCountryHigh", r."shareOfNetworkLow", r."shareOfNetworkHigh",
     r."basis", r."sourceOrg", r."method", r."certainty", r."sourceUrl", r."note"
   FROM "RegionalShare" r JOIN "Dataset" d ON d."id" = r."datasetId"
   WHERE r."countryIso2" = ? AND r."periodStart" <= ? AND r."periodEnd" >= ? ORDER BY r."periodStart", r."regionCode", r."id"`,
);

/** A country's regions (ISO 3166-1 alpha-2; those whose code it prefixes), by code; empty for an unknown country. */
export async function listRegions(countryIso2: string): Promise<RegionRef[]> {
  return z.array(RegionRefSchema).parse(await readRows(REGIONS_OF_COUNTRY, [countryIso2.toUpperCase()]));
}

/** A country's mining sites with their regions, by name (every sites dataset, or the one named). */
export async function listSitesWithRegions(filter: { country: string; dataset?: string }): Promise<SiteWithRegion[]> {
  const country = filter.country.toUpperCase();
  const rows =
    filter.dataset === undefined ? await readRows(SITES_OF_COUNTRY, [country]) : await readRows(SITES_OF_COUNTRY_IN_DATASET, [country, filter.dataset]);
  return z.array(SiteWithRegionSchema).parse(rows);
}

/**
 * The published regional shares of a country, by period and region: every one, or those whose period covers
 * `period` (YYYY-MM). Each row keeps its source's basis; none is converted into another.
 */
export async function listRegionalShares(filter: { country: string; period?: string }): Promise<PublishedRegionalShare[]> {
  const country = filter.country.toUpperCase();
  const rows =
    filter.period === undefined
      ? await readRows(SHARES_OF_COUNTRY, [country])
      : await readRows(SHARES_OF_COUNTRY_IN_PERIOD, [country, periodMonth.parse(filter.period), filter.period]);
  return z.array(PublishedRegionalShareSchema).parse(rows);
}
