import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concentration, type MetricDistribution } from "../metrics/concentration";
import { MetricsError } from "../metrics/errors";
import { migrationWeights, simulate } from "./simulate";

const two = (a: number, b: number): MetricDistribution => ({
  countries: [
    { country: "A", weight: a },
    { country: "B", weight: b },
  ],
  unattributed: 0,
});
const shutA = [{ country: "A", fraction: 1 }];

describe("simulate — hand-checked cases", () => {
  it("without migration, at blocksIntoEpoch 0: one retarget of −lostShare, then a steady 10-minute interval", () => {
    const r = simulate({ distribution: two(30, 70), shutdown: shutA, networkHashrateEh: 200, horizonDays: 120 });
    const first = r.retargets[0];
    expect(first?.difficultyChange).toBeCloseTo(-0.3, 12);
    expect(first?.day).toBeCloseTo((2016 * 10) / 0.7 / 1440, 9); // 20 days
    expect(first?.blocksFromStart).toBe(2016);
    for (const later of r.retargets.slice(1)) expect(later.difficultyChange).toBeCloseTo(0, 9);
    expect(r.timeline[0]).toMatchObject({ day: 0, hashrateEh: 140, difficulty: 1 });
    expect(r.timeline[0]?.blockIntervalMinutes).toBeCloseTo(10 / 0.7, 12);
    for (const row of r.timeline.filter((t) => t.day > 21)) expect(row.blockIntervalMinutes).toBeCloseTo(10, 9);
    expect(r.recoveryDay).toBe(21);
    expect(r.end).toMatchObject({ hashrateEh: 140, topCountry: "B", nakamoto: 1 });
  });

  it("with full migration, hashrate returns to the start and the interval to 10 minutes", () => {
    const r = simulate({
      distribution: two(30, 70),
      shutdown: shutA,
      networkHashrateEh: 200,
      migration: { fraction: 1, days: 30, delayDays: 10, weighting: "proportional" },
      horizonDays: 365,
    });
    expect(r.timeline.find((t) => t.day === 10)?.hashrateEh).toBeCloseTo(140, 9);
    expect(r.timeline.find((t) => t.day === 25)?.hashrateEh).toBeCloseTo(140 + 60 * 0.5, 9);
    expect(r.timeline.at(-1)?.hashrateEh).toBeCloseTo(200, 9);
    expect(r.migratedEh).toBeCloseTo(60, 9);
    expect(r.timeline.at(-1)?.blockIntervalMinutes).toBeCloseTo(10, 1);
    expect(r.recoveryDay).not.toBeNull();
    // All of it went to B, the only survivor.
    expect(r.end.shares).toEqual([{ country: "B", share: 1 }]);
  });

  it("clamps a 90 % shutdown at −75 % and needs several epochs to recover", () => {
    const r = simulate({ distribution: two(90, 10), shutdown: shutA, networkHashrateEh: 100, horizonDays: 400 });
    expect(r.retargets[0]?.difficultyChange).toBeCloseTo(-0.75, 12);
    expect(r.retargets[0]?.day).toBeCloseTo((2016 * 100) / 1440, 9); // 140 days at 100-minute blocks
    // Then 25-minute blocks: the next retarget is −60 %, bringing the interval back to 10 minutes.
    expect(r.retargets[1]?.difficultyChange).toBeCloseTo(-0.6, 9);
    expect(r.recoveryDay).toBe(Math.ceil(r.retargets[1]?.day ?? 0));
  });

  it("reports a halted chain for a 100 % shutdown, without dividing by zero", () => {
    const r = simulate({ distribution: two(1, 1), shutdown: [...shutA, { country: "B", fraction: 1 }], networkHashrateEh: 100, horizonDays: 30 });
    expect(r.shock.halted).toBe(true);
    expect(r.retargets).toEqual([]);
    expect(r.timeline.every((t) => t.hashrateEh === 0 && t.blockIntervalMinutes === null && t.blocksMined === 0)).toBe(true);
    expect(r.recoveryDay).toBeNull();
    expect(r.end).toMatchObject({ hashrateEh: 0, hhi: null });
  });

  it("blends the first retarget when the shock hits mid-epoch", () => {
    const r = simulate({ distribution: two(50, 50), shutdown: shutA, networkHashrateEh: 100, blocksIntoEpoch: 1008, horizonDays: 60 });
    expect(r.retargets[0]?.difficultyChange).toBeCloseTo(-1 / 3, 12);
    expect(r.retargets[0]?.blocksFromStart).toBe(1008);
  });

  it("returns the concentration before and right after the shock, computed once with the shock", () => {
    const distribution = { countries: [...two(30, 70).countries, { country: "C", weight: 20 }], unattributed: 10 };
    const r = simulate({ distribution, shutdown: shutA, networkHashrateEh: 100, horizonDays: 10 });
    const { shares: _shares, ...before } = concentration(distribution);
    expect(r.before).toEqual(before);
    // After: B 70 and C 20 of the 100 left, plus 10 unattributed.
    expect(r.after).toMatchObject({ topCountry: "B", nakamoto: 1 });
    expect(r.after?.top1).toBeCloseTo(0.7, 12);
    expect(r.after?.hhi).toBeCloseTo(10_000 * (0.7 ** 2 + 0.2 ** 2), 9);
    expect(r.after?.hhi).toBe(r.shock.hhiAfter);
    const halted = simulate({ distribution: two(1, 1), shutdown: [...shutA, { country: "B", fraction: 1 }], networkHashrateEh: 100, horizonDays: 1 });
    expect(halted.after).toBeNull();
  });

  it("merges a country named twice (alone and in a bloc) as independent outages, in the shock and at the horizon alike", () => {
    const twice = [
      { country: "A", fraction: 0.5 },
      { country: "A", fraction: 0.5 },
    ];
    const r = simulate({ distribution: two(40, 60), shutdown: twice, networkHashrateEh: 100, horizonDays: 10 });
    expect(r.shock.lostShare).toBeCloseTo(0.4 * 0.75, 12);
    expect(r.end.hashrateEh).toBeCloseTo(100 - 30, 9);
    expect(r.end.shares.find((c) => c.country === "A")?.share).toBeCloseTo(10 / 70, 12);
    expect(() => simulate({ distribution: two(1, 1), shutdown: [{ country: "A", fraction: 1.5 }], networkHashrateEh: 100 })).toThrow(
      expect.objectContaining({ field: "shutdown" }),
    );
  });

  it("sends cheap-power migration mostly to cheap countries", () => {
    const survivors = [
      { country: "B", share: 0.5 },
      { country: "C", share: 0.5 },
    ];
    const weights = migrationWeights(
      survivors,
      { fraction: 1, days: 0, delayDays: 0, weighting: "cheap-power" },
      new Map([
        ["B", 0.02],
        ["C", 0.08],
      ]),
    );
    expect(weights.get("B")).toBeCloseTo(0.8, 12);
    expect(weights.get("C")).toBeCloseTo(0.2, 12);
    const only = migrationWeights(survivors, { fraction: 1, days: 0, delayDays: 0, weighting: "proportional", destinations: ["C"] }, undefined);
    expect([...only]).toEqual([["C", 1]]);
  });

  it.each([
    [{ horizonDays: 0 }, "horizonDays"],
    [{ horizonDays: 3651 }, "horizonDays"],
    [{ networkHashrateEh: 0 }, "networkHashrateEh"],
    [{ migration: { fraction: 2, days: 1, delayDays: 0, weighting: "proportional" as const } }, "migration.fraction"],
    [{ migration: { fraction: 1, days: -1, delayDays: 0, weighting: "proportional" as const } }, "migration.days"],
  ])("rejects %j naming %s", (patch, field) => {
    expect(() => simulate({ distribution: two(1, 1), shutdown: shutA, networkHashrateEh: 100, ...patch })).toThrow(expect.objectContaining({ field }));
    expect(() => simulate({ distribution: two(1, 1), shutdown: shutA, networkHashrateEh: 100, ...patch })).toThrow(MetricsError);
  });
});

const inputArb = fc.record({
  weights: fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 2, maxLength: 8 }),
  shut: fc.array(fc.record({ index: fc.nat(7), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 4 }),
  blocksIntoEpoch: fc.integer({ min: 0, max: 2015 }),
  migration: fc.option(
    fc.record({
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      days: fc.integer({ min: 0, max: 200 }),
      delayDays: fc.integer({ min: 0, max: 100 }),
      weighting: fc.constantFrom("proportional" as const, "cheap-power" as const),
    }),
    { nil: null },
  ),
  horizonDays: fc.integer({ min: 1, max: 400 }),
});

describe("simulate — properties", () => {
  it("keeps hashrate within [0, start], retargets within the clamp, and blocks per day = 144 × hashrate ratio / difficulty", () => {
    fc.assert(
      fc.property(inputArb, (x) => {
        const h0 = 500;
        const distribution = { countries: x.weights.map((weight, i) => ({ country: `C${i}`, weight })), unattributed: 1 };
        const r = simulate({
          distribution,
          shutdown: x.shut.map((s) => ({ country: `C${s.index}`, fraction: s.fraction })),
          networkHashrateEh: h0,
          blocksIntoEpoch: x.blocksIntoEpoch,
          migration: x.migration,
          powerPrices: new Map([
            ["C0", 0.03],
            ["C1", 0.1],
          ]),
          horizonDays: x.horizonDays,
        });
        const cap = h0 * (1 - r.shock.lostShare) + r.migratedEh;
        for (const row of r.timeline) {
          expect(row.hashrateEh).toBeGreaterThanOrEqual(0);
          expect(row.hashrateEh).toBeLessThanOrEqual(cap + 1e-9);
          expect(row.hashrateEh).toBeLessThanOrEqual(h0 + 1e-9);
          for (const v of [row.hashrateEh, row.difficulty, row.blocksMined]) expect(Number.isFinite(v)).toBe(true);
        }
        for (const t of r.retargets) {
          expect(t.difficultyChange).toBeGreaterThanOrEqual(-0.75 - 1e-12);
          expect(t.difficultyChange).toBeLessThanOrEqual(3 + 1e-12);
        }
        if (r.migratedEh === 0 && !r.shock.halted) {
          // Nothing migrated: the horizon holds exactly the survivors of the shock.
          expect(r.end.shares.map((c) => c.country)).toEqual(r.shock.survivors.countries.map((c) => c.country));
          r.end.shares.forEach((c, i) => expect(c.share).toBeCloseTo(r.shock.survivors.countries[i]?.share ?? 0, 9));
        }
        const retargetDays = new Set(r.retargets.map((t) => Math.floor(t.day)));
        for (const row of r.timeline.slice(0, -1)) {
          if (retargetDays.has(row.day)) continue;
          expect(row.blocksMined).toBeCloseTo((144 * (row.hashrateEh / h0)) / row.difficulty, 9);
        }
      }),
      { numRuns: 150 },
    );
  });
});
