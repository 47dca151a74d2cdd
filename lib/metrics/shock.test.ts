import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concentration, type MetricDistribution } from "./concentration";
import { CBECI_2019_09, CBECI_2021_05 } from "./fixtures";
import { MetricsError } from "./errors";
import { retargetAfterLoss, shock } from "./shock";

const twoCountries = (a: number, b: number, u = 0): MetricDistribution => ({
  countries: [
    { country: "A", weight: a },
    { country: "B", weight: b },
  ],
  unattributed: u,
});

describe("shock — hand-checked cases", () => {
  it.each([0.1, 0.2794, 0.5, 0.75])("at blocksIntoEpoch 0 a loss of %f changes difficulty by exactly −lostShare", (loss) => {
    const r = shock(twoCountries(loss, 1 - loss), [{ country: "A", fraction: 1 }]);
    expect(r.lostShare).toBeCloseTo(loss, 12);
    expect(r.difficultyChange).toBeCloseTo(-loss, 12);
    expect(r.blockIntervalMinutes).toBeCloseTo(10 / (1 - loss), 12);
    expect(r.daysToRetarget).toBeCloseTo((2016 * 10) / (1 - loss) / 1440, 9);
  });

  it("clamps a 90 % shutdown at −75 %", () => {
    const r = shock(twoCountries(90, 10), [{ country: "A", fraction: 1 }]);
    expect(r.difficultyChange).toBeCloseTo(-0.75, 12);
    expect(r.blockIntervalMinutes).toBeCloseTo(100, 9);
    expect(r.majority).toEqual({ country: "B", share: expect.closeTo(1, 12) });
  });

  it("blends the timespan when the shock hits halfway through an epoch", () => {
    // 1008 blocks at 10 min, 1008 at 20 min: A = 30 240 min, factor 20 160 / 30 240 = 2/3.
    const r = shock(twoCountries(1, 1), [{ country: "A", fraction: 1 }], { blocksIntoEpoch: 1008 });
    expect(r.difficultyChange).toBeCloseTo(2 / 3 - 1, 12);
    expect(r.daysToRetarget).toBeCloseTo((1008 * 20) / 1440, 12);
    expect(retargetAfterLoss(0.5, 1008).difficultyChange).toBeCloseTo(-1 / 3, 12);
  });

  it("reproduces the 2021 retarget: a 27.94 % loss gives 13.88-minute blocks", () => {
    const r = retargetAfterLoss(0.2794, 0);
    expect(r.blockIntervalMinutes).toBeCloseTo(13.877, 3);
    expect(r.difficultyChange).toBeCloseTo(-0.2794, 12);
  });

  it("shuts China down in May 2021: 43.98 % lost, survivors renormalised, hashrate lost in EH/s", () => {
    const r = shock(CBECI_2021_05, [{ country: "CN", fraction: 1 }], { networkHashrateEh: 161.2 });
    expect(r.lostShare).toBeCloseTo(0.4398, 4);
    expect(r.hashrateLostEh).toBeCloseTo(0.4398 * 161.2, 1);
    const us = r.survivors.countries.find((c) => c.country === "US");
    expect(us?.share).toBeCloseTo(0.1777 / (1 - 0.4398), 3);
    expect(r.survivors.countries.some((c) => c.country === "CN")).toBe(false);
    expect(r.nakamotoAfter).toBe(3); // US 31.7 % + KZ 13.2 % + RU 12.8 %
    expect(r.majority).toBeNull();
    expect(r.halted).toBe(false);
  });

  it("takes a partial shutdown as that fraction of the country's share", () => {
    const r = shock(CBECI_2019_09, [{ country: "CN", fraction: 0.5 }]);
    const cn = 75.53 / 99.99;
    expect(r.lostShare).toBeCloseTo(cn / 2, 12);
    expect(r.survivors.countries[0]).toEqual({ country: "CN", share: expect.closeTo(cn / 2 / (1 - cn / 2), 12) });
    expect(r.majority?.country).toBe("CN");
  });

  it("reports halted for a 100 % shutdown and never divides by zero", () => {
    const r = shock(
      twoCountries(1, 1),
      [
        { country: "A", fraction: 1 },
        { country: "B", fraction: 1 },
      ],
      { networkHashrateEh: 200, blocksIntoEpoch: 500 },
    );
    expect(r).toMatchObject({
      lostShare: 1,
      hashrateLostEh: 200,
      halted: true,
      blockIntervalMinutes: null,
      daysToRetarget: null,
      difficultyChange: null,
      hhiAfter: null,
      nakamotoAfter: null,
      majority: null,
    });
  });

  it("cannot shut down the unattributed bucket: a country-less loss leaves it", () => {
    const r = shock(twoCountries(50, 0, 50), [{ country: "A", fraction: 1 }]);
    expect(r.halted).toBe(false);
    expect(r.survivors.unattributed).toBeCloseTo(1, 12);
    expect(r.hhiAfter).toBe(0);
  });

  it("combines a country named twice (alone and through a bloc) as independent outages", () => {
    const r = shock(twoCountries(1, 1), [
      { country: "A", fraction: 0.5 },
      { country: "A", fraction: 0.5 },
    ]);
    expect(r.lostShare).toBeCloseTo(0.5 * 0.75, 12);
  });

  it.each([
    [[{ country: "A", fraction: 1.5 }], {}, "invalid-fraction"],
    [[{ country: "A", fraction: -0.1 }], {}, "invalid-fraction"],
    [[{ country: "A", fraction: Number.NaN }], {}, "invalid-fraction"],
    [[], { blocksIntoEpoch: 2016 }, "invalid-parameter"],
    [[], { blocksIntoEpoch: 1.5 }, "invalid-parameter"],
    [[], { networkHashrateEh: Number.POSITIVE_INFINITY }, "invalid-parameter"],
  ] as const)("rejects bad input %j %j with a typed error", (items, options, code) => {
    expect(() => shock(twoCountries(1, 1), items, options)).toThrow(expect.objectContaining({ code }));
    expect(() => shock(twoCountries(1, 1), items, options)).toThrow(MetricsError);
  });
});

const distributionArb = fc
  .record({
    weights: fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 20 }),
    unattributed: fc.double({ min: 0, max: 1000, noNaN: true }),
  })
  .filter(({ weights, unattributed }) => weights.reduce((a, b) => a + b, unattributed) > 1e-6)
  .map(({ weights, unattributed }) => ({ countries: weights.map((weight, i) => ({ country: `C${i}`, weight })), unattributed }));

const shutdownArb = fc.array(fc.record({ index: fc.nat(25), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 6 });

describe("shock — properties", () => {
  it("never returns NaN or Infinity and keeps the retarget within the clamp", () => {
    fc.assert(
      fc.property(distributionArb, shutdownArb, fc.integer({ min: 0, max: 2015 }), (d, items, b) => {
        const r = shock(
          d,
          items.map((i) => ({ country: `C${i.index}`, fraction: i.fraction })),
          { blocksIntoEpoch: b, networkHashrateEh: 500 },
        );
        for (const v of [r.lostShare, r.hashrateLostEh, r.hhiAfter, r.nakamotoAfter, r.blockIntervalMinutes, r.daysToRetarget, r.difficultyChange]) {
          expect(v === null || Number.isFinite(v)).toBe(true);
        }
        expect(r.lostShare).toBeGreaterThanOrEqual(0);
        expect(r.lostShare).toBeLessThanOrEqual(1);
        if (r.difficultyChange !== null) {
          expect(r.difficultyChange).toBeGreaterThanOrEqual(-0.75 - 1e-12);
          expect(r.difficultyChange).toBeLessThanOrEqual(3 + 1e-12);
        }
      }),
    );
  });

  it("changes nothing when a zero-share country shuts down", () => {
    fc.assert(
      fc.property(distributionArb, (d) => {
        const withZero = { ...d, countries: [...d.countries, { country: "ZERO", weight: 0 }] };
        const before = concentration(withZero);
        const r = shock(withZero, [
          { country: "ZERO", fraction: 1 },
          { country: "NOT-THERE", fraction: 1 },
        ]);
        expect(r.lostShare).toBe(0);
        expect(r.difficultyChange).toBeCloseTo(0, 12);
        expect(r.hhiAfter).toBeCloseTo(before.hhi, 6);
        expect(r.nakamotoAfter).toBe(before.nakamoto);
      }),
    );
  });

  it("renormalises survivors to s · (1 − f) / (1 − L), summing to 1", () => {
    fc.assert(
      fc.property(distributionArb, shutdownArb, (d, items) => {
        const shutdown = items.map((i) => ({ country: `C${i.index}`, fraction: i.fraction }));
        const r = shock(d, shutdown);
        if (r.halted) return;
        const before = concentration(d).shares;
        const f = new Map<string, number>();
        for (const { country, fraction } of shutdown) f.set(country, 1 - (1 - (f.get(country) ?? 0)) * (1 - fraction));
        for (const c of before.countries) {
          const expected = (c.share * (1 - (f.get(c.country) ?? 0))) / (1 - r.lostShare);
          const got = r.survivors.countries.find((s) => s.country === c.country)?.share ?? 0;
          expect(got).toBeCloseTo(expected, 9);
        }
        expect(r.survivors.countries.reduce((s, c) => s + c.share, r.survivors.unattributed)).toBeCloseTo(1, 9);
      }),
    );
  });
});
