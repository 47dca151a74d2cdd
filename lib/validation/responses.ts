import { z } from "zod";

// In the browser, parse without zod's JIT: it probes `new Function`, which the CSP (next.config.js)
// forbids, and Chromium reports the probe as a violation even though zod catches it.
if (typeof window !== "undefined") z.config({ jitless: true });

// The shapes the API answers with. They document the API (OpenAPI at /api/openapi.json) and tests
// parse real responses with them, so the documentation cannot drift from the behaviour.

const share = z.number().min(0).max(1);
const nullableNumber = z.number().nullable();

export const ErrorBody = z
  .object({
    error: z.object({
      status: z.number().int().describe("HTTP status"),
      message: z.string().describe("What is wrong, naming the field"),
      field: z.string().optional().describe("The offending field or query parameter"),
      issues: z
        .array(z.object({ field: z.string(), message: z.string() }))
        .optional()
        .describe("Every problem found in the input"),
    }),
  })
  .meta({ id: "Error" });

export const HealthResponse = z
  .object({
    status: z.enum(["ok", "degraded", "down"]).describe("ok: reachable, WAL, fully migrated"),
    version: z.string(),
    database: z.object({
      reachable: z.boolean(),
      file: z.string().describe("Path of the SQLite file"),
      journalMode: z.string().nullable().describe("Expected: wal"),
      migrations: z.object({ applied: z.array(z.string()), pending: z.array(z.string()), failed: z.array(z.string()) }).nullable(),
      counts: z.record(z.string(), z.number().int()).nullable().describe("Rows per table"),
      error: z.string().optional(),
    }),
  })
  .meta({ id: "Health" });

export const VersionResponse = z.object({ name: z.literal("hashatlas"), version: z.string() });

export const DatasetSummary = z
  .object({
    slug: z.string(),
    kind: z.string().describe("shares | network | retargets | prices | sites | events | blocs | shocks"),
    title: z.string(),
    publisher: z.string(),
    url: z.string(),
    licence: z.string().describe("Licence or required attribution"),
    retrievedAt: z.string().describe("YYYY-MM-DD"),
    method: z.string().nullable(),
    caveats: z.string().nullable(),
    origin: z.string().describe("seed | import"),
    importedAt: z.string().describe("When the rows were written (ISO 8601)"),
    rows: z.number().int(),
    periods: z.array(z.string()).describe("Months with hashrate shares (shares datasets)"),
  })
  .meta({ id: "Dataset" });

export const DatasetsResponse = z.object({ datasets: z.array(DatasetSummary) });

export const PeriodsResponse = z.object({ dataset: z.string(), periods: z.array(z.string()).describe("YYYY-MM, oldest first") });

export const DistributionResponse = z
  .object({
    period: z.string(),
    dataset: z.string(),
    networkHashrateEh: nullableNumber.describe("Network hashrate of the period, EH/s"),
    networkHashrateSource: z.enum(["dataset", "network-monthly"]).nullable().describe("dataset: the sum of its own absolute figures"),
    unattributedShare: share.describe('Share the source does not attribute to a country (CBECI\'s "Other")'),
    countries: z.array(z.object({ iso2: z.string(), name: z.string(), share: share.describe("As the source gives it"), hashrateEh: nullableNumber })),
  })
  .meta({ id: "Distribution" });

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
    status: z.enum(["operating", "planned", "curtailed", "closed", "converted"]),
    statusNote: z.string().nullable(),
    asOf: z.string().nullable(),
    certainty: z.string(),
    sourceUrl: z.string(),
    dataset: z.string(),
  })
  .meta({ id: "MiningSite" });

export const SitesResponse = z.object({ count: z.number().int(), sites: z.array(SiteSchema) });

export const PowerPriceSchema = z
  .object({
    id: z.number().int(),
    countryIso2: z.string(),
    countryName: z.string(),
    subdivision: z.string().nullable(),
    usdPerKwh: z.number(),
    priceType: z.enum(["industrial", "business", "miner_tariff", "household", "wholesale"]),
    period: z.string().describe("YYYY, YYYY-MM or YYYY-S1/S2"),
    sourceName: z.string(),
    sourceUrl: z.string(),
    certainty: z.string(),
    note: z.string().nullable(),
    dataset: z.string(),
  })
  .meta({ id: "PowerPrice" });

export const PowerPricesResponse = z.object({ count: z.number().int(), prices: z.array(PowerPriceSchema) });

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
      }),
    ),
  })
  .meta({ id: "MetricsSeries" });

export const ShocksResponse = z
  .object({
    period: z.string(),
    dataset: z.string(),
    blocksIntoEpoch: z.number().int(),
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

export const ShockEventSchema = z
  .object({
    slug: z.string(),
    date: z.string().describe("YYYY-MM-DD (announcement or start)"),
    endDate: z.string().nullable(),
    kind: z.enum(["ban", "restriction", "blackout", "tariff"]),
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
      .array(z.object({ period: z.string(), share: share.nullable(), hashrateEh: nullableNumber, rank: z.number().int().nullable() }))
      .describe("Every period of the dataset; share null where the dataset has no figure for the country"),
    sites: z.array(SiteSchema),
    prices: z.array(PowerPriceSchema),
    blocs: z.array(z.string()).describe("Blocs the country belongs to"),
  })
  .meta({ id: "Country" });

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

export const ImportResponse = z
  .object({
    dataset: z.string(),
    kind: z.enum(["shares", "sites", "prices"]),
    rows: z.number().int().describe("Rows written (or that would be written, on a dry run)"),
    format: z.string().describe("The layout that was recognised"),
    replaced: z.boolean().optional().describe("An existing dataset of that name was replaced"),
    dryRun: z.boolean().optional(),
  })
  .meta({ id: "ImportResult" });
