import { z } from "zod";
import { periodSchema } from "./cells";
import { datasetKinds, priceTypes, siteStatuses } from "./vocabulary";

export const DEFAULT_SHARES_DATASET = "cbeci-monthly";

export const datasetSlugParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "must be a dataset slug such as cbeci-monthly (lowercase letters, digits, dashes)")
  .describe("Dataset slug, as listed by /api/datasets");

const iso2Param = z
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

export const DistributionQuery = z.object({
  period: periodSchema.optional().describe("Month (YYYY-MM); defaults to the dataset's latest"),
  dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET),
});

export const SitesQuery = z.object({
  country: iso2Param.optional(),
  status: z.enum(siteStatuses).optional().describe("Only sites with this status"),
});

export const PowerPricesQuery = z.object({
  country: iso2Param.optional(),
  priceType: z.enum(priceTypes).optional().describe("Only prices of this type"),
});

const efficiencyParam = z.coerce
  .number({ error: "must be a number of J/TH" })
  .refine(Number.isFinite, "must be a finite number")
  .min(1, "must be at least 1 J/TH")
  .max(200, "must be at most 200 J/TH")
  .default(28.2)
  .describe("Fleet efficiency in J/TH for energy per bitcoin and capacity-only sites (default 28.2, the 2024 Cambridge survey fleet average)");

const decimalString = (field: string) => z.string().regex(/^\d+$/, `${field} must be a whole number`);

export const MetricsQuery = z.object({
  period: periodSchema.optional().describe("Month (YYYY-MM); defaults to the latest the basis has"),
  dataset: datasetSlugParam
    .optional()
    .describe("Shares dataset for basis=estimate (default cbeci-monthly), sites dataset for basis=sites (default mining-sites)"),
  basis: z.enum(["estimate", "sites"]).default("estimate").describe("estimate: the dataset's country shares; sites: the sum of operating mining sites"),
  efficiency: efficiencyParam,
});

export const SeriesQuery = z.object({
  dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET),
});

export const ShocksQuery = z.object({
  period: periodSchema.optional().describe("Month (YYYY-MM); defaults to the dataset's latest"),
  dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET),
  blocksIntoEpoch: decimalString("blocksIntoEpoch")
    .transform(Number)
    .pipe(z.number().int().min(0, "must be ≥ 0").max(2015, "must be at most 2015 (an epoch has 2016 blocks)"))
    .default(0)
    .describe("Blocks of the current 2016-block epoch already mined when the shutdown hits (0–2015)"),
});

export const CountryQuery = z.object({
  iso2: iso2Param.describe("ISO 3166-1 alpha-2 code of the country"),
  dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET),
});

export const ShockEventsQuery = z.object({
  country: iso2Param.optional(),
});
