import { HALT_EPS, retargetAfterLoss } from "../metrics/shock";
import { LOSS_HISTOGRAM_BINS, LOSS_QUANTILES, LOSS_THRESHOLDS } from "./limits";

// The distribution of the lost share, from outcomes each with its weight: exact enumeration gives
// every outcome with its probability, Monte Carlo every draw with weight 1. Quantiles, tail
// probabilities, the majority and halting chances, the histogram, the retarget at the expected
// loss and at each quantile (docs/methodology.md#jurisdiction-risk).

type QuantileKey = keyof typeof LOSS_QUANTILES;
type Threshold = (typeof LOSS_THRESHOLDS)[number];
export type Quantiles<T> = Record<QuantileKey, T>;

export type LossDistribution = {
  lostShareQuantiles: Quantiles<number>;
  probabilityLossAbove: Record<Threshold, number>;
  probabilityMajority: number;
  probabilityHalted: number;
  difficultyChange: { expected: number | null } & Quantiles<number | null>;
  blockIntervalMinutes: { expected: number | null } & Quantiles<number | null>;
  expectedHhiAfter: number | null;
  standardErrors: { lostShareQuantiles: Quantiles<number>; probabilityLossAbove: Record<string, number>; probabilityMajority: number } | null;
  histogram: { binWidth: number; probabilities: number[] };
};

const QUANTILE_KEYS = Object.keys(LOSS_QUANTILES) as QuantileKey[];
/** Cumulative probabilities are compared with this slack: rounding must not move a quantile past a jump. */
const CUMULATIVE_EPS = 1e-12;
/** Losses are compared with thresholds with this slack, so that a sum such as 0.1 + 0.2 counts as 0.3. */
const LOSS_EPS = 1e-12;
/** The order-statistic interval of a sampled quantile is the 95 % one. */
const Z95 = 1.959963984540054;

const unit = (x: number) => Math.min(1, Math.max(0, x));

/** Collects outcomes (loss, weight, majority, hhi) and summarises them. */
export class LossAccumulator {
  private readonly losses: Float64Array;
  private readonly weights: Float64Array | null;
  private count = 0;
  private total = 0;
  private halted = 0;
  private majority = 0;
  private lossNotHalted = 0;
  private hhiNotHalted = 0;
  private readonly above = new Float64Array(LOSS_THRESHOLDS.length);
  private readonly thresholds = Float64Array.from(LOSS_THRESHOLDS, Number);
  private readonly bins = new Float64Array(LOSS_HISTOGRAM_BINS);

  /** capacity: the number of outcomes; weighted: false when every outcome weighs 1 (draws). */
  constructor(capacity: number, weighted: boolean) {
    this.losses = new Float64Array(capacity);
    this.weights = weighted ? new Float64Array(capacity) : null;
  }

  add(loss: number, weight: number, halted: boolean, majority: boolean, hhi: number): void {
    this.losses[this.count] = loss;
    if (this.weights) this.weights[this.count] = weight;
    this.count++;
    this.total += weight;
    if (halted) this.halted += weight;
    else {
      this.lossNotHalted += weight * loss;
      this.hhiNotHalted += weight * hhi;
    }
    if (majority) this.majority += weight;
    for (let t = 0; t < this.thresholds.length; t++) if (loss > (this.thresholds[t] ?? 0) + LOSS_EPS) this.above[t] = (this.above[t] ?? 0) + weight;
    const bin = Math.min(LOSS_HISTOGRAM_BINS - 1, Math.floor(loss * LOSS_HISTOGRAM_BINS + LOSS_EPS));
    this.bins[bin] = (this.bins[bin] ?? 0) + weight;
  }

  /** The summary; sampled: standard errors for the figures a Monte Carlo estimates. */
  finish(blocksIntoEpoch: number, sampled: boolean): LossDistribution {
    const n = this.count;
    const total = this.total;
    // Draws are sorted in place; weighted outcomes keep their order (each loss beside its weight).
    const sorted = this.weights ? this.losses.slice(0, n).sort() : this.losses.subarray(0, n).sort();
    const quantile = this.weights
      ? weightedQuantile(sorted, this.losses.subarray(0, n), this.weights.subarray(0, n), total)
      : (q: number) => drawQuantile(sorted, q);
    const lostShareQuantiles = Object.fromEntries(QUANTILE_KEYS.map((k) => [k, quantile(LOSS_QUANTILES[k])])) as Quantiles<number>;
    const probabilityLossAbove = Object.fromEntries(LOSS_THRESHOLDS.map((x, t) => [x, unit((this.above[t] ?? 0) / total)])) as Record<Threshold, number>;
    const probabilityMajority = unit(this.majority / total);
    const probabilityHalted = unit(this.halted / total);
    const running = total - this.halted;
    // Where every outcome halts, there is no next retarget and no survivor to measure.
    const expectedLoss = running > 0 ? this.lossNotHalted / running : null;
    const retarget = (loss: number | null) => (loss === null || loss >= 1 - HALT_EPS ? null : retargetAfterLoss(loss, blocksIntoEpoch));
    const at = (pick: (r: ReturnType<typeof retargetAfterLoss>) => number) => {
      const of = (loss: number | null) => {
        const r = retarget(loss);
        return r === null ? null : pick(r);
      };
      return { expected: of(expectedLoss), ...(Object.fromEntries(QUANTILE_KEYS.map((k) => [k, of(lostShareQuantiles[k])])) as Quantiles<number | null>) };
    };
    const se = (p: number) => Math.sqrt((p * (1 - p)) / n);
    return {
      lostShareQuantiles,
      probabilityLossAbove,
      probabilityMajority,
      probabilityHalted,
      difficultyChange: at((r) => r.difficultyChange),
      blockIntervalMinutes: at((r) => r.blockIntervalMinutes),
      expectedHhiAfter: running > 0 ? this.hhiNotHalted / running : null,
      standardErrors: sampled
        ? {
            lostShareQuantiles: Object.fromEntries(QUANTILE_KEYS.map((k) => [k, quantileStandardError(sorted, LOSS_QUANTILES[k])])) as Quantiles<number>,
            probabilityLossAbove: Object.fromEntries(LOSS_THRESHOLDS.map((x) => [x, se(probabilityLossAbove[x])])),
            probabilityMajority: se(probabilityMajority),
          }
        : null,
      histogram: { binWidth: 1 / LOSS_HISTOGRAM_BINS, probabilities: Array.from(this.bins, (w) => unit(w / total)) },
    };
  }
}

/** Of n equally weighted draws (sorted): the smallest L with at least q·n draws ≤ L. */
export function drawQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const rank = Math.min(n - 1, Math.max(0, Math.ceil(q * n - CUMULATIVE_EPS * n) - 1));
  return sorted[rank] ?? 0;
}

/**
 * Of weighted outcomes: the smallest L with P(loss ≤ L) ≥ q. The distinct losses come from the
 * sorted copy; each outcome's weight is added to its loss's place (binary search), then summed up.
 */
function weightedQuantile(sorted: Float64Array, losses: Float64Array, weights: Float64Array, total: number) {
  let distinct = 0;
  const values = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) values[distinct++] = sorted[i] ?? 0;
  const mass = new Float64Array(distinct);
  for (let i = 0; i < losses.length; i++) {
    const loss = losses[i] ?? 0;
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((values[mid] ?? 0) < loss) lo = mid + 1;
      else hi = mid;
    }
    mass[lo] = (mass[lo] ?? 0) + (weights[i] ?? 0);
  }
  return (q: number) => {
    let cumulative = 0;
    for (let k = 0; k < distinct; k++) {
      cumulative += mass[k] ?? 0;
      if (cumulative >= q * total - CUMULATIVE_EPS) return values[k] ?? 0;
    }
    return values[distinct - 1] ?? 0;
  };
}

/**
 * Standard error of a sampled quantile: half the width of the distribution-free 95 % interval of
 * the q-quantile (the order statistics at ranks n·q ∓ 1.96·√(n·q·(1 − q))), divided by 1.96.
 */
export function quantileStandardError(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const half = Z95 * Math.sqrt(n * q * (1 - q));
  const lo = Math.max(0, Math.floor(n * q - half) - 1);
  const hi = Math.min(n - 1, Math.ceil(n * q + half) - 1);
  return ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) / (2 * Z95);
}
