import { BLOCKS_PER_EPOCH } from "../metrics/shock";
import { MAX_HORIZON_DAYS } from "../simulate/simulate";

// The limits and defaults of a risk request, named once (docs/methodology.md#jurisdiction-risk).
// No zod, so the dashboard can use them in its first load.

/** Events one request may list (every country and bloc is ~260). */
export const MAX_RISK_EVENTS = 500;
/** At most this many events with a probability strictly between 0 and 1 are enumerated exactly (2^20 outcomes); more are sampled. */
export const MAX_EXACT_EVENTS = 20;
export const DEFAULT_RISK_DRAWS = 100_000;
export const MIN_RISK_DRAWS = 1_000;
export const MAX_RISK_DRAWS = 1_000_000;
export const DEFAULT_RISK_SEED = 1;
export const MAX_RISK_SEED = 2 ** 32 - 1;
/**
 * Monte Carlo work one request may take, about a second: draws × the work of a draw (lib/risk/monte-carlo.ts
 * samplingWorkPerDraw: the events that happen and the countries they touch). A month's defaults
 * stay below it at the most draws even with every country of the world holding a share.
 */
export const MAX_RISK_SAMPLING_WORK = 40_000_000;
/** The window the probabilities are for. */
export const DEFAULT_RISK_HORIZON_DAYS = 365;
export const MAX_RISK_HORIZON_DAYS = MAX_HORIZON_DAYS;
export const MAX_RISK_BLOCKS_INTO_EPOCH = BLOCKS_PER_EPOCH - 1;
/** Loss thresholds x of probabilityLossAbove (P(loss > x)). */
export const LOSS_THRESHOLDS = ["0.1", "0.2", "0.3", "0.5"] as const;
/** Quantiles of the lost share (the smallest L with P(loss ≤ L) ≥ q). */
export const LOSS_QUANTILES = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 } as const;
/** Bins of the loss histogram the chart draws: [i·w, (i+1)·w), the last one closed at 1. */
export const LOSS_HISTOGRAM_BINS = 50;

// The short names of a risk request's settings in a link live with the link's text form (link.ts),
// which the dashboard's first load imports without these limits.
export { RISK_PARAMS } from "./link";
