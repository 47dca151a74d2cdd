import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandOf, concentration, type MetricDistribution } from "./concentration";
import { CBECI_2019_09 } from "./fixtures";
import { MetricsError } from "./errors";

const uniform = (n: number, unattributed = 0): MetricDistribution => ({
  countries: Array.from({ length: n }, (_, i) => ({ country: `C${i}`, weight: 1 })),
  unattributed,
});

describe("concentration — hand-checked cases", () => {
  it("CBECI 2019-09 (China 75.53 %): nakamoto 1, highly concentrated", () => {
    const m = concentration(CBECI_2019_09);
    const s = (pct: number) => pct / 99.99; // the month sums to 99.99 %
    expect(m.nakamoto).toBe(1);
    expect(m.concentration).toBe("high");
    expect(m.topCountry).toBe("CN");
    expect(m.top1).toBeCloseTo(s(75.53), 12);
    expect(m.top3).toBeCloseTo(s(75.53 + 5.93 + 4.06), 12);
    const hhi = 10_000 * [75.53, 5.93, 4.06, 3.25, 1.74, 1.42, 1.06, 0.9].reduce((a, p) => a + s(p) ** 2, 0);
    expect(m.hhi).toBeCloseTo(hhi, 9);
    expect(m.hhi).toBeCloseTo(5775.1, 1);
    expect(m.hhiUpper).toBeCloseTo(hhi + 10_000 * s(6.1) ** 2, 9);
    expect(m.effectiveJurisdictions).toBeCloseTo(10_000 / hhi, 12);
    expect(m.shares.unattributed).toBeCloseTo(s(6.1), 12);
  });

  it.each(Array.from({ length: 20 }, (_, i) => i + 1))("uniform over %i countries: hhi = 10000/n, nakamoto = ⌊n/2⌋+1, entropy = log2 n", (n) => {
    const m = concentration(uniform(n));
    expect(m.hhi).toBeCloseTo(10_000 / n, 9);
    expect(m.effectiveJurisdictions).toBeCloseTo(n, 9);
    expect(m.nakamoto).toBe(Math.floor(n / 2) + 1);
    expect(m.entropyBits).toBeCloseTo(Math.log2(n), 12);
    expect(m.hhiUpper).toBeCloseTo(m.hhi, 9);
  });

  it.each([
    [999.99, "low"],
    [1000, "moderate"],
    [1800, "moderate"],
    [1800.01, "high"],
  ] as const)("hhi %f is %s", (hhi, band) => {
    expect(bandOf(hhi)).toBe(band);
  });

  it("counts the unattributed bucket as dispersed in hhi and as one jurisdiction in hhiUpper", () => {
    // 40 / 20 / 40 unattributed.
    const m = concentration({
      countries: [
        { country: "A", weight: 40 },
        { country: "B", weight: 20 },
      ],
      unattributed: 40,
    });
    expect(m.hhi).toBeCloseTo(10_000 * (0.16 + 0.04), 9);
    expect(m.hhiUpper).toBeCloseTo(10_000 * (0.16 + 0.04 + 0.16), 9);
    expect(m.nakamoto).toBe(2);
  });

  it("has no Nakamoto coefficient when the attributed shares never pass one half", () => {
    const m = concentration({
      countries: [
        { country: "A", weight: 30 },
        { country: "B", weight: 20 },
      ],
      unattributed: 50,
    });
    expect(m.nakamoto).toBeNull();
  });

  it("gives defined results when everything is unattributed", () => {
    const m = concentration({ countries: [{ country: "A", weight: 0 }], unattributed: 5 });
    expect(m).toMatchObject({
      hhi: 0,
      hhiUpper: 10_000,
      effectiveJurisdictions: null,
      nakamoto: null,
      top1: 0,
      top3: 0,
      entropyBits: 0,
      topCountry: null,
      concentration: "low",
    });
  });

  it.each([
    ["an empty distribution", { countries: [], unattributed: 0 }, "empty-distribution"],
    ["zero weights", { countries: [{ country: "A", weight: 0 }], unattributed: 0 }, "empty-distribution"],
    ["a negative weight", { countries: [{ country: "A", weight: -1 }], unattributed: 0 }, "invalid-weight"],
    ["NaN", { countries: [{ country: "A", weight: Number.NaN }], unattributed: 0 }, "invalid-weight"],
    ["Infinity", { countries: [{ country: "A", weight: Number.POSITIVE_INFINITY }], unattributed: 0 }, "invalid-weight"],
    [
      "a repeated country",
      {
        countries: [
          { country: "A", weight: 1 },
          { country: "A", weight: 2 },
        ],
        unattributed: 0,
      },
      "duplicate-country",
    ],
  ] as const)("rejects %s with a typed error", (_label, input, code) => {
    expect(() => concentration(input)).toThrow(MetricsError);
    try {
      concentration(input);
    } catch (error) {
      expect((error as MetricsError).code).toBe(code);
    }
  });
});

const distributionArb = fc
  .record({
    weights: fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
    unattributed: fc.double({ min: 0, max: 1e6, noNaN: true }),
  })
  .filter(({ weights, unattributed }) => weights.reduce((a, b) => a + b, unattributed) > 1e-9)
  .map(({ weights, unattributed }) => ({ countries: weights.map((weight, i) => ({ country: `C${i}`, weight })), unattributed }));

const finiteOrNull = (x: number | null) => x === null || Number.isFinite(x);

describe("concentration — properties", () => {
  it("shares sum to 1 and every output is finite or null", () => {
    fc.assert(
      fc.property(distributionArb, (d) => {
        const m = concentration(d);
        const sum = m.shares.countries.reduce((s, c) => s + c.share, m.shares.unattributed);
        expect(sum).toBeCloseTo(1, 9);
        for (const v of [m.hhi, m.hhiUpper, m.effectiveJurisdictions, m.nakamoto, m.top1, m.top3, m.entropyBits]) expect(finiteOrNull(v)).toBe(true);
      }),
    );
  });

  it("is invariant under reordering and scaling of the weights", () => {
    fc.assert(
      fc.property(distributionArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.integer(), (d, k, seed) => {
        const a = concentration(d);
        const shuffled = [...d.countries].sort((x, y) => ((x.country.charCodeAt(1) * 31 + seed) % 7) - ((y.country.charCodeAt(1) * 31 + seed) % 7));
        const b = concentration({ countries: shuffled.map((c) => ({ ...c, weight: c.weight * k })), unattributed: d.unattributed * k });
        expect(b.hhi).toBeCloseTo(a.hhi, 6);
        expect(b.hhiUpper).toBeCloseTo(a.hhiUpper, 6);
        expect(b.top1).toBeCloseTo(a.top1, 9);
        expect(b.top3).toBeCloseTo(a.top3, 9);
        expect(b.entropyBits).toBeCloseTo(a.entropyBits, 6);
        expect(b.nakamoto).toBe(a.nakamoto);
      }),
    );
  });

  it("keeps hhi within [10000/n, 10000] when nothing is unattributed", () => {
    fc.assert(
      fc.property(distributionArb, (d) => {
        // Without the unattributed bucket, all-zero countries are an empty distribution (refused, tested above).
        fc.pre(d.countries.some((c) => c.weight > 0));
        const m = concentration({ ...d, unattributed: 0 });
        const n = d.countries.length;
        expect(m.hhi).toBeGreaterThanOrEqual(10_000 / n - 1e-6);
        expect(m.hhi).toBeLessThanOrEqual(10_000 + 1e-6);
        expect(m.effectiveJurisdictions).not.toBeNull();
      }),
    );
  });
});
