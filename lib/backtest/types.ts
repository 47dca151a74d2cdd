import type { MetricDistribution } from "../metrics/concentration";
import type { NetworkEventRecord } from "../validation/network";
import type { ShockObservationRecord } from "../validation/observations";

// What the backtests read and answer (docs/methodology.md#backtests). The core is pure: the service
// reads these from the database and hands them over.

/** One sourced figure about a shock (a ShockObservation row), with the countries its jurisdiction names. */
export type Observation = ShockObservationRecord & {
  /** ISO alpha-2 codes: a subdivision counts as its country (US-TX → US). */
  countries: readonly string[];
};

/** A network-events row (observations around the 2021 China ban and later milestones). */
export type NetworkEventFigure = NetworkEventRecord;

export type ShockEventFacts = { slug: string; date: string; endDate: string | null; title: string; sourceUrl: string; countries: readonly string[] };

export type RetargetFact = { height: number; dateUtc: string; changePct: number; source: string };

/** The months a shares dataset covers; the default dataset first, then the other whole-network ones. */
export type SharesCandidate = { dataset: string; periods: readonly string[] };

/** One month of shares as the simulator reads it. */
export type SharesMonth = {
  dataset: string;
  period: string;
  /** The dataset the month is taken from (itself, or for the best estimate its source). */
  source: string;
  distribution: MetricDistribution;
  networkHashrateEh: number;
};

export type BacktestData = {
  observations: readonly Observation[];
  networkEvents: readonly NetworkEventFigure[];
  shockEvents: readonly ShockEventFacts[];
  /** Every retarget, by height. */
  retargets: readonly RetargetFact[];
  /** Network hashrate by month (EH/s), for turning curtailed MW into a fraction. */
  networkMonths: readonly { period: string; hashrateEh: number }[];
  countryNames: ReadonlyMap<string, string>;
  /** Fleet efficiency (J/TH) that turns EH/s into MW. */
  efficiencyJPerTh: number;
};

/** A fall in network hashrate, as a fraction: one figure, or the range the sources span. */
export type Drop = number | { low: number; high: number };

/** One figure behind an observed drop, and whether it was used. */
export type DropFigure = {
  /** null: the figure is not a fraction (an absolute change in EH/s with no reading before it on the same page). */
  drop: number | null;
  /** change: a reported fall in %; before-trough: two hashrate readings from one page. */
  how: "change" | "before-trough";
  /** The figure as the source gives it, e.g. "205 → 177.33 EH/s" or "−13.4 %". */
  text: string;
  dateLabel: string;
  /** Who measured it (the row's certainty). */
  measuredBy: string;
  /** The page (or the two pages) the figure is read from. */
  sources: string[];
  /** Why the figure is not in the observed drop; null when it is. */
  leftOut: string | null;
};

export type BacktestScenario = {
  dataset: string;
  period: string;
  /** Why this month: the newest month before the event, and the dataset it comes from. */
  periodBasis: string;
  countries: { iso2: string; name: string; share: number; fraction: number }[];
  /** Where the fraction comes from, with the arithmetic. */
  fractionBasis: string;
  /** Days until the lost hashrate returns; null: it does not (a ban). */
  outageDays: number | null;
  windowBasis: string;
  blocksIntoEpoch: number;
  /** The POST /api/simulate body that runs this scenario. */
  request: {
    dataset: string;
    period: string;
    shutdown: { id: string; fraction: number }[];
    blocksIntoEpoch: number;
    horizonDays: number;
    efficiency: number;
    migration?: { fraction: number; days: number; delayDays: number; weighting: "proportional" };
  };
};

export type ObservedRetarget = { height: number; time: string; change: number; source: string };
export type PredictedRetarget = { day: number; date: string; change: number; blocksFromStart: number };

export type BacktestRow = {
  id: string;
  name: string;
  date: string;
  endDate: string;
  shockEvent: string | null;
  scenario: BacktestScenario;
  observedDrop: Drop;
  observedFigures: DropFigure[];
  predictedDrop: number;
  error: { signed: number; absolute: number };
  observedRetargets: ObservedRetarget[];
  predictedRetargets: PredictedRetarget[];
  sources: { url: string; measuredBy: string }[];
  leftOut: string[];
};

export type NotBacktested = { id: string; name: string; date: string; reason: string };

export type Backtests = { rows: BacktestRow[]; meanAbsoluteError: number | null; meanSignedError: number | null; notBacktested: NotBacktested[] };
