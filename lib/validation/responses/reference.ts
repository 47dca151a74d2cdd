import "./jitless";
import { z } from "zod";
import { datasetKinds, priceTypes, shockKinds, siteRegionMethods, siteStatuses } from "../vocabulary";
import { MAX_GRID_SIDE } from "../../geo/site-grid";
import { COUNTRY_SITES_SHOWN } from "../sites-limits";
import { nullableNumber, share } from "./fields";

// Answers that list reference data: datasets, periods, mining sites, power prices, historical shocks
// and one country.

export const DatasetSummary = z
  .object({
    slug: z.string(),
    kind: z.enum(datasetKinds),
    title: z.string(),
    publisher: z.string(),
    url: z.string(),
    licence: z.string().describe("Licence or required attribution"),
    retrievedAt: z.string().describe("YYYY-MM-DD"),
    method: z.string().nullable(),
    caveats: z.string().nullable(),
    origin: z.string().describe("seed | import | composite (best-estimate, built from the other shares datasets)"),
    coverage: z.enum(["network", "partial"]).describe("network: an estimate of the whole network; partial: of a sample only (kept out of best-estimate)"),
    importedAt: z.string().describe("When the rows were written (ISO 8601)"),
    rows: z.number().int(),
    periods: z
      .array(z.string())
      .describe("Months the dataset covers, oldest first: months with hashrate shares (shares datasets) or network figures (network datasets)"),
  })
  .meta({ id: "Dataset" });

export const DatasetsResponse = z.object({ datasets: z.array(DatasetSummary) });

export const PeriodsResponse = z.object({
  dataset: z.string(),
  periods: z.array(z.string()).describe("YYYY-MM, oldest first; months without an estimate are absent (gaps, not interpolated)"),
  sources: z
    .array(z.object({ period: z.string(), dataset: z.string().describe("The dataset the month is taken from (itself, except in best-estimate)") }))
    .describe("One per period, in the same order"),
});

export const SiteSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    operator: z.string(),
    countryIso2: z.string(),
    countryName: z.string(),
    locality: z.string().nullable(),
    lat: nullableNumber.describe("Approximate (town or county centroid); null when undisclosed"),
    lon: nullableNumber,
    capacityMw: nullableNumber,
    hashrateEh: nullableNumber,
    energySource: z.string().nullable(),
    status: z.enum(siteStatuses),
    statusNote: z.string().nullable(),
    asOf: z.string().nullable(),
    certainty: z.string(),
    sourceUrl: z.string(),
    dataset: z.string(),
    regionCode: z
      .string()
      .nullable()
      .describe("ISO 3166-2 code of the region the site was placed in (see /api/regions); null when neither its point nor its address places it"),
    regionMethod: z
      .enum(siteRegionMethods)
      .nullable()
      .describe("How regionCode was found: polygon (its point lies in the region's outline) or address (its locality names the region); null with regionCode"),
  })
  .meta({ id: "MiningSite" });

export const SitesResponse = z.object({
  count: z.number().int().describe("Sites in this page"),
  sites: z.array(SiteSchema).describe("In the order country, name, id"),
  nextCursor: z.string().nullable().describe("Pass as cursor= for the next page; null on the last page"),
});

const BboxSchema = z
  .object({ west: z.number(), south: z.number(), east: z.number(), north: z.number() })
  .describe("Degrees; west > east crosses the antimeridian")
  .meta({ id: "Bbox" });

export const SiteClusterSchema = z
  .object({
    lat: z.number().describe("Centroid of the cell's sites"),
    lon: z.number(),
    sites: z.number().int().describe("Located sites in the cell"),
    capacityMw: z.number().describe("Their stated capacity, summed (sites without one count 0)"),
    cell: BboxSchema.describe("The grid cell: zooming to it splits the cluster"),
  })
  .meta({ id: "SiteCluster" });

export const SiteClustersResponse = z.object({
  bbox: BboxSchema,
  zoom: z.number().int(),
  level: z.number().int().describe("Grid level: cells of 360 / 2^level degrees (docs/methodology.md#site-clusters)"),
  mode: z
    .enum(["sites", "clusters"])
    .describe("sites: every located site in the box is in `sites` (at most siteLimit); clusters: the box holds more, counted per grid cell in `clusters`"),
  siteLimit: z.number().int().describe("The most sites an answer lists; a box holding more is answered with clusters"),
  sites: z.array(SiteSchema),
  clusters: z.array(SiteClusterSchema).describe(`Cells that touch the box and hold sites; at most ${MAX_GRID_SIDE + 1} × ${MAX_GRID_SIDE + 1}`),
});

export const PowerPriceSchema = z
  .object({
    id: z.number().int(),
    countryIso2: z.string(),
    countryName: z.string(),
    subdivision: z.string().nullable(),
    usdPerKwh: z.number(),
    priceType: z.enum(priceTypes),
    period: z.string().describe("YYYY, YYYY-MM or YYYY-S1/S2"),
    sourceName: z.string(),
    sourceUrl: z.string(),
    certainty: z.string(),
    note: z.string().nullable(),
    dataset: z.string(),
  })
  .meta({ id: "PowerPrice" });

export const PowerPricesResponse = z.object({ count: z.number().int(), prices: z.array(PowerPriceSchema) });

export const ShockEventSchema = z
  .object({
    slug: z.string(),
    date: z.string().describe("YYYY-MM-DD (announcement or start)"),
    endDate: z.string().nullable(),
    kind: z.enum(shockKinds),
    title: z.string(),
    description: z.string(),
    sourceUrl: z.string(),
    countries: z.array(z.string()),
  })
  .meta({ id: "ShockEvent" });

export const ShockEventsResponse = z.object({ events: z.array(ShockEventSchema) });

export const CountryResponse = z
  .object({
    iso2: z.string(),
    iso3: z.string(),
    name: z.string(),
    region: z.string().nullable(),
    dataset: z.string(),
    history: z
      .array(
        z.object({
          period: z.string(),
          share: share.nullable(),
          hashrateEh: nullableNumber,
          rank: z.number().int().nullable(),
          source: z.string().describe("The dataset the month is taken from"),
          ageMonths: z.number().int().describe("Whole months between the period and the current month"),
        }),
      )
      .describe("Every period of the dataset; share null where the dataset has no figure for the country"),
    sites: z.array(SiteSchema).describe(`Its mining sites by name, at most ${COUNTRY_SITES_SHOWN} of them`),
    sitesTotal: z.number().int().describe("How many sites the country has; the rest are in /api/sites?country=…"),
    prices: z.array(PowerPriceSchema),
    blocs: z.array(z.string()).describe("Blocs the country belongs to"),
  })
  .meta({ id: "Country" });

export type Dataset = z.infer<typeof DatasetSummary>;
export type Site = z.infer<typeof SiteSchema>;
export type SiteCluster = z.infer<typeof SiteClusterSchema>;
export type SiteClusters = z.infer<typeof SiteClustersResponse>;
export type PowerPrice = z.infer<typeof PowerPriceSchema>;
export type ShockEvent = z.infer<typeof ShockEventSchema>;
export type Country = z.infer<typeof CountryResponse>;
