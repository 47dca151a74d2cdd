import "./jitless";
import { z } from "zod";

// Field shapes several answers share.

/** A fraction of the whole, 0–1. */
export const share = z.number().min(0).max(1);
export const nullableNumber = z.number().nullable();

/** How old a share-based answer is (docs/methodology.md#age). */
export const ageFields = {
  asOf: z.string().describe("The month (YYYY-MM) the shares describe"),
  ageMonths: z.number().int().describe("Whole months between asOf and the current month"),
  stale: z.boolean().describe("More than 6 months old"),
};

/** Where a month's shares come from: the dataset itself, or for best-estimate the dataset the month is taken from. */
export const PeriodSourceSchema = z
  .object({
    dataset: z.string().describe("Slug of the dataset the month's shares are taken from"),
    title: z.string(),
    publisher: z.string(),
    method: z.string().nullable(),
    url: z.string(),
    retrievedAt: z.string().describe("When that dataset was retrieved (YYYY-MM-DD)"),
  })
  .meta({ id: "PeriodSource" });

export const networkHashrateFields = {
  networkHashrateEh: z.number().nullable().describe("Network hashrate the shares are applied to, EH/s"),
  networkHashrateSource: z
    .enum(["dataset", "network", "latest-network"])
    .nullable()
    .describe("dataset: the sum of its own absolute figures; network: the network data of the shares' month; latest-network: the newest month of network data"),
  networkHashratePeriod: z.string().nullable().describe("The month of that network hashrate"),
};

/** What a share-based answer says about its month: its age, its source, the network hashrate it uses. */
export const provenanceFields = {
  ...ageFields,
  source: PeriodSourceSchema.nullable().describe("Where the month's shares come from; null for basis=sites"),
  networkHashrateSource: networkHashrateFields.networkHashrateSource,
  networkHashratePeriod: networkHashrateFields.networkHashratePeriod,
};
