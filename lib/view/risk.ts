import type { Scale } from "../colors/scale";
import type { RiskEvent } from "../risk/schema";
import type { RiskResult } from "../validation/responses";
import type { LayerView } from "./map-layers";
import { formatInteger, formatMinutes, formatShare, formatShareShort, formatSignedPercent } from "./format";

// The risk answer → what the risk view shows (docs/methodology.md#jurisdiction-risk). Every figure
// is the server's; this only picks, orders and formats. The chart's geometry is risk-chart.ts.

export type RiskEventUsed = RiskResult["events"][number];
type Fact = { label: string; value: string; testId: string };
type Result = Pick<
  RiskResult,
  | "events"
  | "expectedLostShare"
  | "lostShareQuantiles"
  | "probabilityLossAbove"
  | "probabilityMajority"
  | "probabilityHalted"
  | "difficultyChange"
  | "blockIntervalMinutes"
  | "expectedHhiAfter"
  | "standardErrors"
  | "method"
  | "draws"
  | "seed"
  | "horizonDays"
  | "contributions"
>;

/** A chance as text: exact 0 and 1 as such, a tiny non-zero chance as "< 0.01%" rather than a false 0. */
export function formatChance(p: number): string {
  if (p === 0) return "0%";
  if (p === 1) return "100%";
  if (p < 0.00005) return "< 0.01%";
  if (p > 0.99995) return "> 99.99%";
  return formatShare(p);
}

/** A probability as the number the table's input shows: percent, at most two decimals. */
export const toPercentInput = (p: number) => Number((p * 100).toFixed(2));
/** A percentage typed in the table → the probability the link and the request carry (null: not one). */
export function fromPercentInput(text: string): number | null {
  if (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(text)) return null;
  const percent = Number(text);
  return percent >= 0 && percent <= 100 ? Number((percent / 100).toFixed(6)) : null;
}

/** The events the user set, by id (the last one of an id wins: the table has one row per id). */
function overridesById(overrides: readonly RiskEvent[]): Map<string, RiskEvent> {
  return new Map(overrides.map((o) => [o.id, o]));
}

/**
 * The POST /api/risk body for the user's probabilities: every default event, with the user's
 * probability (and fraction) where set. Null when none of the user's events is one of the rows
 * (then the defaults' own answer is the answer). An event the rows do not list (a country without a
 * share this month, a hand-edited id) is left out rather than refused.
 */
export function riskRequest(dataset: string, period: string, defaults: readonly RiskEventUsed[] | null, overrides: readonly RiskEvent[]) {
  if (!defaults) return null;
  const set = overridesById(overrides);
  if (!defaults.some((e) => set.has(e.id))) return null;
  return {
    dataset,
    period,
    events: defaults.map((e) => {
      const o = set.get(e.id);
      return o ? { id: e.id, probability: o.probability, fraction: o.fraction } : { id: e.id, probability: e.probability, fraction: e.fraction };
    }),
  };
}

/** The request for the defaults: no events listed, so every country with a share and every bloc at its default. */
export const riskDefaultsRequest = (dataset: string, period: string) => ({ dataset, period, events: [] as RiskEvent[] });

/** The user's events after setting (null: back to its default) one row's probability; the row keeps its fraction. */
export function setRiskProbability(overrides: readonly RiskEvent[], row: Pick<RiskEventUsed, "id" | "fraction">, probability: number | null): RiskEvent[] {
  const rest = overrides.filter((o) => o.id !== row.id);
  return probability === null ? rest : [...rest, { id: row.id, probability, fraction: row.fraction }];
}

export type RiskRow = {
  id: string;
  name: string;
  kind: RiskEventUsed["kind"];
  /** "China", or for a bloc its members: "US, CA, MX" */
  detail: string;
  /** The probability in effect (the user's or the default), and the share it takes offline. */
  probability: number;
  fraction: number;
  defaultText: string;
  isDefault: boolean;
  /** "takes 25% offline" */
  fractionText: string;
  /** The event's part of the expected loss in the answer shown ("…" while it is for other probabilities). */
  contributionText: string;
};

/**
 * The table's rows: the default events in the server's order (countries by share, then blocs), each
 * with the user's probability where set. `answer` is the answer shown; its contribution is given only
 * for an event whose probability it was computed with, so a row never shows a stale figure as current.
 */
export function riskRows(
  defaults: readonly RiskEventUsed[],
  overrides: readonly RiskEvent[],
  answer: Pick<Result, "events" | "contributions"> | null,
): RiskRow[] {
  const set = overridesById(overrides);
  const used = new Map((answer?.events ?? []).map((e, i) => [e.id, { event: e, contribution: answer?.contributions.events[i]?.expectedLostShare }]));
  return defaults.map((e) => {
    const o = set.get(e.id);
    const probability = o ? o.probability : e.probability;
    const fraction = o ? o.fraction : e.fraction;
    const inAnswer = used.get(e.id);
    const current = inAnswer && inAnswer.event.probability === probability && inAnswer.event.fraction === fraction;
    return {
      id: e.id,
      name: e.name,
      kind: e.kind,
      detail: e.kind === "bloc" ? e.members.join(", ") : e.id,
      probability,
      fraction,
      defaultText: formatChance(e.probability),
      isDefault: !o,
      fractionText: `takes ${formatShare(fraction)} offline`,
      contributionText: current && inAnswer.contribution !== undefined ? formatChance(inAnswer.contribution) : "…",
    };
  });
}

const QUANTILE_LABELS = {
  p50: "Median loss (p50)",
  p90: "90th percentile loss (p90)",
  p95: "95th percentile loss (p95)",
  p99: "99th percentile loss (p99)",
} as const;

/** " ± 0.12%" for a Monte Carlo figure, nothing for an exact one. */
const plusMinus = (se: number | undefined) => (se === undefined ? "" : ` ± ${formatChance(se)}`);

/** The headline figures, each labelled as a person would read it. */
export function riskFigures(r: Result): { headline: string; facts: Fact[]; method: string } {
  const se = r.standardErrors;
  const facts: Fact[] = [
    { label: "Expected share of hashrate lost", value: formatShare(r.expectedLostShare), testId: "risk-expected" },
    ...(["p50", "p90", "p95", "p99"] as const).map((q) => ({
      label: QUANTILE_LABELS[q],
      value: `${formatShare(r.lostShareQuantiles[q])}${plusMinus(se?.lostShareQuantiles[q])}`,
      testId: `risk-${q}`,
    })),
    ...(["0.1", "0.2", "0.3", "0.5"] as const).map((x) => ({
      label: `Chance of losing more than ${formatShareShort(Number(x))}`,
      value: `${formatChance(r.probabilityLossAbove[x])}${plusMinus(se?.probabilityLossAbove[x])}`,
      testId: `risk-above-${x}`,
    })),
    {
      label: "Chance one country then holds a majority of what is left",
      value: `${formatChance(r.probabilityMajority)}${plusMinus(se?.probabilityMajority)}`,
      testId: "risk-majority",
    },
    { label: "Chance every miner is lost (the chain halts)", value: formatChance(r.probabilityHalted), testId: "risk-halted" },
    { label: "Next retarget, at the expected loss", value: formatSignedPercent(r.difficultyChange.expected), testId: "risk-difficulty" },
    { label: "Block interval until then, at the expected loss", value: formatMinutes(r.blockIntervalMinutes.expected), testId: "risk-interval" },
    { label: "Expected HHI of the survivors", value: r.expectedHhiAfter === null ? "—" : formatInteger(r.expectedHhiAfter), testId: "risk-hhi" },
  ];
  return {
    headline: `Within ${r.horizonDays} days, ${formatShare(r.expectedLostShare)} of network hashrate is expected to go offline; in 1 case in 10, more than ${formatShare(r.lostShareQuantiles.p90)}.`,
    facts,
    method:
      r.method === "exact"
        ? "Exact: every combination of events enumerated."
        : `Monte Carlo: ${r.draws === null ? "" : `${r.draws.toLocaleString("en-US")} draws, `}seed ${r.seed ?? "—"} (the same request gives the same answer); ± is one standard error.`,
  };
}

export type RiskContribution = { id: string; label: string; value: string };

/** Who contributes most to the expected loss: the top events and the top countries, largest first. */
export function riskContributions(r: Pick<Result, "events" | "contributions">, names: ReadonlyMap<string, string>, top = 5) {
  const eventName = new Map(r.events.map((e) => [e.id, e.name]));
  const largest = <T extends { expectedLostShare: number }>(xs: readonly T[]) =>
    [...xs]
      .filter((x) => x.expectedLostShare > 0)
      .sort((a, b) => b.expectedLostShare - a.expectedLostShare)
      .slice(0, top);
  return {
    events: largest(r.contributions.events).map((e): RiskContribution => ({
      id: e.id,
      label: eventName.get(e.id) ?? e.id,
      value: formatChance(e.expectedLostShare),
    })),
    countries: largest(r.contributions.countries).map((c): RiskContribution => ({
      id: c.iso2,
      label: names.get(c.iso2) ?? c.iso2,
      value: formatChance(c.expectedLostShare),
    })),
  };
}

/** What the risk layer reads of POST /api/risk's answer. */
export type RiskLayerInput = Pick<RiskResult, "period" | "contributions">;

/**
 * The map's risk layer: each country's part of the expected lost share (null: no answer for this
 * month yet). Here rather than in map-layers.ts, so that it loads with the risk view and not in the
 * dashboard's first load.
 */
export function riskLayer(risk: RiskLayerInput | null, scale: Scale): LayerView {
  return {
    scale,
    values: (risk?.contributions.countries ?? []).map((c) => ({
      iso2: c.iso2,
      value: c.expectedLostShare,
      tooltip: `${formatShare(c.expectedLostShare)} of network hashrate expected to go offline here`,
    })),
    noDataLabel: "No share this month, so no risk counted",
    note: "The probabilities behind it are starting points to change, not forecasts.",
  };
}
