import { MAX_EXACT_EVENTS } from "./limits";
import { OutcomeEvaluator, type Prepared } from "./outcomes";
import { LossAccumulator, type LossDistribution } from "./summary";

// Exact method (docs/methodology.md#jurisdiction-risk): every combination of the n uncertain events
// (0 < p < 1; n ≤ MAX_EXACT_EVENTS) is an outcome with probability Π pᵢ over those that happen
// × Π (1 − pⱼ) over those that do not.

/** Probabilities of every combination of `events` (bit i of the index: event i happens). */
function combinationProbabilities(events: Prepared["uncertain"]): Float64Array {
  const out = new Float64Array(2 ** events.length);
  out[0] = 1;
  events.forEach((e, i) => {
    const size = 2 ** i;
    for (let mask = 0; mask < size; mask++) {
      const before = out[mask] ?? 0;
      out[mask + size] = before * e.probability;
      out[mask] = before * (1 - e.probability);
    }
  });
  return out;
}

export function exactDistribution(prepared: Prepared, blocksIntoEpoch: number): LossDistribution {
  const n = prepared.uncertain.length;
  if (n > MAX_EXACT_EVENTS) throw new RangeError(`exact enumeration takes at most ${MAX_EXACT_EVENTS} uncertain events, got ${n}`);
  // The low and high halves of the bits, so the table is 2 · 2^(n/2) long rather than 2^n.
  const lowBits = Math.ceil(n / 2);
  const low = combinationProbabilities(prepared.uncertain.slice(0, lowBits));
  const high = combinationProbabilities(prepared.uncertain.slice(lowBits));
  const lowMask = 2 ** lowBits - 1;
  const outcomes = 2 ** n;
  const evaluator = new OutcomeEvaluator(prepared);
  const accumulator = new LossAccumulator(outcomes, true);
  const happened = new Int32Array(Math.max(1, n));
  for (let mask = 0; mask < outcomes; mask++) {
    let count = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) happened[count++] = i;
    evaluator.evaluate(happened, 0, count);
    const weight = (low[mask & lowMask] ?? 0) * (high[mask >>> lowBits] ?? 0);
    accumulator.add(evaluator.loss, weight, evaluator.halted, evaluator.majority, evaluator.hhi);
  }
  return accumulator.finish(blocksIntoEpoch, false);
}
