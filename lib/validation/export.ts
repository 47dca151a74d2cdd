import { z } from "zod";
import { DatasetSummary } from "./responses";

// The query of GET /api/export and of `npm run export` (scripts/export.ts builds the same query from
// its flags). Scenario parameters use the dashboard URL's names and syntax (lib/view/url-state.ts),
// so a dashboard query string can be appended as it is; unlike the dashboard, which falls back to
// defaults, an export refuses a malformed value with a 400 naming it (a file must not silently
// describe another scenario than the one asked for).

export const EXPORT_WHATS = ["metrics", "series", "shocks", "distribution", "sites", "prices", "scenario"] as const;
export type ExportWhat = (typeof EXPORT_WHATS)[number];

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const DECIMAL_0_1 = "(?:0(?:\\.\\d+)?|1(?:\\.0+)?|\\.\\d+)";
const SHUTDOWN_ITEM = new RegExp(`^[A-Za-z][A-Za-z0-9]{1,15}(?::${DECIMAL_0_1})?$`);
const MIGRATE = new RegExp(`^${DECIMAL_0_1},\\d{1,4},\\d{1,4},(?:proportional|cheap-power)$`);
/** url-state.ts keeps at most this many shutdown items. */
export const MAX_SHUTDOWN_ITEMS = 50;

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}${what}`).max(max, `must be at most ${max}${what}`));

const ignored = (what: string) =>
  z.string().optional().describe(`Dashboard parameter (${what}); accepted and ignored, so a dashboard query string can be reused`);

const shape = {
  what: z
    .enum(EXPORT_WHATS, { error: `must be one of ${EXPORT_WHATS.join(", ")}` })
    .describe(
      "What to export. metrics: one row per period with the concentration metrics; series: the rows of /api/metrics/series; shocks: the /api/shocks rows; distribution: one row per (period, country) with share, EH/s, power price and cost per BTC; sites: every mining site; prices: every power price; scenario: the daily timeline and retargets of a shutdown simulation",
    ),
  period: z
    .string()
    .regex(/^(?:all|\d{4}-(?:0[1-9]|1[0-2]))$/, "must be a month as YYYY-MM or all")
    .optional()
    .describe(
      "Month (YYYY-MM) or all (every period of the dataset). Default: all for series, the dataset's latest month for metrics, shocks, distribution and scenario; sites and prices take no period (omit it or say all)",
    ),
  dataset: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "must be a dataset slug such as cbeci-monthly (lowercase letters, digits, dashes)")
    .optional()
    .describe(
      "Dataset slug (see /api/datasets). A shares dataset for metrics, series, shocks, distribution and scenario (default cbeci-monthly); for sites and prices an optional filter (default: every dataset of that kind)",
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
  efficiency: z
    .string()
    .regex(/^(?:\d+(?:\.\d*)?|\.\d+)$/, "must be a number of J/TH")
    .transform(Number)
    .pipe(z.number().min(1, "must be at least 1 J/TH").max(200, "must be at most 200 J/TH"))
    .default(28.2)
    .describe("Fleet efficiency in J/TH for kWh and electricity cost per BTC (metrics, distribution, scenario); default 28.2"),
  bie: wholeNumber(0, 2015, " (an epoch has 2016 blocks)")
    .default(0)
    .describe("Blocks of the current 2016-block epoch already mined when the shutdown hits (shocks, scenario); default 0"),
  shutdown: z
    .string()
    .refine((text) => text.split(",").length <= MAX_SHUTDOWN_ITEMS, `may name at most ${MAX_SHUTDOWN_ITEMS} countries or blocs`)
    .refine(
      (text) => text.split(",").every((item) => SHUTDOWN_ITEM.test(item)),
      "must be a comma-separated list of ISO alpha-2 codes or bloc ids, each optionally with :fraction (0–1), e.g. CN,RU:0.3,EAEU",
    )
    .optional()
    .describe("scenario: what goes dark, as in the dashboard URL: CN,RU:0.3,EAEU (id or id:fraction)"),
  migrate: z
    .string()
    .regex(MIGRATE, "must be fraction,days,delayDays,weighting such as 0.5,90,30,cheap-power (weighting proportional or cheap-power)")
    .refine(
      (text) =>
        text
          .split(",")
          .slice(1, 3)
          .every((n) => Number(n) <= 3650),
      "days and delayDays must be at most 3650",
    )
    .optional()
    .describe("scenario: migration of the lost hashrate, fraction,days,delayDays,weighting (e.g. 0.5,90,30,proportional)"),
  horizon: wholeNumber(1, 3650, " days").default(180).describe("scenario: days to simulate (1–3650); default 180"),
  layer: ignored("map layer"),
  country: ignored("selected country"),
  view: ignored("map view"),
  btc: ignored("bitcoin price"),
  simulate: ignored("scenario panel open"),
};

const KNOWN = new Set(Object.keys(shape));

export const ExportQuery = z
  .looseObject(shape)
  .superRefine((q, ctx) => {
    for (const key of Object.keys(q)) {
      if (!KNOWN.has(key)) ctx.addIssue({ code: "custom", path: [key], message: `is not a parameter of /api/export (known: ${[...KNOWN].join(", ")})` });
    }
    if (q.what === "scenario") {
      if (q.period === "all") ctx.addIssue({ code: "custom", path: ["period"], message: "must be a single month (YYYY-MM) for what=scenario" });
      if (q.shutdown === undefined)
        ctx.addIssue({ code: "custom", path: ["shutdown"], message: "is required for what=scenario, e.g. shutdown=CN,RU:0.3,EAEU" });
    }
    if ((q.what === "sites" || q.what === "prices") && q.period !== undefined && q.period !== "all") {
      ctx.addIssue({ code: "custom", path: ["period"], message: `${q.what} are not per month: omit period (or say all)` });
    }
  })
  .meta({ id: "ExportQuery" });

export type ExportQueryInput = z.output<typeof ExportQuery>;

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
