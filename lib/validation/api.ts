import { z } from "zod";
import { periodSchema } from "./cells";
import { priceTypes } from "./prices";
import { siteStatuses } from "./sites";

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
  kind: z.enum(["shares", "network", "retargets", "prices", "sites", "events", "blocs", "shocks"]).optional().describe("Only datasets of this kind"),
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
