import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { OutcomeEvaluator, type Prepared } from "./outcomes";
import { LossAccumulator, type LossDistribution } from "./summary";

// Monte Carlo method (docs/methodology.md#jurisdiction-risk), seeded: the same seed and input give
// the same draws. An unlikely event (p ≤ SKIP_BELOW) jumps straight to the next draw in which it
// happens (the gaps between successes of a Bernoulli(p) sequence are geometric: ⌊ln U / ln(1 − p)⌋
// failures, U uniform on (0, 1]), so it costs what happens; a likely one takes one 32-bit number per
// draw (it happens when the number is below p · 2³²). Draws are made in blocks of CHUNK: the
// happenings of a block are sorted by draw (counting sort) into typed arrays that are reused, then
// each draw is evaluated; nothing is allocated per draw.

/** Draws per block: bounds the happenings held at once. */
const CHUNK = 8192;
/** Up to this probability skipping is cheaper (a logarithm per happening) than a number per draw. */
const SKIP_BELOW = 0.1;
const TWO_32 = 2 ** 32;

type Rng = ReturnType<typeof xoroshiro128plus>;

/** Failures before the next success of a Bernoulli sequence with ln(1 − p) = logMiss. */
function geometric(rng: Rng, logMiss: number): number {
  return Math.floor(Math.log(1 - uniformFloat64(rng)) / logMiss);
}

/** Fixed cost of a draw (evaluating and summarising it), in the units of samplingWorkPerDraw. */
const DRAW_COST = 10;

/**
 * The expected work of one draw, in units of roughly 10–25 ns: the draw itself, and per event its
 * sampling (a logarithm per happening when skipping, a number per draw otherwise) and the
 * countries it touches when it happens.
 */
export function samplingWorkPerDraw(prepared: Prepared): number {
  return prepared.uncertain.reduce(
    (sum, e) => sum + (e.probability <= SKIP_BELOW ? e.probability * (4 + e.members.length) : 0.25 + e.probability * (2 + e.members.length)),
    DRAW_COST,
  );
}

export function monteCarloDistribution(prepared: Prepared, blocksIntoEpoch: number, draws: number, seed: number): LossDistribution {
  const events = prepared.uncertain;
  const rng = xoroshiro128plus(seed | 0);
  const evaluator = new OutcomeEvaluator(prepared);
  const accumulator = new LossAccumulator(draws, false);
  const logMiss = Float64Array.from(events, (e) => Math.log1p(-e.probability));
  const expected = events.reduce((sum, e) => sum + e.probability, 0);
  let drawOf = new Int32Array(Math.max(1024, Math.ceil(expected * CHUNK * 1.25)));
  let eventOf = new Int32Array(drawOf.length);
  let byDraw = new Int32Array(drawOf.length);
  const start = new Int32Array(CHUNK + 1);

  for (let first = 0; first < draws; first += CHUNK) {
    const size = Math.min(CHUNK, draws - first);
    let happenings = 0;
    const happen = (d: number, e: number) => {
      if (happenings === drawOf.length) {
        // Rare (more happened than 1.25 × expected): grow, keep what is there.
        const grown = drawOf.length * 2;
        drawOf = grow(drawOf, grown);
        eventOf = grow(eventOf, grown);
        byDraw = new Int32Array(grown);
      }
      drawOf[happenings] = d;
      eventOf[happenings] = e;
      happenings++;
    };
    for (let e = 0; e < events.length; e++) {
      const p = events[e]?.probability ?? 0;
      if (p <= SKIP_BELOW) {
        const miss = logMiss[e] ?? 0;
        for (let d = geometric(rng, miss); d < size; d += 1 + geometric(rng, miss)) happen(d, e);
      } else {
        const below = p * TWO_32;
        for (let d = 0; d < size; d++) if (rng.next() >>> 0 < below) happen(d, e);
      }
    }
    // Counting sort by draw (stable: a draw's events stay in event order).
    start.fill(0);
    for (let h = 0; h < happenings; h++) {
      const slot = (drawOf[h] ?? 0) + 1;
      start[slot] = (start[slot] ?? 0) + 1;
    }
    for (let d = 0; d < size; d++) start[d + 1] = (start[d + 1] ?? 0) + (start[d] ?? 0);
    for (let h = 0; h < happenings; h++) {
      const d = drawOf[h] ?? 0;
      byDraw[start[d] ?? 0] = eventOf[h] ?? 0;
      start[d] = (start[d] ?? 0) + 1;
    }
    // start[d] now points at the end of draw d's events, which begin where draw d − 1's end.
    for (let d = 0; d < size; d++) {
      evaluator.evaluate(byDraw, d === 0 ? 0 : (start[d - 1] ?? 0), start[d] ?? 0);
      accumulator.add(evaluator.loss, 1, evaluator.halted, evaluator.majority, evaluator.hhi);
    }
  }
  return accumulator.finish(blocksIntoEpoch, true);
}

function grow(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(length);
  out.set(array);
  return out;
}
