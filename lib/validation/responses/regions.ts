import "./jitless";
import { z } from "zod";
import { REGION_BASES } from "../../metrics/subnational";
import { ageFields, networkHashrateFields, nullableNumber, PeriodSourceSchema, share } from "./fields";

// GET /api/regions: a country's regions (ISO 3166-2) and their shares, on one basis, stated
// (docs/methodology.md#regional-shares).

const basis = z.enum(REGION_BASES);
const given = z
  .array(z.enum(["shareOfCountry", "shareOfNetwork"]))
  .describe("The shares the source gives: of the country's hashrate, of the network's, or both");
const shareRange = z
  .object({ low: share, high: share })
  .nullable()
  .describe("As the source gives it (a single figure has low = high); null when the source gives none")
  .meta({ id: "ShareRange" });

const SitesRegionSource = z
  .object({
    basis: z.literal("sites"),
    dataset: z.string().describe("The sites dataset"),
    placedByPolygon: z.number().int().describe("Counted sites placed in the region by their point (inside its outline)"),
    placedByAddress: z.number().int().describe("Counted sites placed by their address (no point, or a point outside every outline)"),
  })
  .meta({ id: "SitesRegionSource" });

const PublishedRegionSource = z
  .object({
    basis: z.literal("published"),
    name: z.string().describe("The region as the source names it"),
    url: z.string(),
    given,
    shareOfCountry: shareRange,
    shareOfNetwork: shareRange,
    derived: z.boolean().describe("shareOfCountry was derived: the source's share of the network ÷ the country's share in the source's period (at most 1)"),
    certainty: z.string(),
    note: z.string().nullable(),
  })
  .meta({ id: "PublishedRegionSource" });

const partFields = {
  shareOfCountry: share.describe("Share of the country's hashrate (published: the source's figure, the middle of a range, or derived)"),
  shareOfNetwork: share.nullable().describe("countryShare × shareOfCountry; null when the period has no share for the country"),
  capacityMw: nullableNumber.describe("sites: the operating sites' capacity (sites without one add 0); null for published"),
  hashrateEh: nullableNumber.describe("sites: the operating sites' EH/s (stated, else MW ÷ efficiencyJPerTh); null for published"),
  sites: z.number().int().nullable().describe("sites: how many operating sites; null for published"),
};

export const RegionShareSchema = z
  .object({
    code: z.string().describe("ISO 3166-2 code"),
    name: z.string().describe("ISO 3166-2 name"),
    ...partFields,
    source: z.discriminatedUnion("basis", [SitesRegionSource, PublishedRegionSource]).describe("What the region's figures rest on"),
  })
  .meta({ id: "RegionShare" });

export const RegionsResponse = z
  .object({
    country: z.string(),
    countryName: z.string(),
    period: z.string().describe("The month of the country's share"),
    dataset: z.string().describe("The shares dataset"),
    ...ageFields,
    source: PeriodSourceSchema,
    countryShare: share.nullable().describe("The country's share of the network in the period; null when the dataset has no figure for it"),
    ...networkHashrateFields,
    basis: basis.describe("What shareOfCountry rests on: sites (the seeded sites placed in each region) or published (one source's estimate)"),
    availableBases: z.array(basis).describe("The bases this country can be answered on for the period"),
    coverage: nullableNumber.describe(
      "What share of the country's hashrate its operating sites account for: sitedEh ÷ (countryShare × networkHashrateEh), on either basis; above 1 when the sites' sizes exceed the estimate; null when the country's hashrate is unknown",
    ),
    sites: z
      .object({
        dataset: z.string(),
        efficiencyJPerTh: z.number().describe("J/TH a capacity-only site is converted with (MW ÷ J/TH = EH/s)"),
        operatingSites: z.number().int(),
        sitesWithoutSize: z.number().int().describe("Operating sites with neither hashrate nor capacity: counted with size 0"),
        capacityMw: z.number(),
        sitedEh: z.number().describe("The operating sites' EH/s, placed in a region or not"),
        locatedEh: z.number().describe("Of which placed in a region"),
      })
      .describe("The country's operating sites, on either basis"),
    published: z
      .object({
        dataset: z.string(),
        datasetTitle: z.string(),
        periodLabel: z.string().describe("The period as the source gives it"),
        periodStart: z.string().describe("First month (YYYY-MM) it covers"),
        periodEnd: z.string().describe("Last month (YYYY-MM) it covers"),
        source: z.string().describe("Who published it"),
        basis: z.string().describe("What the shares are of, in the source's words"),
        given,
        derived: z.boolean().describe("Some region's shareOfCountry was derived from the source's share of the network"),
        countryShareAtSource: z
          .object({ period: z.string(), share, source: z.string().describe("The dataset the month is taken from") })
          .nullable()
          .describe("The country's share the derivation divides by: the shares dataset's month within the source's period nearest its middle"),
      })
      .nullable()
      .describe("basis=published: the one estimate the answer uses (the newest at or before the period; never two sources mixed); null for sites"),
    estimates: z
      .array(
        z.object({
          dataset: z.string(),
          periodLabel: z.string(),
          periodStart: z.string(),
          periodEnd: z.string(),
          source: z.string(),
          given,
          regions: z.number().int(),
          chosen: z.boolean().describe("The estimate basis=published answers with"),
        }),
      )
      .describe("Every published estimate of the country's regions at or before the period, newest first (several conflict: each keeps its own figures)"),
    regions: z.array(RegionShareSchema).describe("Largest share of the country first"),
    remainder: z
      .object({ kind: z.enum(["unlocated", "unnamed"]), ...partFields })
      .describe(
        "What the regions leave of the country: unlocated — operating sites placed in no region (sites); unnamed — what the source names no region for (published)",
      ),
  })
  .meta({ id: "Regions" });

export type Regions = z.infer<typeof RegionsResponse>;
export type RegionShare = z.infer<typeof RegionShareSchema>;
