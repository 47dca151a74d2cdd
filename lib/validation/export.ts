import { z } from "zod";
import {
  DEFAULT_BLOCKS_INTO_EPOCH,
  DEFAULT_EFFICIENCY_J_PER_TH,
  DEFAULT_HORIZON_DAYS,
  DEFAULT_SHARES_DATASET,
  MAX_BLOCKS_INTO_EPOCH,
  MAX_HORIZON_DAYS,
} from "../scenario/limits";
import { SCENARIO_PARAMS, type ScenarioSettings, VIEW_PARAMS } from "../scenario/scenario";
import { horizonParam, scenarioQuery, scenarioSettingsOf } from "../scenario/schema";
import { DEFAULT_RISK_HORIZON_DAYS, RISK_PARAMS } from "../risk/limits";
import { riskQuery, type RiskSettings, riskSettingsOf } from "../risk/schema";
import type { NetworkBasis } from "../metrics/distribution";
import type { RegionBasis } from "../metrics/subnational";
import { iso2Param, networkBasisParam, regionBasisParam } from "./api";
import { datasetSlugParam } from "./dataset-slug";
import { unknownParameter } from "./query-issues";
import { DatasetSummary } from "./responses";

// The query of GET /api/export and of `npm run export` (scripts/export.ts passes its flags as the same
// parameters). Scenario parameters are the dashboard link's, with its names and syntax
// (lib/scenario), so a dashboard query string can be appended as it is; unlike the dashboard, which
// falls back to defaults, an export refuses a malformed value with a 400 naming it (a file must not
// silently describe another scenario than the one asked for).

export const EXPORT_WHATS = ["metrics", "series", "shocks", "distribution", "sites", "prices", "scenario", "network", "risk", "regions"] as const;
export type ExportWhat = (typeof EXPORT_WHATS)[number];

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const ignored = (what: string) =>
  z.string().optional().describe(`Dashboard parameter (${what}); accepted and ignored, so a dashboard query string can be reused`);

const P = SCENARIO_PARAMS;

const shape = {
  what: z
    .enum(EXPORT_WHATS, { error: `must be one of ${EXPORT_WHATS.join(", ")}` })
    .describe(
      "What to export. metrics: one row per period with the concentration metrics; series: the rows of /api/metrics/series; shocks: the /api/shocks rows; distribution: one row per (period, country) with share, EH/s, power price and cost per BTC; sites: every mining site; prices: every power price; scenario: the daily timeline and retargets of a shutdown simulation; network: the network's hashrate and difficulty by month and every retarget (/api/network), each row with its source dataset; risk: the jurisdiction-risk assessment of POST /api/risk, one row per event (its probability, fraction and where they come from) and one per country, each with its contribution to the expected lost share, the figures in the metadata; regions: the answer of /api/regions for country= (one row per region, then the remainder; the basis, coverage and estimate in the metadata)",
    ),
  period: z
    .string()
    .regex(/^(?:all|\d{4}-(?:0[1-9]|1[0-2]))$/, "must be a month as YYYY-MM or all")
    .optional()
    .describe(
      "Month (YYYY-MM) or all (every period of the dataset). Default: all for series and network, the dataset's latest month for metrics, shocks, distribution, scenario, risk and regions; sites and prices take no period (omit it or say all)",
    ),
  dataset: datasetSlugParam
    .optional()
    .describe(
      `Dataset slug (see /api/datasets). A shares dataset for metrics, series, shocks, distribution, scenario, risk and regions (default ${DEFAULT_SHARES_DATASET}); for sites and prices an optional filter (default: every dataset of that kind); network takes none (it merges every network and retargets dataset)`,
    ),
  network: networkBasisParam.describe(
    "metrics, shocks, distribution: period (default) applies the shares to the network hashrate of their own month; latest to the newest month of network data",
  ),
  format: z
    .enum(EXPORT_FORMATS, { error: "must be csv or json" })
    .default("csv")
    .describe("csv (RFC 4180, UTF-8, header row) or json ({ metadata, rows }); default csv"),
  metadata: z
    .enum(["1", "0", "true", "false"], { error: "must be 1 or 0" })
    .transform((v) => v === "1" || v === "true")
    .default(false)
    .describe("1: download only the metadata (column definitions, sources, citation) as JSON instead of the rows"),
  [P.efficiency]: scenarioQuery[P.efficiency].describe(
    `Fleet efficiency in J/TH for kWh and electricity cost per BTC (metrics, distribution, scenario); default ${DEFAULT_EFFICIENCY_J_PER_TH}`,
  ),
  [P.blocksIntoEpoch]: scenarioQuery[P.blocksIntoEpoch].describe(
    `Blocks of the current ${MAX_BLOCKS_INTO_EPOCH + 1}-block epoch already mined when the shutdown hits (shocks, scenario, risk); default ${DEFAULT_BLOCKS_INTO_EPOCH}`,
  ),
  [P.shutdown]: scenarioQuery[P.shutdown].describe("scenario: what goes dark, as in the dashboard URL: CN,RU:0.3,EAEU (id or id:fraction)"),
  [P.migration]: scenarioQuery[P.migration].describe(
    "scenario: migration of the lost hashrate, fraction,days,delayDays,weighting (e.g. 0.5,90,30,proportional)",
  ),
  // No default here: a scenario's and a risk assessment's differ (exportRequestOf fills them in).
  [P.horizonDays]: horizonParam
    .optional()
    .describe(
      `scenario: days to simulate (1–${MAX_HORIZON_DAYS}; default ${DEFAULT_HORIZON_DAYS}); risk: the days the probabilities are for (default ${DEFAULT_RISK_HORIZON_DAYS})`,
    ),
  [RISK_PARAMS.events]: riskQuery[RISK_PARAMS.events].describe(
    "risk: the events, id:probability or id:probability:fraction, comma-separated (CN:0.1,EAEU:0.02:0.5); absent or empty: every country with a share and every bloc at its default probability",
  ),
  [RISK_PARAMS.draws]: riskQuery[RISK_PARAMS.draws].describe("risk: Monte Carlo draws when more than 20 events are uncertain (1000–1000000; default 100000)"),
  [RISK_PARAMS.seed]: riskQuery[RISK_PARAMS.seed].describe("risk: seed of the Monte Carlo draws (default 1)"),
  basis: regionBasisParam
    .optional()
    .describe("regions only: sites or published, as in /api/regions (default: sites where the country has sites placed in a region, else published)"),
  [VIEW_PARAMS.layer]: ignored("map layer"),
  [VIEW_PARAMS.country]: z
    .string()
    .optional()
    .describe(
      "regions: the country whose regions are exported (ISO 3166-1 alpha-2; required). Otherwise the dashboard's selected country, accepted and ignored",
    ),
  [VIEW_PARAMS.view]: ignored("map view"),
  [VIEW_PARAMS.btcPrice]: ignored("bitcoin price"),
  [VIEW_PARAMS.simulate]: ignored("scenario panel open"),
};

export const ExportQuery = z
  .strictObject(shape, { error: unknownParameter("/api/export", Object.keys(shape)) })
  .superRefine((q, ctx) => {
    if (q.what === "risk" && q.period === "all") ctx.addIssue({ code: "custom", path: ["period"], message: "must be a single month (YYYY-MM) for what=risk" });
    if (q.what === "scenario") {
      if (q.period === "all") ctx.addIssue({ code: "custom", path: ["period"], message: "must be a single month (YYYY-MM) for what=scenario" });
      if (q[P.shutdown] === undefined)
        ctx.addIssue({ code: "custom", path: [P.shutdown], message: `is required for what=scenario, e.g. ${P.shutdown}=CN,RU:0.3,EAEU` });
    }
    if (q.what === "network" && q.dataset !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["dataset"],
        message: "network merges every network and retargets dataset (each row names its source): omit dataset",
      });
    }
    if (q.what === "regions") {
      if (q.period === "all") ctx.addIssue({ code: "custom", path: ["period"], message: "must be a single month (YYYY-MM) for what=regions" });
      const country = q[VIEW_PARAMS.country];
      if (country === undefined) ctx.addIssue({ code: "custom", path: [VIEW_PARAMS.country], message: "is required for what=regions, e.g. country=US" });
      else {
        const iso2 = iso2Param.safeParse(country);
        if (!iso2.success) ctx.addIssue({ code: "custom", path: [VIEW_PARAMS.country], message: iso2.error.issues[0]?.message ?? "is not a country code" });
      }
    } else if (q.basis !== undefined) {
      ctx.addIssue({ code: "custom", path: ["basis"], message: "is for what=regions only (metrics, shocks and distribution are on the estimate basis)" });
    }
    if ((q.what === "sites" || q.what === "prices") && q.period !== undefined && q.period !== "all") {
      ctx.addIssue({ code: "custom", path: ["period"], message: `${q.what} are not per month: omit period (or say all)` });
    }
  })
  .meta({ id: "ExportQuery" });

/** What an export asks for, by the names in code (the scenario's settings among them). */
export type ExportRequest = {
  what: ExportWhat;
  format: ExportFormat;
  metadata: boolean;
  dataset?: string;
  period?: string;
  network: NetworkBasis;
  /** what=risk: the assessment's settings. */
  risk: RiskSettings;
  /** what=regions: the country (upper case) and the basis asked for. */
  country?: string;
  basis?: RegionBasis;
} & ScenarioSettings;

/** The parsed query → the export service's request (the link's short names mapped once, by lib/scenario). */
export function exportRequestOf(q: z.output<typeof ExportQuery>): ExportRequest {
  const horizon = q[P.horizonDays];
  return {
    what: q.what,
    format: q.format,
    metadata: q.metadata,
    dataset: q.dataset,
    period: q.period,
    network: q.network,
    ...scenarioSettingsOf({ ...q, [P.horizonDays]: horizon ?? DEFAULT_HORIZON_DAYS }),
    risk: riskSettingsOf({ ...q, [RISK_PARAMS.horizonDays]: horizon ?? DEFAULT_RISK_HORIZON_DAYS }),
    ...(q.what === "regions" ? { country: q[VIEW_PARAMS.country]?.toUpperCase(), basis: q.basis } : {}),
  };
}

// The JSON answer (format=json) and the metadata download (metadata=1).

export const ExportColumn = z
  .object({
    name: z.string().describe("Column name (CSV header, JSON key)"),
    type: z
      .enum(["number", "integer", "text", "boolean"])
      .describe("number/integer: unquoted numbers; text: may carry a leading ' against formula injection in CSV; boolean: true/false"),
    unit: z.string().nullable().describe("Unit, or null for text and dimensionless values"),
    description: z.string(),
  })
  .meta({ id: "ExportColumn" });

export const ExportDataset = DatasetSummary.pick({
  slug: true,
  kind: true,
  title: true,
  publisher: true,
  url: true,
  licence: true,
  retrievedAt: true,
  method: true,
  caveats: true,
}).meta({
  id: "ExportDataset",
});

export const ExportMetadata = z
  .object({
    title: z.string(),
    what: z.enum(EXPORT_WHATS),
    app: z.object({ name: z.literal("hashatlas"), version: z.string() }),
    generatedAt: z.string().describe("ISO 8601"),
    query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).describe("The query as resolved (defaults filled in)"),
    files: z.object({ data: z.string(), metadata: z.string() }).describe("File names of the data and of this metadata"),
    rowCount: z.number().int(),
    columns: z.array(ExportColumn),
    datasets: z.array(ExportDataset).describe("The datasets the rows are drawn from, with their provenance"),
    notes: z.array(z.string()),
    citation: z.string(),
    scenario: z.record(z.string(), z.unknown()).optional().describe("what=scenario: the simulation's summary (shutdown, before/after/end, first retarget)"),
    regions: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "what=regions: the answer of /api/regions but its regions and remainder (those are the rows): basis, coverage, the country's share, the sites' sums, the estimate used and the others",
      ),
    risk: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "what=risk: the answer of POST /api/risk but its events and contributions (those are the rows): method, seed, draws, quantiles, probabilities…",
      ),
  })
  .meta({ id: "ExportMetadata" });

export const ExportJsonResponse = z
  .object({
    metadata: ExportMetadata,
    rows: z
      .array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])))
      .describe("The same rows as the CSV, keyed by column name; numbers as numbers"),
  })
  .meta({ id: "Export" });
