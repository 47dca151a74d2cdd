import "./jitless";
import { z } from "zod";
import { ageFields, networkHashrateFields, nullableNumber, PeriodSourceSchema, provenanceFields, share } from "./fields";

// Answers computed from a month's distribution: the distribution itself, its concentration metrics,
// the series over time, the shock table and a simulated shutdown.

export const DistributionResponse = z
  .object({
    period: z.string(),
    dataset: z.string(),
    ...ageFields,
    source: PeriodSourceSchema,
    ...networkHashrateFields,
    unattributedShare: share.describe('Share the source does not attribute to a country (CBECI\'s "Other")'),
    countries: z.array(z.object({ iso2: z.string(), name: z.string(), share: share.describe("As the source gives it"), hashrateEh: nullableNumber })),
  })
  .meta({ id: "Distribution" });

const concentrationFields = {
  hhi: z.number().describe("10 000 · Σ s_c² over attributed countries"),
  hhiUpper: z.number().describe("hhi + 10 000 · u² (the unattributed mass as one jurisdiction)"),
  effectiveJurisdictions: nullableNumber.describe("10 000 / hhi"),
  concentration: z.enum(["low", "moderate", "high"]).describe("low < 1000 ≤ moderate ≤ 1800 < high"),
  nakamoto: z.number().int().nullable().describe("Fewest countries holding more than half; null if never"),
  top1: share,
  top3: share,
  entropyBits: z.number().describe("−Σ s_c log2 s_c"),
  topCountry: z.string().nullable(),
};

const chosenPrice = z
  .object({
    subdivision: z.string().nullable(),
    usdPerKwh: z.number(),
    priceType: z.string(),
    period: z.string(),
    sourceUrl: z.string(),
    dataset: z.string(),
  })
  .describe("The most comparable price: industrial > business > miner_tariff > wholesale > household, latest at or before the period");
const energyCostPerBtc = nullableNumber.describe("Electricity cost of one BTC at that price: kwhPerBtc × usdPerKwh; null if the network hashrate is unknown");

export const MetricsResponse = z
  .object({
    period: z.string(),
    dataset: z.string(),
    basis: z.enum(["estimate", "sites"]),
    ...provenanceFields,
    networkHashrateEh: nullableNumber,
    unattributedShare: share,
    ...concentrationFields,
    efficiencyJPerTh: z.number(),
    blockSubsidyBtc: z.number().describe("Day-weighted mean subsidy of the month"),
    kwhPerBtc: nullableNumber.describe("Network electricity per BTC issued (fees not counted)"),
    countries: z.array(
      z.object({
        iso2: z.string(),
        name: z.string(),
        share: share.describe("Normalised so that all shares and the unattributed one sum to 1"),
        hashrateEh: nullableNumber,
        powerPrice: chosenPrice.nullable(),
        energyCostPerBtcUsd: energyCostPerBtc,
      }),
    ),
    powerPrices: z
      .array(z.object({ iso2: z.string(), name: z.string(), powerPrice: chosenPrice, energyCostPerBtcUsd: energyCostPerBtc }))
      .describe("Every country with a power price on record, with a share or not, by ISO code: the price and cost the price and cost maps show"),
    sites: z
      .object({ sitesEh: z.number(), sitesCounted: z.number().int(), sitesWithoutSize: z.number().int(), capacityConvertedShare: share })
      .optional()
      .describe("basis=sites only"),
  })
  .meta({ id: "Metrics" });

export const SeriesResponse = z
  .object({
    dataset: z.string(),
    rows: z.array(
      z.object({
        period: z.string(),
        hhi: z.number(),
        hhiUpper: z.number(),
        concentration: concentrationFields.concentration,
        nakamoto: concentrationFields.nakamoto,
        effectiveJurisdictions: nullableNumber,
        top1: share,
        topCountry: z.string().nullable(),
        unattributedShare: share,
        networkHashrateEh: nullableNumber,
        source: z.string().describe("Slug of the dataset the month's shares are taken from"),
        ageMonths: ageFields.ageMonths,
      }),
    ),
  })
  .meta({ id: "MetricsSeries" });

export const ShocksResponse = z
  .object({
    period: z.string(),
    dataset: z.string(),
    blocksIntoEpoch: z.number().int(),
    ...provenanceFields,
    networkHashrateEh: nullableNumber,
    rows: z.array(
      z.object({
        kind: z.enum(["country", "bloc"]),
        id: z.string().describe("ISO alpha-2 or bloc id"),
        name: z.string(),
        members: z.array(z.string()),
        lostShare: share.describe("L = Σ s_c over the shut-down countries"),
        hashrateLostEh: nullableNumber,
        hhiAfter: nullableNumber,
        nakamotoAfter: z.number().int().nullable(),
        blockIntervalMinutes: nullableNumber.describe("10 / (1 − L) until the retarget"),
        daysToRetarget: nullableNumber,
        difficultyChange: nullableNumber.describe("Next retarget, clamped to −75 % … +300 %"),
        majority: z.object({ country: z.string(), share }).nullable().describe("A survivor with more than half"),
        halted: z.boolean().describe("L = 1: no blocks at all"),
      }),
    ),
  })
  .meta({ id: "Shocks" });

const summary = z.object({
  hhi: nullableNumber,
  nakamoto: z.number().int().nullable(),
  topCountry: z.string().nullable(),
  top1: share,
  networkHashrateEh: nullableNumber,
  kwhPerBtc: nullableNumber.describe("Electricity per BTC at this hashrate and the request's efficiency"),
});

export const SimulateResponse = z
  .object({
    period: z.string(),
    dataset: z.string(),
    ...provenanceFields,
    shutdown: z.array(z.object({ id: z.string(), kind: z.enum(["country", "bloc"]), name: z.string(), fraction: share, members: z.array(z.string()) })),
    before: summary,
    after: summary
      .extend({ shares: z.array(z.object({ country: z.string(), share })), unattributedShare: share })
      .describe("Right after the shock: survivors renormalised"),
    end: summary.extend({ shares: z.array(z.object({ country: z.string(), share })), unattributedShare: share }).describe("At the horizon"),
    lostShare: share,
    hashrateLostEh: nullableNumber,
    blockIntervalMinutes: nullableNumber,
    daysToRetarget: nullableNumber,
    difficultyChange: nullableNumber,
    majority: z.object({ country: z.string(), share }).nullable(),
    halted: z.boolean(),
    horizonDays: z.number().int(),
    recoveryDay: z.number().int().nullable().describe("First day from which the interval stays within 1 % of 10 minutes"),
    migratedEh: z.number(),
    retargets: z.array(z.object({ day: z.number(), blocksFromStart: z.number().int(), difficultyChange: z.number() })),
    timeline: z.array(
      z.object({ day: z.number().int(), hashrateEh: z.number(), blockIntervalMinutes: nullableNumber, difficulty: z.number(), blocksMined: z.number() }),
    ),
  })
  .meta({ id: "SimulateResult" });

export type Distribution = z.infer<typeof DistributionResponse>;
export type Metrics = z.infer<typeof MetricsResponse>;
export type Series = z.infer<typeof SeriesResponse>;
export type Shocks = z.infer<typeof ShocksResponse>;
export type SimulateResult = z.infer<typeof SimulateResponse>;
