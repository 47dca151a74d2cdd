import { hhiOfSquares, type MetricDistribution, toShares } from "../metrics/concentration";
import { MetricsError } from "../metrics/errors";
import { HALT_EPS, MAJORITY_SHARE, mergeShutdown } from "../metrics/shock";

// One outcome of the risk model (docs/methodology.md#jurisdiction-risk): a set of events happened;
// what is lost, does one country hold a majority of what is left, and how concentrated is it. Both
// methods (exact enumeration, Monte Carlo) evaluate outcomes here, with typed arrays allocated once
// per request, so an outcome costs no allocation.

/** An event as the model takes it: the countries it takes offline, its chance, the fraction it takes. */
export type RiskModelEvent = { members: readonly string[]; probability: number; fraction: number };

/** An event whose outcome is uncertain (0 < p < 1), its members as indices into the countries. */
export type UncertainEvent = { index: number; probability: number; fraction: number; members: Int32Array };

/** The distribution and the events, ready for evaluation. */
export type Prepared = {
  /** Countries with a share > 0, largest first (toShares' order). */
  iso2: string[];
  share: Float64Array;
  unattributed: number;
  /** Offline fraction of each country from the events that always happen (p = 1), as mergeShutdown merges them. */
  baseOffline: Float64Array;
  uncertain: UncertainEvent[];
};

function checkEvent(e: RiskModelEvent, i: number) {
  if (!(Number.isFinite(e.probability) && e.probability >= 0 && e.probability <= 1)) {
    throw new MetricsError("invalid-parameter", `events.${i}.probability must be within 0–1, got ${e.probability}`, `events.${i}.probability`);
  }
  if (!(Number.isFinite(e.fraction) && e.fraction > 0 && e.fraction <= 1)) {
    throw new MetricsError("invalid-fraction", `events.${i}.fraction must be above 0 and at most 1, got ${e.fraction}`, `events.${i}.fraction`);
  }
}

/** Shares normalised including the unattributed bucket; p = 1 events folded into the base; p = 0 events dropped. */
export function prepare(distribution: MetricDistribution, events: readonly RiskModelEvent[]): Prepared {
  events.forEach(checkEvent);
  const countries = toShares(distribution).countries.filter((c) => c.share > 0);
  const index = new Map(countries.map((c, i) => [c.country, i]));
  const certain = events.filter((e) => e.probability === 1).flatMap((e) => e.members.map((country) => ({ country, fraction: e.fraction })));
  const merged = mergeShutdown(certain);
  const uncertain: UncertainEvent[] = [];
  events.forEach((e, i) => {
    if (e.probability <= 0 || e.probability >= 1) return;
    const members = [...new Set(e.members)].map((m) => index.get(m)).filter((m): m is number => m !== undefined);
    uncertain.push({ index: i, probability: e.probability, fraction: e.fraction, members: Int32Array.from(members) });
  });
  const shares = toShares(distribution);
  return {
    iso2: countries.map((c) => c.country),
    share: Float64Array.from(countries, (c) => c.share),
    unattributed: shares.unattributed,
    baseOffline: Float64Array.from(countries, (c) => merged.get(c.country) ?? 0),
    uncertain,
  };
}

/**
 * Evaluates outcomes: `evaluate(list, from, to)` takes the uncertain events that happened (indices
 * into `prepared.uncertain`, list[from..to)) and sets loss, halted, majority and hhi.
 */
export class OutcomeEvaluator {
  loss = 0;
  halted = false;
  majority = false;
  /** HHI of the survivors; NaN when halted. */
  hhi = Number.NaN;
  private readonly offline: Float64Array;

  constructor(private readonly prepared: Prepared) {
    this.offline = new Float64Array(prepared.share.length);
  }

  evaluate(list: Int32Array, from: number, to: number): void {
    const { share, baseOffline, uncertain } = this.prepared;
    const offline = this.offline;
    offline.set(baseOffline);
    for (let k = from; k < to; k++) {
      const event = uncertain[list[k] ?? -1];
      if (!event) continue;
      const keep = 1 - event.fraction;
      const members = event.members;
      // The same merge as mergeShutdown: independent outages combine as 1 − (1 − before)(1 − f).
      for (let j = 0; j < members.length; j++) {
        const c = members[j] ?? 0;
        offline[c] = 1 - (1 - (offline[c] ?? 0)) * keep;
      }
    }
    let lost = 0;
    for (let c = 0; c < share.length; c++) lost += (share[c] ?? 0) * (offline[c] ?? 0);
    const loss = Math.min(1, lost);
    if (loss >= 1 - HALT_EPS) {
      this.loss = 1;
      this.halted = true;
      this.majority = false;
      this.hhi = Number.NaN;
      return;
    }
    const left = 1 - loss;
    let top = 0;
    let squares = 0;
    for (let c = 0; c < share.length; c++) {
      const remaining = (share[c] ?? 0) * (1 - (offline[c] ?? 0));
      squares += remaining * remaining;
      if (remaining > top) top = remaining;
    }
    this.loss = loss;
    this.halted = false;
    this.majority = top / left > MAJORITY_SHARE;
    this.hhi = hhiOfSquares(squares, left);
  }
}
