import { z } from "zod";
import { DEFAULT_BLOCKS_INTO_EPOCH, DEFAULT_EFFICIENCY_J_PER_TH, DEFAULT_SHARES_DATASET } from "../scenario/limits";
import { blocksIntoEpochParam, efficiencyParam } from "../scenario/schema";
import { DEFAULT_NETWORK_BASIS, NETWORK_BASES } from "../metrics/distribution";
import { REGION_BASES } from "../metrics/subnational";
import { periodSchema } from "./cells";
import { datasetSlugParam } from "./dataset-slug";
import { unknownParameter } from "./query-issues";
import { SITES_PAGE_DEFAULT } from "./sites-limits";
import { bboxParam, cursorParam, pageLimitParam, zoomParam } from "./sites-query";
import { datasetKinds, priceTypes, siteStatuses } from "./vocabulary";

export const iso2Param = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as US")
  .transform((c) => c.toUpperCase())
  .describe("ISO 3166-1 alpha-2 country code");

export const DatasetsQuery = z.object({
  kind: z.enum(datasetKinds).optional().describe("Only datasets of this kind"),
});

export const PeriodsQuery = z.object({
  dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET),
});

/** Which network hashrate the shares are applied to: one grammar for every route that takes it. */
export const networkBasisParam = z
  .enum(NETWORK_BASES)
  .default(DEFAULT_NETWORK_BASIS)
  .describe("period: the network hashrate of the shares' own month; latest: the newest month of network data (EH/s at today's network size)");

export const DistributionQuery = z.object({
  period: periodSchema.optional().describe("Month (YYYY-MM); defaults to the dataset's latest"),
  dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET),
  network: networkBasisParam,
});

const sitesDatasetParam = datasetSlugParam.optional().describe("Only sites of this sites dataset (default: every sites dataset)");

/** One page of the sites listing, in the order country, name, id. */
export const SitesQuery = z.object({
  country: iso2Param.optional(),
  status: z.enum(siteStatuses).optional().describe("Only sites with this status"),
  dataset: sitesDatasetParam,
  bbox: bboxParam.optional().describe("Only sites located in this box: west,south,east,north in degrees (west > east crosses the antimeridian)"),
  limit: pageLimitParam.default(SITES_PAGE_DEFAULT),
  cursor: cursorParam.optional(),
});

const clustersShape = {
  bbox: bboxParam,
  zoom: zoomParam,
  dataset: sitesDatasetParam,
};

/** What a map shows of the sites in a view. Strict: a misspelt parameter would silently widen the answer. */
export const SiteClustersQuery = z.strictObject(clustersShape, { error: unknownParameter("/api/sites/clusters", Object.keys(clustersShape)) });

export const PowerPricesQuery = z.object({
  country: iso2Param.optional(),
  priceType: z.enum(priceTypes).optional().describe("Only prices of this type"),
});

export const MetricsQuery = z.object({
  period: periodSchema.optional().describe("Month (YYYY-MM); defaults to the latest the basis has"),
  dataset: datasetSlugParam
    .optional()
    .describe(`Shares dataset for basis=estimate (default ${DEFAULT_SHARES_DATASET}), sites dataset for basis=sites (default mining-sites)`),
  basis: z.enum(["estimate", "sites"]).default("estimate").describe("estimate: the dataset's country shares; sites: the sum of operating mining sites"),
  network: networkBasisParam,
  efficiency: efficiencyParam
    .default(DEFAULT_EFFICIENCY_J_PER_TH)
    .describe(
      `Fleet efficiency in J/TH for energy per bitcoin and capacity-only sites (default ${DEFAULT_EFFICIENCY_J_PER_TH}, the 2024 Cambridge survey fleet average)`,
    ),
});

export const SeriesQuery = z.object({
  dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET),
});

export const ShocksQuery = z.object({
  period: periodSchema.optional().describe("Month (YYYY-MM); defaults to the dataset's latest"),
  dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET),
  network: networkBasisParam,
  blocksIntoEpoch: blocksIntoEpochParam.default(DEFAULT_BLOCKS_INTO_EPOCH),
});

export const CountryQuery = z.object({
  iso2: iso2Param.describe("ISO 3166-1 alpha-2 code of the country"),
  dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET),
});

/** The basis of a region's share of its country: one grammar for /api/regions and the regions export. */
export const regionBasisParam = z
  .enum(REGION_BASES, { error: `must be ${REGION_BASES.join(" or ")}` })
  .describe(
    "sites: each region's operating mining sites (EH/s where stated, else MW ÷ the default J/TH) over the country's sited total; published: a source's sub-national estimate. Default: sites where the country has sites placed in a region, else published",
  );

const regionsShape = {
  country: iso2Param.describe("ISO 3166-1 alpha-2 code of the country whose regions are asked for"),
  period: periodSchema
    .optional()
    .describe("Month (YYYY-MM) of the country's share; defaults to the dataset's latest. The published basis takes the newest estimate at or before it"),
  dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET).describe(`Shares dataset the country's share is taken from (default ${DEFAULT_SHARES_DATASET})`),
  basis: regionBasisParam.optional(),
};

/** A country's regions. Strict: a misspelt basis= would otherwise answer on the other basis without a word. */
export const RegionsQuery = z.strictObject(regionsShape, { error: unknownParameter("/api/regions", Object.keys(regionsShape)) });

export const ShockEventsQuery = z.object({
  country: iso2Param.optional(),
});

/** GET /api/backtests takes no parameters; strict, so that a misspelt one is refused rather than ignored. */
export const BacktestsQuery = z.strictObject({}, { error: unknownParameter("/api/backtests", []) });

const networkShape = {
  from: periodSchema.optional().describe("First month (YYYY-MM), inclusive; default: the oldest there is"),
  to: periodSchema.optional().describe("Last month (YYYY-MM), inclusive; default: the newest there is"),
};

/** A month range of the network's figures. Strict: a misspelt bound (`form=`) would otherwise widen the answer silently. */
export const NetworkQuery = z
  .strictObject(networkShape, { error: unknownParameter("/api/network", Object.keys(networkShape)) })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ["from"], error: "must not be after to" });
