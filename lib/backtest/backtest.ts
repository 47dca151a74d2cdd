import { monthsBetween } from "../metrics/age";
import { toShares } from "../metrics/concentration";
import { changeFraction, isoUtc } from "../metrics/network";
import { MAX_HORIZON_DAYS, simulate } from "../simulate/simulate";
import { BACKTEST_CASES, type BacktestCase, NOT_BACKTESTED } from "./cases";
import { dropError, eventDropFigures, mean, observationDropFigures, observedDropOf } from "./figures";
import {
  blocksIntoEpochAt,
  choosePeriod,
  dayAfter,
  daysBetween,
  type Fraction,
  type PeriodChoice,
  poolProxyFraction,
  powerFraction,
  retargetsAround,
  shareOfflineFraction,
} from "./scenario";
import type { BacktestData, BacktestRow, Backtests, NotBacktested, Observation, SharesCandidate, SharesMonth, ShockEventFacts } from "./types";

// The simulator against real shocks (docs/methodology.md#backtests). Two steps, so that the
// service reads only the months it needs: plan (which month and window each case uses), then run
// each plan on its month's shares. Pure.

/** Shares this many months older than the shock are flagged in what the model leaves out. */
const OLD_SHARES_MONTHS = 3;
/** An unattributed rest at least this large is flagged: the simulator never shuts it down. */
const LARGE_UNATTRIBUTED = 0.2;
/** Simulated days past twice the last compared retarget, so that the simulator reaches as many retargets. */
const HORIZON_MARGIN_DAYS = 60;

export type Plan = {
  case: BacktestCase;
  name: string;
  start: string;
  end: string;
  windowBasis: string;
  windowSources: string[];
  shockEvent: ShockEventFacts | null;
  countries: string[];
  /** The event's observations (none for a case read from network events). */
  rows: Observation[];
  choice: PeriodChoice;
};

const notBacktested = (id: string, name: string, date: string, reason: string): NotBacktested => ({ id, name, date, reason });

function planOne(c: BacktestCase, data: BacktestData, candidates: readonly SharesCandidate[]): Plan | NotBacktested {
  const figures = c.figures;
  const rows = "observations" in figures ? data.observations.filter((o) => o.eventId === figures.observations) : [];
  const shockEvent = data.shockEvents.find((e) => e.slug === c.shockEvent) ?? null;
  const name = shockEvent?.title ?? rows[0]?.event ?? c.id;
  let window: { start: string; end: string; basis: string; sources: string[] } | null = null;
  if ("shockEvent" in c.window) {
    const slug = c.window.shockEvent;
    const e = data.shockEvents.find((s) => s.slug === slug);
    if (e) window = { start: e.date, end: e.endDate ?? e.date, basis: `the dates of the shock event "${e.title}"`, sources: [e.sourceUrl] };
  } else {
    const { metric, sourceUrl, why } = c.window;
    const row = rows.find((r) => r.metric === metric && r.sourceUrl === sourceUrl);
    if (row) window = { start: row.date, end: row.endDate, basis: `${why} (${row.dateLabel}; ${row.certainty})`, sources: [row.sourceUrl] };
  }
  const date = window?.start ?? rows[0]?.date ?? shockEvent?.date ?? "";
  if (!window) return notBacktested(c.id, name, date, "the figure its dates are read from is not in the data");
  const countries = shockEvent ? [...shockEvent.countries] : [...new Set(rows.flatMap((r) => r.countries))];
  if (countries.length === 0) return notBacktested(c.id, name, date, "no affected country is recorded");
  const choice = choosePeriod(window.start, candidates);
  if (!choice) return notBacktested(c.id, name, date, `no whole-network shares dataset has a month before ${window.start.slice(0, 7)}`);
  return { case: c, name, start: window.start, end: window.end, windowBasis: window.basis, windowSources: window.sources, shockEvent, countries, rows, choice };
}

/**
 * Each case's window, countries and month of shares (candidates: the default dataset first), and
 * every recorded event no case backtests, with the reason.
 */
export function planBacktests(
  data: BacktestData,
  candidates: readonly SharesCandidate[],
  cases: readonly BacktestCase[] = BACKTEST_CASES,
): { plans: Plan[]; notBacktested: NotBacktested[] } {
  const plans: Plan[] = [];
  const skipped: NotBacktested[] = [];
  for (const c of cases) {
    const planned = planOne(c, data, candidates);
    if ("case" in planned) plans.push(planned);
    else skipped.push(planned);
  }
  const coveredEvents = new Set(cases.flatMap((c) => ("observations" in c.figures ? [c.figures.observations] : [])));
  const coveredShocks = new Set(cases.flatMap((c) => (c.shockEvent ? [c.shockEvent] : [])));
  const events = new Map<string, Observation[]>();
  for (const o of data.observations) if (!coveredEvents.has(o.eventId)) events.set(o.eventId, [...(events.get(o.eventId) ?? []), o]);
  for (const [id, rows] of events) {
    const date = rows.map((r) => r.date).sort()[0] ?? "";
    skipped.push(notBacktested(id, rows[0]?.event ?? id, date, NOT_BACKTESTED[id] ?? "not reviewed for a backtest yet"));
  }
  for (const e of data.shockEvents) {
    if (!coveredShocks.has(e.slug)) skipped.push(notBacktested(e.slug, e.title, e.date, NOT_BACKTESTED[e.slug] ?? "not reviewed for a backtest yet"));
  }
  skipped.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  return { plans, notBacktested: skipped };
}

const pct = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;

function fractionOf(plan: Plan, country: string, share: number, data: BacktestData): Fraction {
  const rule = plan.case.fraction;
  const name = data.countryNames.get(country) ?? country;
  switch (rule.method) {
    case "whole":
      return { fraction: 1, basis: `all of it: ${rule.why}`, sources: [] };
    case "share-offline":
      return shareOfflineFraction(plan.rows, country, name);
    case "pool-proxy": {
      const f = poolProxyFraction(plan.rows, rule.pool);
      return f.fraction === null ? f : { ...f, basis: `${f.basis}: ${rule.why}` };
    }
    case "power": {
      const month = plan.start.slice(0, 7);
      const network = data.networkMonths.filter((m) => m.period < month).at(-1) ?? null;
      return powerFraction(plan.rows, country, name, share, network, data.efficiencyJPerTh);
    }
  }
}

/** What the month's shares themselves leave out: their age, a large unattributed rest, an affected country they do not name. */
function sharesCaveats(plan: Plan, month: SharesMonth, named: ReadonlySet<string>, unattributed: number, data: BacktestData): string[] {
  const notes: string[] = [];
  const age = monthsBetween(month.period, plan.start.slice(0, 7));
  if (age >= OLD_SHARES_MONTHS) notes.push(`The shares are ${age} months older than the shock (${month.period}, from ${month.source}).`);
  for (const c of plan.countries) {
    if (!named.has(c))
      notes.push(
        `${month.period}'s shares do not name ${data.countryNames.get(c) ?? c}: its hashrate sits in the unattributed rest, so the simulator takes none of it offline.`,
      );
  }
  if (unattributed >= LARGE_UNATTRIBUTED)
    notes.push(`${pct(unattributed)} of the network is unattributed in ${month.period}; the simulator never shuts that part down.`);
  return notes;
}

/** One backtest: the scenario on its month's shares, the simulator's drop and retargets beside the observed ones. */
export function runBacktest(plan: Plan, month: SharesMonth, data: BacktestData): BacktestRow | NotBacktested {
  const { case: c, start, end } = plan;
  const skip = (reason: string) => notBacktested(c.id, plan.name, start, reason);
  const shares = toShares(month.distribution);
  const shareOf = (iso2: string) => shares.countries.find((s) => s.country === iso2)?.share ?? 0;

  const fractions: { iso2: string; name: string; share: number; fraction: number }[] = [];
  const bases: string[] = [];
  const sources: string[] = [...plan.windowSources];
  for (const iso2 of plan.countries) {
    const f = fractionOf(plan, iso2, shareOf(iso2), data);
    if (f.fraction === null) return skip(f.reason);
    fractions.push({ iso2, name: data.countryNames.get(iso2) ?? iso2, share: shareOf(iso2), fraction: f.fraction });
    bases.push(f.basis);
    sources.push(...f.sources);
  }

  const figures = "networkEvents" in c.figures ? eventDropFigures(data.networkEvents, c.figures.networkEvents) : observationDropFigures(plan.rows, c.exclude);
  const observedDrop = observedDropOf(figures);
  if (observedDrop === null) return skip("no source measures the fall in network hashrate");

  const blocksIntoEpoch = blocksIntoEpochAt(start, data.retargets);
  const observed = retargetsAround(start, end, data.retargets);
  const outageDays = c.permanent ? null : Math.max(1, daysBetween(start, end));
  const last = observed.at(-1);
  const lastDay = last ? (Date.parse(isoUtc(last.dateUtc)) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 : 0;
  const horizonDays = Math.min(MAX_HORIZON_DAYS, Math.ceil(2 * Math.max(0, lastDay)) + HORIZON_MARGIN_DAYS);
  // The lost hashrate's return after the outage is the simulator's migration with fraction 1, all at once:
  // for the network's totals, which is all a backtest compares, where it lands does not matter.
  const migration = outageDays === null ? undefined : { fraction: 1, days: 0, delayDays: outageDays, weighting: "proportional" as const };
  const sim = simulate({
    distribution: month.distribution,
    shutdown: fractions.map((f) => ({ country: f.iso2, fraction: f.fraction })),
    networkHashrateEh: month.networkHashrateEh,
    blocksIntoEpoch,
    migration: migration ?? null,
    horizonDays,
  });
  const predictedDrop = sim.shock.lostShare;

  for (const f of figures) sources.push(...f.sources);
  if (plan.shockEvent) sources.push(plan.shockEvent.sourceUrl);
  const measuredBy = new Map<string, string>();
  for (const row of plan.rows) if (!measuredBy.has(row.sourceUrl)) measuredBy.set(row.sourceUrl, row.certainty);
  for (const f of figures) for (const url of f.sources) if (!measuredBy.has(url)) measuredBy.set(url, f.measuredBy);
  if (plan.shockEvent) measuredBy.set(plan.shockEvent.sourceUrl, `shock event: ${plan.shockEvent.title}`);

  const named = new Set(shares.countries.filter((s) => s.share > 0).map((s) => s.country));
  return {
    id: c.id,
    name: plan.name,
    date: start,
    endDate: end,
    shockEvent: plan.shockEvent?.slug ?? null,
    scenario: {
      dataset: month.dataset,
      period: month.period,
      periodBasis: periodBasis(plan, month),
      countries: fractions,
      fractionBasis: bases.join("; "),
      outageDays,
      windowBasis: `${start} … ${end}: ${plan.windowBasis}${outageDays === null ? "; the hashrate does not come back" : `; the lost hashrate comes back after ${outageDays} day${outageDays > 1 ? "s" : ""}`}`,
      blocksIntoEpoch,
      request: {
        dataset: month.dataset,
        period: month.period,
        shutdown: fractions.map((f) => ({ id: f.iso2, fraction: f.fraction })),
        blocksIntoEpoch,
        horizonDays,
        efficiency: data.efficiencyJPerTh,
        ...(migration ? { migration } : {}),
      },
    },
    observedDrop,
    observedFigures: figures,
    predictedDrop,
    error: dropError(predictedDrop, observedDrop),
    observedRetargets: observed.map((r) => ({ height: r.height, time: isoUtc(r.dateUtc), change: changeFraction(r.changePct), source: r.source })),
    predictedRetargets: sim.retargets
      .slice(0, Math.max(1, observed.length))
      .map((r) => ({ day: r.day, date: dayAfter(start, r.day), change: r.difficultyChange, blocksFromStart: r.blocksFromStart })),
    sources: [...new Set(sources)].filter((url) => /^https?:\/\//.test(url)).map((url) => ({ url, measuredBy: measuredBy.get(url) ?? "" })),
    leftOut: [...c.leftOut, ...sharesCaveats(plan, month, named, shares.unattributed, data)],
  };
}

function periodBasis(plan: Plan, month: SharesMonth): string {
  const from = month.source === month.dataset ? "" : `, taken from ${month.source}`;
  const eventMonth = plan.start.slice(0, 7);
  return plan.choice.fallback
    ? `the default dataset has no month before ${eventMonth}: the nearest earlier month of the whole-network shares datasets (${month.dataset}${from})`
    : `the newest month of ${month.dataset} before ${eventMonth}${from}`;
}

/** The rows by date, and the mean absolute and signed errors over them. */
export function summarise(rows: readonly BacktestRow[], skipped: readonly NotBacktested[]): Backtests {
  const sorted = [...rows].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  return {
    rows: sorted,
    meanAbsoluteError: mean(sorted.map((r) => r.error.absolute)),
    meanSignedError: mean(sorted.map((r) => r.error.signed)),
    notBacktested: [...skipped].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id)),
  };
}
