import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MetricDistribution } from "../metrics/concentration";
import { LOSS_QUANTILES, LOSS_THRESHOLDS } from "./limits";
import { riskOf } from "./model";

// Invariants of docs/methodology.md#jurisdiction-risk on random small cases, against a brute-force
// enumeration written here from the definitions (no code shared with the model).
//
// Monte Carlo must agree with the exact answer within 4 standard errors (plus one draw, for
// probabilities so small that one draw more or less is most of the error). By chance a comparison at
// 4 standard errors fails about once in 16 000; the fast-check seed is fixed so the suite is
// deterministic, and every generated case is still a fresh check of the code.

const DRAWS = 20_000;
const FC = { numRuns: 60, seed: 20_261_129 } as const;

const COUNTRIES = ["A", "B", "C", "D", "E"];

const caseArb = fc
  .record({
    weights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 5 }),
    unattributed: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
    events: fc.array(
      fc.record({
        members: fc.subarray(COUNTRIES, { minLength: 1 }),
        probability: fc.oneof(fc.constantFrom(0, 1, 0.5, 1e-3), fc.double({ min: 0, max: 1, noNaN: true })),
        fraction: fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 1, noNaN: true })),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    blocksIntoEpoch: fc.integer({ min: 0, max: 2015 }),
  })
  .filter((c) => c.weights.reduce((a, b) => a + b, 0) + c.unattributed > 0);

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

const distributionOf = (c: Case): MetricDistribution => ({
  countries: c.weights.map((weight, i) => ({ country: COUNTRIES[i] ?? "", weight })),
  unattributed: c.unattributed,
});

/** Every outcome with its probability, its loss and whether one country then holds a majority. */
function bruteForce(c: Case) {
  const total = c.weights.reduce((a, b) => a + b, 0) + c.unattributed;
  const share = c.weights.map((w) => w / total);
  const outcomes: { probability: number; loss: number; majority: boolean; maybeMajority: boolean }[] = [];
  for (let mask = 0; mask < 2 ** c.events.length; mask++) {
    let probability = 1;
    const keep = share.map(() => 1);
    c.events.forEach((e, i) => {
      const happens = (mask >> i) & 1;
      probability *= happens ? e.probability : 1 - e.probability;
      if (!happens) return;
      for (const m of e.members) {
        const k = COUNTRIES.indexOf(m);
        if (k < keep.length) keep[k] = (keep[k] ?? 1) * (1 - e.fraction);
      }
    });
    if (probability === 0) continue;
    const remaining = share.map((s, i) => s * (keep[i] ?? 1));
    const loss = share.reduce((sum, s, i) => sum + s * (1 - (keep[i] ?? 1)), 0);
    const left = 1 - loss;
    // A share within rounding of ½ may go either way: the model's answer must lie between the two.
    const top = left > 1e-12 ? Math.max(...remaining) / left : 0;
    outcomes.push({ probability, loss, majority: top > 0.5 + 1e-9, maybeMajority: top > 0.5 - 1e-9 });
  }
  const below = (x: number) => outcomes.filter((o) => o.loss <= x + 1e-12).reduce((s, o) => s + o.probability, 0);
  const under = (x: number) => outcomes.filter((o) => o.loss < x - 1e-12).reduce((s, o) => s + o.probability, 0);
  const chance = (pick: (o: (typeof outcomes)[number]) => boolean) => outcomes.filter(pick).reduce((s, o) => s + o.probability, 0);
  return { outcomes, below, under, chance, expected: outcomes.reduce((s, o) => s + o.probability * o.loss, 0) };
}

const run = (c: Case, forceMonteCarlo = false) =>
  riskOf({ distribution: distributionOf(c), events: c.events, blocksIntoEpoch: c.blocksIntoEpoch, draws: DRAWS, seed: c.seed }, { forceMonteCarlo });

const within = (sampled: number, exact: number) => Math.abs(sampled - exact) <= 4 * Math.sqrt((exact * (1 - exact)) / DRAWS) + 1 / DRAWS;

describe("riskOf — properties", () => {
  it("the exact method is the enumeration of every outcome", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = run(c);
        const truth = bruteForce(c);
        expect(r.method).toBe("exact");
        expect(r.expectedLostShare).toBeCloseTo(truth.expected, 12);
        for (const [key, q] of Object.entries(LOSS_QUANTILES)) {
          const L = r.lostShareQuantiles[key as keyof typeof LOSS_QUANTILES];
          // The smallest L with P(loss ≤ L) ≥ q: at L the mass reaches q, below L it does not.
          expect(truth.below(L)).toBeGreaterThanOrEqual(q - 1e-9);
          expect(truth.under(L)).toBeLessThan(q + 1e-9);
        }
        for (const x of LOSS_THRESHOLDS) expect(r.probabilityLossAbove[x]).toBeCloseTo(1 - truth.below(Number(x)), 9);
        expect(r.probabilityMajority).toBeGreaterThanOrEqual(truth.chance((o) => o.majority) - 1e-9);
        expect(r.probabilityMajority).toBeLessThanOrEqual(truth.chance((o) => o.maybeMajority) + 1e-9);
      }),
      FC,
    );
  });

  it("Monte Carlo agrees with the exact answer within 4 standard errors", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const exact = run(c);
        const sampled = run(c, true);
        const truth = bruteForce(c);
        expect(sampled.method).toBe("monte-carlo");
        const agree = (what: string, s: number, e: number) => expect({ what, sampled: s, exact: e, within: within(s, e) }).toMatchObject({ within: true });
        for (const x of LOSS_THRESHOLDS) agree(`P(loss > ${x})`, sampled.probabilityLossAbove[x], exact.probabilityLossAbove[x]);
        agree("probabilityMajority", sampled.probabilityMajority, exact.probabilityMajority);
        agree("probabilityHalted", sampled.probabilityHalted, exact.probabilityHalted);
        for (const [key, q] of Object.entries(LOSS_QUANTILES)) {
          // A sampled quantile lies where the exact distribution's mass is q, give or take 4 standard errors.
          const L = sampled.lostShareQuantiles[key as keyof typeof LOSS_QUANTILES];
          const slack = 4 * Math.sqrt((q * (1 - q)) / DRAWS) + 1 / DRAWS;
          expect(truth.below(L)).toBeGreaterThanOrEqual(q - slack);
          expect(truth.under(L)).toBeLessThanOrEqual(q + slack);
        }
      }),
      FC,
    );
  });

  it("contributions add up to expectedLostShare, which is the same in both methods", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const exact = run(c);
        const sampled = run(c, true);
        expect(sampled.expectedLostShare).toBe(exact.expectedLostShare);
        expect(sampled.contributions).toEqual(exact.contributions);
        const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(total(exact.contributions.events)).toBeCloseTo(exact.expectedLostShare, 12);
        expect(total(exact.contributions.countries.map((x) => x.expectedLostShare))).toBeCloseTo(exact.expectedLostShare, 12);
        for (const part of exact.contributions.events) expect(part).toBeGreaterThanOrEqual(0);
      }),
      FC,
    );
  });
});
