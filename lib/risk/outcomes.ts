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
 * into `prepared.uncertain`, list[from..to)) and sets loss, halted, majority and hhi. The outcome
 * where none happens is worked out once; an outcome only revisits the countries its events touch,
 * so it costs what happens in it, not the number of countries.
 */
export class OutcomeEvaluator {
  loss = 0;
  halted = false;
  majority = false;
  /** HHI of the survivors; NaN when halted. */
  hhi = Number.NaN;
  private readonly offline: Float64Array;
  /** What each country keeps when no uncertain event happens: s_c · (1 − base offline_c). */
  private readonly baseRemaining: Float64Array;
  /** Countries by baseRemaining, largest first: the largest untouched survivor is found from the front. */
  private readonly byRemaining: Int32Array;
  private readonly baseLost: number;
  private readonly baseSquares: number;
  /** stamp[c] === outcome: c is touched by this outcome (no clearing between outcomes). */
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private outcome = 0;

  constructor(private readonly prepared: Prepared) {
    const { share, baseOffline } = prepared;
    const n = share.length;
    this.offline = new Float64Array(n);
    this.baseRemaining = Float64Array.from(share, (s, c) => s * (1 - (baseOffline[c] ?? 0)));
    this.byRemaining = Int32Array.from(share.keys()).sort((a, b) => (this.baseRemaining[b] ?? 0) - (this.baseRemaining[a] ?? 0));
    let lost = 0;
    let squares = 0;
    for (let c = 0; c < n; c++) {
      lost += (share[c] ?? 0) * (baseOffline[c] ?? 0);
      squares += (this.baseRemaining[c] ?? 0) ** 2;
    }
    this.baseLost = lost;
    this.baseSquares = squares;
    this.stamp = new Int32Array(n);
    this.touched = new Int32Array(n);
  }

  evaluate(list: Int32Array, from: number, to: number): void {
    const { share, baseOffline, uncertain } = this.prepared;
    const { offline, stamp, touched, baseRemaining } = this;
    const outcome = ++this.outcome;
    let count = 0;
    for (let k = from; k < to; k++) {
      const event = uncertain[list[k] ?? -1];
      if (!event) continue;
      const keep = 1 - event.fraction;
      const members = event.members;
      for (let j = 0; j < members.length; j++) {
        const c = members[j] ?? 0;
        if (stamp[c] !== outcome) {
          stamp[c] = outcome;
          offline[c] = baseOffline[c] ?? 0;
          touched[count++] = c;
        }
        // The same merge as mergeShutdown: independent outages combine as 1 − (1 − before)(1 − f).
        offline[c] = 1 - (1 - (offline[c] ?? 0)) * keep;
      }
    }
    let lost = this.baseLost;
    let squares = this.baseSquares;
    let top = 0;
    for (let t = 0; t < count; t++) {
      const c = touched[t] ?? 0;
      const s = share[c] ?? 0;
      lost += s * ((offline[c] ?? 0) - (baseOffline[c] ?? 0));
      const remaining = s * (1 - (offline[c] ?? 0));
      squares += remaining * remaining - (baseRemaining[c] ?? 0) ** 2;
      if (remaining > top) top = remaining;
    }
    for (let i = 0; i < this.byRemaining.length; i++) {
      const c = this.byRemaining[i] ?? 0;
      if (stamp[c] === outcome) continue;
      if ((baseRemaining[c] ?? 0) > top) top = baseRemaining[c] ?? 0;
      break;
    }
    const loss = Math.min(1, lost);
    if (loss >= 1 - HALT_EPS) {
      this.loss = 1;
      this.halted = true;
      this.majority = false;
      this.hhi = Number.NaN;
      return;
    }
    const left = 1 - loss;
    this.loss = loss;
    this.halted = false;
    this.majority = top / left > MAJORITY_SHARE;
    // Rounding in the differences must not take a sum of squares below 0.
    this.hhi = hhiOfSquares(Math.max(0, squares), left);
  }
}
