import type { MetricDistribution } from "../metrics/concentration";
import { MetricsError } from "../metrics/errors";
import { BLOCKS_PER_EPOCH } from "../metrics/shock";
import { exactDistribution } from "./exact";
import { MAX_EXACT_EVENTS, MAX_RISK_SAMPLING_WORK } from "./limits";
import { monteCarloDistribution, samplingWorkPerDraw } from "./monte-carlo";
import { prepare, type Prepared, type RiskModelEvent } from "./outcomes";
import type { LossDistribution } from "./summary";

// The jurisdiction-risk model (docs/methodology.md#jurisdiction-risk). Pure: no IO, no clock; the
// same input gives the same answer (Monte Carlo draws are seeded).
//
// Events are independent; event i happens with probability pᵢ and then takes the fraction fᵢ of
// each member's hashrate offline. A country c hit by the events that happened is offline by
// 1 − Π(1 − fᵢ); the lost share is L = Σ s_c · offline_c (the unattributed share never goes offline).

export type { RiskModelEvent };

export type RiskModelInput = {
  distribution: MetricDistribution;
  events: readonly RiskModelEvent[];
  blocksIntoEpoch: number;
  /** Monte Carlo draws, when there are more than MAX_EXACT_EVENTS uncertain events. */
  draws: number;
  seed: number;
};

export type RiskFigures = LossDistribution & {
  method: "exact" | "monte-carlo";
  draws: number | null;
  seed: number | null;
  /** Σ s_c · E[offline_c], computed analytically in either method. */
  expectedLostShare: number;
  contributions: {
    /** Each event's part of expectedLostShare, in the order of the input events. */
    events: number[];
    /** Each country with a share, its part; largest first (ties by ISO code). */
    countries: { iso2: string; expectedLostShare: number }[];
  };
};

/** The hazard of an event on each member, −ln(1 − p·f); Infinity when it takes the member offline for sure. */
const hazard = (e: RiskModelEvent) => -Math.log1p(-e.probability * e.fraction);

/**
 * E[offline_c] = 1 − Π_{i∋c} (1 − pᵢ fᵢ) for every country with a share, and the split of each
 * country's expected loss over the events that hit it, in proportion to their hazards
 * −ln(1 − pᵢ fᵢ) (they add up: E[offline_c] = 1 − exp(−Σ hazards)). Events that take the country
 * offline for sure (p·f = 1) share it equally among themselves.
 */
export function expectedContributions(prepared: Pick<Prepared, "iso2" | "share">, events: readonly RiskModelEvent[]) {
  const index = new Map(prepared.iso2.map((iso2, c) => [iso2, c]));
  const hits: { event: number; pf: number; hazard: number }[][] = prepared.iso2.map(() => []);
  events.forEach((e, i) => {
    if (e.probability * e.fraction <= 0) return;
    for (const member of new Set(e.members)) {
      const c = index.get(member);
      if (c !== undefined) hits[c]?.push({ event: i, pf: e.probability * e.fraction, hazard: hazard(e) });
    }
  });
  const byEvent = events.map(() => 0);
  const countries = prepared.iso2.map((iso2, c) => {
    const list = hits[c] ?? [];
    const survive = list.reduce((keep, h) => keep * (1 - h.pf), 1);
    const expected = (prepared.share[c] ?? 0) * (1 - survive);
    const sure = list.filter((h) => h.hazard === Number.POSITIVE_INFINITY);
    const total = list.reduce((sum, h) => sum + h.hazard, 0);
    for (const h of sure.length > 0 ? sure : list) {
      const weight = sure.length > 0 ? 1 / sure.length : h.hazard / total;
      byEvent[h.event] = (byEvent[h.event] ?? 0) + expected * weight;
    }
    return { iso2, expectedLostShare: expected };
  });
  countries.sort((a, b) => b.expectedLostShare - a.expectedLostShare || (a.iso2 < b.iso2 ? -1 : 1));
  const expectedLostShare = countries.reduce((sum, c) => sum + c.expectedLostShare, 0);
  return { expectedLostShare, events: byEvent, countries };
}

function checkSettings(input: RiskModelInput) {
  const b = input.blocksIntoEpoch;
  if (!Number.isInteger(b) || b < 0 || b >= BLOCKS_PER_EPOCH) {
    throw new MetricsError("invalid-parameter", `blocksIntoEpoch must be an integer from 0 to ${BLOCKS_PER_EPOCH - 1}, got ${b}`, "blocksIntoEpoch");
  }
  if (!Number.isInteger(input.draws) || input.draws < 1)
    throw new MetricsError("invalid-parameter", `draws must be a whole number ≥ 1, got ${input.draws}`, "draws");
  if (!Number.isInteger(input.seed)) throw new MetricsError("invalid-parameter", `seed must be a whole number, got ${input.seed}`, "seed");
}

/** A request whose draws would take far longer than a second is refused, saying how many draws it may have. */
function checkSamplingWork(prepared: Prepared, draws: number) {
  const perDraw = samplingWorkPerDraw(prepared);
  if (draws * perDraw <= MAX_RISK_SAMPLING_WORK) return;
  const most = Math.floor(MAX_RISK_SAMPLING_WORK / perDraw);
  throw new MetricsError(
    "invalid-parameter",
    `draws: sampling these events takes ${perDraw.toFixed(1)} units of work per draw; draws × that may be at most ${MAX_RISK_SAMPLING_WORK} (about a second), so at most ${most} draws`,
    "draws",
  );
}

/**
 * The distribution of the lost share: exact when at most MAX_EXACT_EVENTS events are uncertain
 * (0 < p < 1; p = 0 events change nothing, p = 1 events always happen), otherwise `draws` seeded
 * Monte Carlo draws. `forceMonteCarlo` samples even a small case (tests and the benchmark).
 */
export function riskOf(input: RiskModelInput, options: { forceMonteCarlo?: boolean } = {}): RiskFigures {
  checkSettings(input);
  const prepared = prepare(input.distribution, input.events);
  const sampled = options.forceMonteCarlo === true || prepared.uncertain.length > MAX_EXACT_EVENTS;
  if (sampled) checkSamplingWork(prepared, input.draws);
  const distribution = sampled
    ? monteCarloDistribution(prepared, input.blocksIntoEpoch, input.draws, input.seed)
    : exactDistribution(prepared, input.blocksIntoEpoch);
  const { expectedLostShare, events, countries } = expectedContributions(prepared, input.events);
  const unit = (x: number) => Math.min(1, Math.max(0, x));
  return {
    method: sampled ? "monte-carlo" : "exact",
    draws: sampled ? input.draws : null,
    seed: sampled ? input.seed : null,
    expectedLostShare: unit(expectedLostShare),
    ...distribution,
    contributions: {
      events: events.map(unit),
      countries: countries.map((c) => ({ iso2: c.iso2, expectedLostShare: unit(c.expectedLostShare) })),
    },
  };
}
