import { DEFAULT_BLOCKS_INTO_EPOCH, DEFAULT_EFFICIENCY_J_PER_TH, DEFAULT_HORIZON_DAYS, type MIGRATION_WEIGHTINGS } from "./limits";
import { readShutdownRef, refText } from "./shutdown-ref";

// A shutdown scenario: its shape, its names in a link, and the requests made from it. No zod, so
// the dashboard can use it in its first load; parsing untrusted input is schema.ts.

/** What goes dark: `id` is the canonical reference of a country, bloc, preset, region, site or operator (shutdown-ref.ts). */
export type ScenarioItem = { id: string; fraction: number };

export type Migration = {
  fraction: number;
  days: number;
  delayDays: number;
  weighting: (typeof MIGRATION_WEIGHTINGS)[number];
  destinations?: string[];
};

/** A scenario as the user sets it, apart from the dataset and month it applies to. */
export type ScenarioSettings = {
  /** Countries, blocs, presets, regions, sites and operators, each with the fraction of its hashrate that goes dark. */
  shutdown: ScenarioItem[];
  blocksIntoEpoch: number;
  horizonDays: number;
  /** null: none (a migration of fraction 0 is kept, so its days stay set, but not simulated). */
  migration: Migration | null;
  /** Fleet efficiency in J/TH, for energy per bitcoin. */
  efficiency: number;
};

/** What POST /api/simulate simulates (the output of its body schema). */
export type Scenario = Omit<ScenarioSettings, "migration"> & { dataset: string; period: string; migration?: Migration };

/**
 * The short names of the scenario's settings in a dashboard link and in the export query — the one
 * place where they are mapped; in code the settings go by their full names.
 */
export const SCENARIO_PARAMS = {
  shutdown: "shutdown",
  blocksIntoEpoch: "bie",
  migration: "migrate",
  horizonDays: "horizon",
  efficiency: "efficiency",
} as const;

/** The dashboard link's parameters that only place the view; an export accepts and ignores them. */
export const VIEW_PARAMS = { layer: "layer", country: "country", view: "view", btcPrice: "btc", simulate: "simulate" } as const;

/** "CN,RU:0.3,EAEU,US-TX:0.8,site:12,op:Hut 8" (an operator's "%", "," and ":" escaped) */
export function formatShutdown(items: readonly ScenarioItem[]): string {
  return items.map((i) => (i.fraction === 1 ? refText(i.id) : `${refText(i.id)}:${Number(i.fraction.toFixed(3))}`)).join(",");
}

/** An item as the POST /api/simulate body writes it: a whole shutdown as its bare reference, a site or operator by its own key. */
export function requestItem(item: ScenarioItem) {
  const read = readShutdownRef(item.id);
  // A reference that does not read goes as it is, for the server to refuse naming it.
  const target = "target" in read ? read.target : { kind: "id" as const, id: item.id };
  const whole = item.fraction === 1;
  if (target.kind === "site") return whole ? { site: target.site } : { site: target.site, fraction: item.fraction };
  if (target.kind === "operator") return whole ? { operator: target.operator } : { operator: target.operator, fraction: item.fraction };
  return whole ? item.id : { id: item.id, fraction: item.fraction };
}

/** "0.5,90,30,cheap-power" */
export function formatMigration(m: Migration): string {
  return [Number(m.fraction.toFixed(3)), m.days, m.delayDays, m.weighting].join(",");
}

/**
 * The settings as link parameters, by their short names; those at their default are left out so
 * links stay short (a link with no shutdown carries none).
 */
export function scenarioParams(s: ScenarioSettings): [string, string][] {
  const params: [string, string][] = [];
  if (s.efficiency !== DEFAULT_EFFICIENCY_J_PER_TH) params.push([SCENARIO_PARAMS.efficiency, String(s.efficiency)]);
  if (s.shutdown.length > 0) params.push([SCENARIO_PARAMS.shutdown, formatShutdown(s.shutdown)]);
  if (s.blocksIntoEpoch !== DEFAULT_BLOCKS_INTO_EPOCH) params.push([SCENARIO_PARAMS.blocksIntoEpoch, String(s.blocksIntoEpoch)]);
  if (s.migration) params.push([SCENARIO_PARAMS.migration, formatMigration(s.migration)]);
  if (s.horizonDays !== DEFAULT_HORIZON_DAYS) params.push([SCENARIO_PARAMS.horizonDays, String(s.horizonDays)]);
  return params;
}

/** The scenario the settings describe for one dataset and month: a migration of fraction 0 is none. */
export function scenarioOf(s: ScenarioSettings, dataset: string, period: string): Scenario {
  return {
    period,
    dataset,
    shutdown: s.shutdown,
    blocksIntoEpoch: s.blocksIntoEpoch,
    horizonDays: s.horizonDays,
    efficiency: s.efficiency,
    ...(s.migration && s.migration.fraction > 0 ? { migration: s.migration } : {}),
  };
}

/** The POST /api/simulate body for the settings (requestItem). */
export function scenarioRequest(s: ScenarioSettings, dataset: string, period: string) {
  const scenario = scenarioOf(s, dataset, period);
  return { ...scenario, shutdown: scenario.shutdown.map(requestItem) };
}

/**
 * The /api/export query (without "?") for the scenario as a CSV or JSON file: each parameter once,
 * every setting spelled out (a file's link says what it holds, defaults included).
 */
export function scenarioExportQuery(s: ScenarioSettings, dataset: string, period: string, format: "csv" | "json" = "csv"): string {
  const P = SCENARIO_PARAMS;
  return new URLSearchParams([
    ["what", "scenario"],
    ["format", format],
    ["dataset", dataset],
    ["period", period],
    [P.shutdown, formatShutdown(s.shutdown)],
    ...(s.migration ? [[P.migration, formatMigration(s.migration)]] : []),
    [P.blocksIntoEpoch, String(s.blocksIntoEpoch)],
    [P.horizonDays, String(s.horizonDays)],
    [P.efficiency, String(s.efficiency)],
  ]).toString();
}

/** Day `day` of a scenario that starts on the first day of `period`, as YYYY-MM-DD. */
export function scenarioDate(period: string, day: number): string {
  const [y, m] = period.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1 + day)).toISOString().slice(0, 10);
}
