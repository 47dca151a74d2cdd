import "../validation/zod-browser";
import { z } from "zod";
import { periodSchema } from "../validation/cells";
import { datasetSlugParam } from "../validation/dataset-slug";
import {
  DEFAULT_BLOCKS_INTO_EPOCH,
  DEFAULT_EFFICIENCY_J_PER_TH,
  DEFAULT_HORIZON_DAYS,
  DEFAULT_MIGRATION_DAYS,
  DEFAULT_MIGRATION_DELAY_DAYS,
  DEFAULT_SHARES_DATASET,
  MAX_BLOCKS_INTO_EPOCH,
  MAX_EFFICIENCY_J_PER_TH,
  MAX_HORIZON_DAYS,
  MAX_MIGRATION_DESTINATIONS,
  MAX_OPERATOR_NAME_CHARS,
  MAX_SHUTDOWN_ITEMS,
  MAX_SITE_ID,
  MIGRATION_WEIGHTINGS,
  MIN_EFFICIENCY_J_PER_TH,
  MIN_HORIZON_DAYS,
} from "./limits";
import { type Migration, SCENARIO_PARAMS, type Scenario, type ScenarioItem, type ScenarioSettings } from "./scenario";
import { PRESET_IDS } from "./region-presets";
import { NUMBER, OPERATOR_PREFIX, readItemText, readShutdownRef, REF_SYNTAX, SITE_PREFIX } from "./shutdown-ref";

// The one grammar of a scenario. The JSON body of POST /api/simulate is parsed strictly by
// ScenarioBody; a link's text forms (shutdown=CN,RU:0.3,US-TX,site:12, migrate=0.5,90,30,cheap-power, bie,
// horizon, efficiency) are read into the same shapes and checked by the same rules and limits —
// strictly for the export query (a file must not describe another scenario than the one asked
// for), leniently for the dashboard link (a bad value falls back to its default, so an old or
// hand-edited link still opens).

// ---- The rules, each once.

/** A reference to what goes dark (lib/scenario/shutdown-ref.ts). A refinement, not a transform's issue: only
 * a refinement's issue lets the union name the field at fault ({ site: 1.5 } → shutdown.0.site). */
const refProblem = (text: string, ctx: z.RefinementCtx) => {
  const read = readShutdownRef(text);
  if ("problem" in read) ctx.addIssue({ code: "custom", message: read.problem });
};
const canonicalRef = (text: string) => {
  const read = readShutdownRef(text);
  return "ref" in read ? read.ref : text;
};

const shutdownRef = z
  .string()
  .superRefine(refProblem)
  .transform(canonicalRef)
  .describe(
    `What goes dark: an ISO 3166-1 alpha-2 country (CN), a bloc (EU, EAEU, GCC, USMCA, BRICS), a region-group preset (${PRESET_IDS.join(", ")}), ` +
      "an ISO 3166-2 region (US-TX, CN-XJ, RU-IRK), site:<id> (a mining site) or op:<operator name> (every site of an operator). " +
      "Ids and region codes in any case; an operator's name as the sites list spells it.",
  );

const siteRef = z
  .number()
  .transform((site) => `${SITE_PREFIX}${site}`)
  .pipe(shutdownRef)
  .describe(`A mining site's id (1–${MAX_SITE_ID}), as /api/sites gives it`);

const operatorRef = z
  .string()
  .transform((name) => `${OPERATOR_PREFIX}${name}`)
  .pipe(shutdownRef)
  .describe(`An operator's name as the sites list spells it (at most ${MAX_OPERATOR_NAME_CHARS} characters): every site of it goes dark`);

const fraction = z.number().min(0, "must be ≥ 0").max(1, "must be ≤ 1");

const days = (what: string) =>
  z.number().int("must be a whole number of days").min(0, "must be ≥ 0").max(MAX_HORIZON_DAYS, `must be at most ${MAX_HORIZON_DAYS}`).describe(what);

const blocksIntoEpoch = z
  .number()
  .int("must be a whole number")
  .min(0, "must be ≥ 0")
  .max(MAX_BLOCKS_INTO_EPOCH, `must be at most ${MAX_BLOCKS_INTO_EPOCH} (an epoch has ${MAX_BLOCKS_INTO_EPOCH + 1} blocks)`);

const horizonDays = z
  .number()
  .int("must be a whole number of days")
  .min(MIN_HORIZON_DAYS, `must be at least ${MIN_HORIZON_DAYS} day`)
  .max(MAX_HORIZON_DAYS, `must be at most ${MAX_HORIZON_DAYS} days`);

const efficiency = z
  .number()
  .min(MIN_EFFICIENCY_J_PER_TH, `must be at least ${MIN_EFFICIENCY_J_PER_TH} J/TH`)
  .max(MAX_EFFICIENCY_J_PER_TH, `must be at most ${MAX_EFFICIENCY_J_PER_TH} J/TH`);

// ---- The JSON body (POST /api/simulate), strict.

const itemFraction = fraction.default(1).describe("Share of its hashrate that goes dark (default 1)");

/** A reference alone (at fraction 1) or an object with one of id, site or operator; each becomes { id: its canonical reference, fraction }. */
export const ShutdownItemSchema = z
  .union(
    [
      shutdownRef,
      z.object({ id: shutdownRef, fraction: itemFraction }).strict(),
      z.object({ site: siteRef, fraction: itemFraction }).strict(),
      z.object({ operator: operatorRef, fraction: itemFraction }).strict(),
    ],
    { error: `must be ${REF_SYNTAX}, or an object with one of id, site or operator and an optional fraction` },
  )
  .transform((item): ScenarioItem => {
    if (typeof item === "string") return { id: item, fraction: 1 };
    return { id: "id" in item ? item.id : "site" in item ? item.site : item.operator, fraction: item.fraction };
  });

export const MigrationSchema = z
  .object({
    fraction: fraction.describe("Share of the lost hashrate that comes back elsewhere"),
    days: days("Days over which it comes back (linear)").default(DEFAULT_MIGRATION_DAYS),
    delayDays: days("Days before it starts to come back").default(DEFAULT_MIGRATION_DELAY_DAYS),
    weighting: z.enum(MIGRATION_WEIGHTINGS).default("proportional").describe("proportional to survivors' shares, or to share ÷ power price"),
    destinations: z
      .array(z.string().regex(/^[A-Za-z]{2}$/, "must be an ISO alpha-2 code"))
      .min(1)
      .max(MAX_MIGRATION_DESTINATIONS)
      .optional()
      .describe("Only these countries receive migrating hashrate"),
  })
  .strict()
  .meta({ id: "Migration" }) satisfies z.ZodType<Migration>;

export const ScenarioBody = z
  .object({
    period: periodSchema.describe("Month (YYYY-MM) whose distribution is shut down"),
    dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET).describe("Shares dataset"),
    shutdown: z
      .array(ShutdownItemSchema)
      .min(1, "must name at least one item")
      .max(MAX_SHUTDOWN_ITEMS, `may name at most ${MAX_SHUTDOWN_ITEMS} items`)
      .describe("What goes dark"),
    blocksIntoEpoch: blocksIntoEpoch.default(DEFAULT_BLOCKS_INTO_EPOCH).describe("Blocks of the current epoch mined when the shock hits"),
    migration: MigrationSchema.optional(),
    horizonDays: horizonDays.default(DEFAULT_HORIZON_DAYS).describe(`Days to simulate (max ${MAX_HORIZON_DAYS})`),
    efficiency: efficiency.default(DEFAULT_EFFICIENCY_J_PER_TH).describe("Fleet efficiency in J/TH, for energy per bitcoin before and after"),
  })
  .strict()
  .meta({ id: "SimulateRequest" }) satisfies z.ZodType<Scenario>;

// ---- The text forms of a link or query, read into the body's shapes and checked by its rules.

export { NUMBER };
const NUMBER_TEXT = new RegExp(`^(?:${NUMBER})$`);
const MIGRATION_TEXT = new RegExp(`^(${NUMBER}),(\\d+),(\\d+),([a-z-]+)$`);
export const SHUTDOWN_SYNTAX =
  `a comma-separated list of items, each optionally with :fraction (0–1); an item is ${REF_SYNTAX}, ` +
  'with "%", "," and ":" in an operator\'s name written %25, %2C and %3A; e.g. CN,RU:0.3,EAEU,US-TX:0.8,site:12,op:Riot Platforms:0.5';
const MIGRATION_SYNTAX = `fraction,days,delayDays,weighting such as 0.5,90,30,cheap-power (weighting ${MIGRATION_WEIGHTINGS.join(" or ")})`;

/** The first problem zod found, as "path: message" (the path inside the parameter, if any). */
export const firstProblem = (error: z.ZodError) => {
  const issue = error.issues[0];
  const where = issue?.path.map(String).join(".") ?? "";
  return `${where ? `${where}: ` : ""}${issue?.message ?? "is invalid"}`;
};

type Read = (text: string) => { value: unknown } | { problem: string };

/**
 * A query parameter in a text syntax: `read` turns the text into the body's shape (or says why it
 * cannot), then `rules` checks it. A refusal names the parameter itself, whatever part was wrong.
 */
export function textParam<T>(read: Read, rules: z.ZodType<T>, syntax: z.ZodString = z.string()) {
  return syntax.transform((text, ctx): T => {
    const got = read(text);
    if ("problem" in got) {
      ctx.addIssue({ code: "custom", message: got.problem });
      return z.NEVER;
    }
    const checked = rules.safeParse(got.value);
    if (!checked.success) {
      ctx.addIssue({ code: "custom", message: firstProblem(checked.error) });
      return z.NEVER;
    }
    return checked.data;
  });
}

const shutdownItem = z.object({ id: shutdownRef, fraction });

/** "CN,RU:0.3,US-TX:0.8,op:Hut 8" → [{ id: "CN", fraction: 1 }, { id: "RU", fraction: 0.3 }, { id: "US-TX", fraction: 0.8 }, { id: "op:Hut 8", fraction: 1 }] */
export const shutdownParam = textParam((text) => {
  const parts = text.split(",");
  if (parts.length > MAX_SHUTDOWN_ITEMS) return { problem: `may name at most ${MAX_SHUTDOWN_ITEMS} items` };
  const items: ScenarioItem[] = [];
  for (const [index, part] of parts.entries()) {
    const read = readItemText(part);
    if ("problem" in read) return { problem: `item ${index + 1} ("${part}") ${read.problem}; must be ${SHUTDOWN_SYNTAX}` };
    const item = shutdownItem.safeParse(read);
    if (!item.success) return { problem: `item ${index + 1} ("${part}"): ${firstProblem(item.error)}` };
    items.push(item.data);
  }
  return { value: items };
}, z.array(shutdownItem));

/** "0.5,90,30,cheap-power" → { fraction: 0.5, days: 90, delayDays: 30, weighting: "cheap-power" } */
export const migrationParam = textParam(
  (text) => {
    const [fraction, days, delayDays, weighting] = text.split(",");
    return { value: { fraction: Number(fraction), days: Number(days), delayDays: Number(delayDays), weighting } };
  },
  MigrationSchema,
  z.string().regex(MIGRATION_TEXT, `must be ${MIGRATION_SYNTAX}`),
);

export const wholeNumberParam = (rules: z.ZodType<number>) =>
  textParam((text) => ({ value: Number(text) }), rules, z.string().regex(/^\d+$/, "must be a whole number"));

export const blocksIntoEpochParam = wholeNumberParam(blocksIntoEpoch).describe(
  `Blocks of the current ${MAX_BLOCKS_INTO_EPOCH + 1}-block epoch already mined when the shutdown hits (0–${MAX_BLOCKS_INTO_EPOCH})`,
);

export const horizonParam = wholeNumberParam(horizonDays).describe(`Days to simulate (${MIN_HORIZON_DAYS}–${MAX_HORIZON_DAYS})`);

export const efficiencyParam = textParam((text) => ({ value: Number(text) }), efficiency, z.string().regex(NUMBER_TEXT, "must be a number of J/TH")).describe(
  `Fleet efficiency in J/TH (default ${DEFAULT_EFFICIENCY_J_PER_TH}, the 2024 Cambridge survey fleet average)`,
);

/** The scenario's parameters in a query, by their short names, strict: a bad value is refused naming it. */
export const scenarioQuery = {
  [SCENARIO_PARAMS.shutdown]: shutdownParam.optional().describe(`What goes dark, as in the dashboard URL: ${SHUTDOWN_SYNTAX}`),
  [SCENARIO_PARAMS.blocksIntoEpoch]: blocksIntoEpochParam.default(DEFAULT_BLOCKS_INTO_EPOCH),
  [SCENARIO_PARAMS.migration]: migrationParam.optional().describe(`Migration of the lost hashrate: ${MIGRATION_SYNTAX}`),
  [SCENARIO_PARAMS.horizonDays]: horizonParam.default(DEFAULT_HORIZON_DAYS),
  [SCENARIO_PARAMS.efficiency]: efficiencyParam.default(DEFAULT_EFFICIENCY_J_PER_TH),
};

/**
 * The same parameters, lenient: a bad value falls back to its default. Empty items of a shutdown
 * list are skipped and a list too long is cut to its first MAX_SHUTDOWN_ITEMS, as a person editing
 * a link would mean; a bad item drops the whole list (no half a scenario).
 */
export const lenientScenarioQuery = {
  [SCENARIO_PARAMS.shutdown]: z
    .string()
    .transform((text) => text.split(",").filter(Boolean).slice(0, MAX_SHUTDOWN_ITEMS).join(","))
    .pipe(shutdownParam)
    .catch([])
    .default([]),
  [SCENARIO_PARAMS.blocksIntoEpoch]: blocksIntoEpochParam.catch(DEFAULT_BLOCKS_INTO_EPOCH).default(DEFAULT_BLOCKS_INTO_EPOCH),
  [SCENARIO_PARAMS.migration]: migrationParam.nullable().catch(null).default(null),
  [SCENARIO_PARAMS.horizonDays]: horizonParam.catch(DEFAULT_HORIZON_DAYS).default(DEFAULT_HORIZON_DAYS),
  [SCENARIO_PARAMS.efficiency]: efficiencyParam.catch(DEFAULT_EFFICIENCY_J_PER_TH).default(DEFAULT_EFFICIENCY_J_PER_TH),
};

type ScenarioQueryOutput = {
  [SCENARIO_PARAMS.shutdown]?: ScenarioItem[];
  [SCENARIO_PARAMS.blocksIntoEpoch]: number;
  [SCENARIO_PARAMS.migration]?: Migration | null;
  [SCENARIO_PARAMS.horizonDays]: number;
  [SCENARIO_PARAMS.efficiency]: number;
};

/** Parsed query parameters (short names) → the settings by their names in code. */
export function scenarioSettingsOf(q: ScenarioQueryOutput): ScenarioSettings {
  return {
    shutdown: q[SCENARIO_PARAMS.shutdown] ?? [],
    blocksIntoEpoch: q[SCENARIO_PARAMS.blocksIntoEpoch],
    migration: q[SCENARIO_PARAMS.migration] ?? null,
    horizonDays: q[SCENARIO_PARAMS.horizonDays],
    efficiency: q[SCENARIO_PARAMS.efficiency],
  };
}
