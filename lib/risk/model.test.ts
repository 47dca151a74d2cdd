import { describe, expect, it } from "vitest";
import type { MetricDistribution } from "../metrics/concentration";
import { MetricsError } from "../metrics/errors";
import { CBECI_2019_09, CBECI_2021_05 } from "../metrics/fixtures";
import { retargetAfterLoss, shock } from "../metrics/shock";
import { simulate } from "../simulate/simulate";
import { type RiskFigures, riskOf, type RiskModelEvent } from "./model";

// Hand-computed cases of docs/methodology.md#jurisdiction-risk. Shares are whole numbers over a
// total of 100 so that they normalise exactly: A 0.45, B 0.30, C 0.15, unattributed 0.10.

const ABC: MetricDistribution = {
  countries: [
    { country: "A", weight: 45 },
    { country: "B", weight: 30 },
    { country: "C", weight: 15 },
  ],
  unattributed: 10,
};

const ev = (members: string[], probability: number, fraction = 1): RiskModelEvent => ({ members, probability, fraction });
const run = (events: RiskModelEvent[], distribution = ABC, blocksIntoEpoch = 0) => riskOf({ distribution, events, blocksIntoEpoch, draws: 10_000, seed: 1 });

type Expected = {
  expected: number;
  quantiles: [number, number, number, number];
  above: [number, number, number, number];
  majority: number;
  halted?: number;
  countries: Record<string, number>;
  events: number[];
};

describe("riskOf — hand-computed cases (exact)", () => {
  it.each<[string, RiskModelEvent[], Expected]>([
    [
      "A alone, p 0.3: L is 0 (0.7) or 0.45 (0.3); B then holds 0.30/0.55 > ½",
      [ev(["A"], 0.3)],
      { expected: 0.135, quantiles: [0, 0.45, 0.45, 0.45], above: [0.3, 0.3, 0.3, 0], majority: 0.3, countries: { A: 0.135, B: 0, C: 0 }, events: [0.135] },
    ],
    [
      "A twice at p 0.5, f 0.5: A is offline 0, 0.5 or 0.75 → L 0 (¼), 0.225 (½), 0.3375 (¼)",
      [ev(["A"], 0.5, 0.5), ev(["A"], 0.5, 0.5)],
      {
        expected: 0.45 * 0.4375,
        quantiles: [0.225, 0.3375, 0.3375, 0.3375],
        above: [0.75, 0.75, 0.25, 0],
        majority: 0,
        countries: { A: 0.196875, B: 0, C: 0 },
        events: [0.0984375, 0.0984375],
      },
    ],
    [
      "bloc {A, B} p 0.2 and C p 0.5: L 0 (0.4), 0.15 (0.4), 0.75 (0.1), 0.9 (0.1)",
      [ev(["A", "B"], 0.2), ev(["C"], 0.5)],
      {
        expected: 0.225,
        quantiles: [0.15, 0.75, 0.9, 0.9],
        above: [0.6, 0.2, 0.2, 0.2],
        // C alone: A 0.45/0.85; the bloc alone: C 0.15/0.25; both: only the unattributed share is left.
        majority: 0.5,
        countries: { A: 0.09, B: 0.06, C: 0.075 },
        events: [0.15, 0.075],
      },
    ],
    [
      "bloc {A, B} and A, both p 0.5: equal hazards split A's expected loss equally",
      [ev(["A", "B"], 0.5), ev(["A"], 0.5)],
      {
        expected: 0.45 * 0.75 + 0.3 * 0.5,
        // L 0 (¼), 0.45 (¼, A alone), 0.75 (½, the bloc, with or without A).
        quantiles: [0.45, 0.75, 0.75, 0.75],
        above: [0.75, 0.75, 0.75, 0.5],
        majority: 0.75,
        countries: { A: 0.3375, B: 0.15, C: 0 },
        events: [0.16875 + 0.15, 0.16875],
      },
    ],
    [
      "A p 0.75 and bloc {A, B} p 0.5: A's part splits by hazards ln 4 : ln 2 = 2 : 1",
      [ev(["A"], 0.75), ev(["A", "B"], 0.5)],
      {
        expected: 0.45 * 0.875 + 0.15,
        // L 0 (⅛), 0.45 (⅜), 0.75 (½).
        quantiles: [0.45, 0.75, 0.75, 0.75],
        above: [0.875, 0.875, 0.875, 0.5],
        majority: 0.875,
        countries: { A: 0.39375, B: 0.15, C: 0 },
        events: [0.2625, 0.13125 + 0.15],
      },
    ],
    [
      "A certain (p·f = 1) and bloc {A, B} p 0.5: the certain event takes all of A's part",
      [ev(["A"], 1), ev(["A", "B"], 0.5)],
      {
        expected: 0.45 + 0.15,
        quantiles: [0.45, 0.75, 0.75, 0.75],
        above: [1, 1, 1, 0.5],
        majority: 1,
        countries: { A: 0.45, B: 0.15, C: 0 },
        events: [0.45, 0.15],
      },
    ],
  ])("%s", (_name, events, want) => {
    const r = run(events);
    expect(r.method).toBe("exact");
    expect([r.draws, r.seed, r.standardErrors]).toEqual([null, null, null]);
    expect(r.expectedLostShare).toBeCloseTo(want.expected, 12);
    const q = r.lostShareQuantiles;
    [q.p50, q.p90, q.p95, q.p99].forEach((v, i) => expect(v).toBeCloseTo(want.quantiles[i] ?? Number.NaN, 12));
    const a = r.probabilityLossAbove;
    [a["0.1"], a["0.2"], a["0.3"], a["0.5"]].forEach((v, i) => expect(v).toBeCloseTo(want.above[i] ?? Number.NaN, 12));
    expect(r.probabilityMajority).toBeCloseTo(want.majority, 12);
    expect(r.probabilityHalted).toBe(want.halted ?? 0);
    expect(Object.fromEntries(r.contributions.countries.map((c) => [c.iso2, c.expectedLostShare]))).toEqual(
      Object.fromEntries(Object.entries(want.countries).map(([k, v]) => [k, expect.closeTo(v, 12)])),
    );
    r.contributions.events.forEach((v, i) => expect(v).toBeCloseTo(want.events[i] ?? Number.NaN, 12));
    expect(sum(r.contributions.events)).toBeCloseTo(r.expectedLostShare, 14);
    expect(sum(r.contributions.countries.map((c) => c.expectedLostShare))).toBeCloseTo(r.expectedLostShare, 14);
    expect(sum(r.histogram.probabilities)).toBeCloseTo(1, 12);
  });

  it("the retarget and block interval at the expected loss and at each quantile, the expected HHI over the outcomes", () => {
    const r = run([ev(["A"], 0.3)], ABC, 1008);
    const at = (loss: number) => retargetAfterLoss(loss, 1008);
    expect(r.difficultyChange.expected).toBeCloseTo(at(0.135).difficultyChange, 12);
    expect(r.difficultyChange.p50).toBe(0);
    expect(r.difficultyChange.p90).toBeCloseTo(at(0.45).difficultyChange, 12);
    expect(r.blockIntervalMinutes.expected).toBeCloseTo(10 / (1 - 0.135), 12);
    expect(r.blockIntervalMinutes.p99).toBeCloseTo(10 / 0.55, 12);
    // 0.7 · HHI(0.45, 0.30, 0.15) + 0.3 · HHI(0.30, 0.15 over 0.55)
    expect(r.expectedHhiAfter).toBeCloseTo(0.7 * 3150 + (0.3 * 10_000 * (0.09 + 0.0225)) / 0.3025, 8);
    // Two of fifty bins: [0, 0.02) and [0.44, 0.46).
    expect(r.histogram.binWidth).toBe(0.02);
    expect(r.histogram.probabilities[0]).toBeCloseTo(0.7, 12);
    expect(r.histogram.probabilities[22]).toBeCloseTo(0.3, 12);
  });

  it("halts the chain when nothing is left: P(halted), null retargets at halting quantiles, figures over the outcomes that run", () => {
    const r = run([ev(["A", "B"], 0.3)], { countries: ABC.countries.slice(0, 2), unattributed: 0 });
    expect(r.probabilityHalted).toBeCloseTo(0.3, 12);
    expect(r.lostShareQuantiles).toEqual({ p50: 0, p90: 1, p95: 1, p99: 1 });
    expect(r.difficultyChange).toEqual({ expected: 0, p50: 0, p90: null, p95: null, p99: null });
    expect(r.blockIntervalMinutes).toEqual({ expected: 10, p50: 10, p90: null, p95: null, p99: null });
    // A holds 0.6 whenever the chain runs.
    expect(r.probabilityMajority).toBeCloseTo(0.7, 12);
    expect(r.expectedHhiAfter).toBeCloseTo(10_000 * (0.36 + 0.16), 8);
    expect(r.probabilityLossAbove["0.5"]).toBeCloseTo(0.3, 12);
    expect(r.histogram.probabilities.at(-1)).toBeCloseTo(0.3, 12);
  });

  it("an event of probability 0 changes nothing", () => {
    const events = [ev(["A"], 0.3), ev(["B", "C"], 0.2, 0.5)];
    const without = run(events);
    const withZero = run([...events, ev(["A", "B", "C"], 0)]);
    expect({ ...withZero, contributions: { ...withZero.contributions, events: withZero.contributions.events.slice(0, 2) } }).toEqual(without);
    expect(withZero.contributions.events[2]).toBe(0);
    expect(run([ev(["A"], 0)])).toMatchObject({ expectedLostShare: 0, lostShareQuantiles: { p99: 0 }, probabilityMajority: 0 });
  });

  it.each<[string, MetricDistribution, { country: string; fraction: number }[], number]>([
    ["China, September 2019", CBECI_2019_09, [{ country: "CN", fraction: 1 }], 0],
    [
      "China and half of Kazakhstan and Russia, May 2021, mid-epoch",
      CBECI_2021_05,
      [
        { country: "CN", fraction: 1 },
        { country: "KZ", fraction: 0.5 },
        { country: "RU", fraction: 0.5 },
      ],
      1150,
    ],
    ["everything but the unattributed share (the majority goes)", CBECI_2021_05, CBECI_2021_05.countries.map((c) => ({ country: c.country, fraction: 1 })), 0],
  ])("probability 1 is the simulator's shutdown: %s", (_name, distribution, shutdown, blocksIntoEpoch) => {
    const events = [
      ev([shutdown[0]?.country ?? ""], 1, shutdown[0]?.fraction),
      ev(
        shutdown.slice(1).map((s) => s.country),
        1,
        shutdown[1]?.fraction ?? 1,
      ),
    ];
    const r = riskOf({ distribution, events: events.filter((e) => e.members.length > 0), blocksIntoEpoch, draws: 1000, seed: 1 });
    const s = shock(distribution, shutdown, { blocksIntoEpoch, networkHashrateEh: 100 });
    const sim = simulate({ distribution, shutdown, networkHashrateEh: 100, blocksIntoEpoch, horizonDays: 1 });
    expect(sim.shock).toEqual(s);
    expect(r.method).toBe("exact");
    expect(r.expectedLostShare).toBeCloseTo(s.lostShare, 12);
    for (const q of Object.values(r.lostShareQuantiles)) expect(q).toBe(s.lostShare);
    for (const q of Object.values(r.difficultyChange)) expect(q).toBe(s.difficultyChange);
    for (const q of Object.values(r.blockIntervalMinutes)) expect(q).toBe(s.blockIntervalMinutes);
    expect(r.expectedHhiAfter).toBeCloseTo(s.hhiAfter ?? Number.NaN, 8);
    expect(r.probabilityMajority).toBe(s.majority ? 1 : 0);
    expect(r.probabilityHalted).toBe(s.halted ? 1 : 0);
  });

  it("refuses what it cannot compute, naming the field", () => {
    const refuse = (events: RiskModelEvent[], field: string, extra: Partial<Parameters<typeof riskOf>[0]> = {}) => {
      const call = () => riskOf({ distribution: ABC, events, blocksIntoEpoch: 0, draws: 10, seed: 1, ...extra });
      expect(call).toThrow(MetricsError);
      expect(call).toThrow(expect.objectContaining({ field }));
    };
    refuse([ev(["A"], 1.5)], "events.0.probability");
    refuse([ev(["A"], 0.5), ev(["A"], Number.NaN)], "events.1.probability");
    refuse([ev(["A"], 0.5, 0)], "events.0.fraction");
    refuse([], "blocksIntoEpoch", { blocksIntoEpoch: 2016 });
    refuse([], "draws", { draws: 0 });
    // 500 likely events over a million draws would take most of a minute: refused, saying how many draws fit.
    const heavy = Array.from({ length: 500 }, () => ev(["A", "B"], 0.9));
    refuse(heavy, "draws", { draws: 1_000_000 });
    expect(() => riskOf({ distribution: ABC, events: heavy, blocksIntoEpoch: 0, draws: 1_000_000, seed: 1 })).toThrow(/at most \d+ draws/);
  });
});

describe("riskOf — Monte Carlo", () => {
  const many = Array.from({ length: 24 }, (_, i) => ev([["A", "B", "C"][i % 3] ?? "A"], 0.05 + i / 100, 0.5));

  it("samples when more than 20 events are uncertain, reproducibly, with standard errors", () => {
    const a = riskOf({ distribution: ABC, events: many, blocksIntoEpoch: 0, draws: 5000, seed: 42 });
    expect(a.method).toBe("monte-carlo");
    expect([a.draws, a.seed]).toEqual([5000, 42]);
    expect(riskOf({ distribution: ABC, events: many, blocksIntoEpoch: 0, draws: 5000, seed: 42 })).toEqual(a);
    const b = riskOf({ distribution: ABC, events: many, blocksIntoEpoch: 0, draws: 5000, seed: 43 });
    expect(b.lostShareQuantiles).not.toEqual(a.lostShareQuantiles);
    // The expectation and the contributions are exact whatever the method.
    expect(b.expectedLostShare).toBe(a.expectedLostShare);
    expect(b.contributions).toEqual(a.contributions);
    const p = a.probabilityLossAbove["0.3"];
    expect(a.standardErrors?.probabilityLossAbove["0.3"]).toBeCloseTo(Math.sqrt((p * (1 - p)) / 5000), 15);
    expect(a.standardErrors?.lostShareQuantiles.p50).toBeGreaterThan(0);
    expect(sum(a.histogram.probabilities)).toBeCloseTo(1, 12);
  });

  it("events that always happen are the same in every draw", () => {
    const r: RiskFigures = riskOf({ distribution: ABC, events: [ev(["A"], 1)], blocksIntoEpoch: 0, draws: 2000, seed: 5 }, { forceMonteCarlo: true });
    expect(r.lostShareQuantiles).toEqual({ p50: 0.45, p90: 0.45, p95: 0.45, p99: 0.45 });
    expect(r.standardErrors?.lostShareQuantiles).toEqual({ p50: 0, p90: 0, p95: 0, p99: 0 });
    expect(r.probabilityMajority).toBe(1);
  });
});

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
