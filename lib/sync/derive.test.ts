import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNetworkMonthlyCsv, parseRetargetsCsv } from "../io/network";
import {
  DerivationError,
  type Header,
  type HashratePoint,
  meanDifficulty,
  monthEnd,
  monthStart,
  monthsFromDailyHashrate,
  monthsFromHeaders,
  nextPeriod,
  periodOf,
  retargetFigures,
  withAdjustments,
} from "./derive";

/** "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DD" (UTC) → Unix seconds. */
const t = (text: string) => Date.parse(`${text.length === 10 ? `${text}T00:00:00` : text.replace(" ", "T")}Z`) / 1000;
const DAY = 86_400;
const EH = 1e18;
const WORK = 2016 * 2 ** 32;

/** One point a day at midnight from `from` to `to` (inclusive), of `eh(day)` EH/s. */
function daily(from: string, to: string, eh: (time: number) => number = () => 1000): HashratePoint[] {
  const points: HashratePoint[] = [];
  for (let time = t(from); time <= t(to); time += DAY) points.push({ time, hashrate: eh(time) * EH });
  return points;
}

describe("months in UTC", () => {
  it.each([
    [t("2026-01-31 23:59:59"), "2026-01"],
    [t("2026-02-01 00:00:00"), "2026-02"],
    [t("2024-12-31 23:59:59"), "2024-12"],
  ])("periodOf(%i) is %s", (time, period) => expect(periodOf(time)).toBe(period));

  it.each([
    ["2024-02", 29],
    ["2026-02", 28],
    ["2026-10", 31],
  ])("%s has %i days; the next month starts where it ends", (period, days) => {
    expect((monthEnd(period) - monthStart(period)) / DAY).toBe(days);
    expect(monthStart(nextPeriod(period))).toBe(monthEnd(period));
  });

  it("a year rolls over", () => expect(nextPeriod("2026-12")).toBe("2027-01"));
});

describe("monthsFromDailyHashrate: mean of a month's points, complete months only", () => {
  const before = [{ height: 0, time: t("2025-12-20"), difficulty: 1e14 }];
  it.each<[string, HashratePoint[], Header[], { period: string; hashrateEh: number; difficulty: number }[]]>([
    [
      "the mean of the month's daily points ÷ 10^18",
      daily("2026-01-01", "2026-02-01", (time) => (time < t("2026-01-16") ? 900 : 1000)),
      before,
      [{ period: "2026-01", hashrateEh: Number(((15 * 900 + 16 * 1000) / 31).toPrecision(6)), difficulty: 1e14 }],
    ],
    ["the newest month is incomplete", daily("2026-01-01", "2026-02-10"), before, [{ period: "2026-01", hashrateEh: 1000, difficulty: 1e14 }]],
    ["a month whose newest point is its own last day is incomplete", daily("2026-01-01", "2026-01-31"), before, []],
    [
      "a window that starts mid-month leaves that month out",
      daily("2026-01-15", "2026-03-01"),
      before,
      [{ period: "2026-02", hashrateEh: 1000, difficulty: 1e14 }],
    ],
    [
      "a month no retarget precedes is left out",
      daily("2026-01-01", "2026-03-01"),
      [{ height: 0, time: t("2026-01-10"), difficulty: 1e14 }],
      [{ period: "2026-02", hashrateEh: 1000, difficulty: 1e14 }],
    ],
    [
      "difficulty is the time-weighted mean of the difficulty in force",
      daily("2026-01-01", "2026-02-01"),
      [...before, { height: 0, time: t("2026-01-11"), difficulty: 1.1e14 }],
      [{ period: "2026-01", hashrateEh: 1000, difficulty: Math.round((10 * 1e14 + 21 * 1.1e14) / 31) }],
    ],
    ["no points, no months", [], before, []],
  ])("%s", (_label, points, retargets, expected) => {
    expect(monthsFromDailyHashrate(points, retargets)).toEqual(expected);
  });

  it("keeps significant digits, so the early chain's tiny hashrates do not round to 0", () => {
    const [month] = monthsFromDailyHashrate(
      daily("2010-01-01", "2010-02-01", () => 5e-12),
      [{ height: 0, time: t("2009-12-20"), difficulty: 1 }],
    );
    expect(month?.hashrateEh).toBe(5e-12);
  });
});

describe("meanDifficulty", () => {
  const steps = [
    { height: 0, time: 100, difficulty: 10 },
    { height: 0, time: 200, difficulty: 20 },
  ];
  it.each([
    [100, 200, 10],
    [150, 250, 15],
    [200, 400, 20],
    [50, 150, null],
  ])("over [%i, %i) is %s", (from, to, expected) => expect(meanDifficulty(steps, from, to)).toBe(expected));
});

describe("retargetFigures: change and epoch from consecutive retargets", () => {
  const at = (height: number, day: string, difficulty: number, adjustment: number | null) => ({ height, time: t(day), difficulty, adjustment });

  it.each([
    [1.1009, 10.09],
    [0.8991, -10.09],
    [1, 0],
    [4, 300],
    [0.25, -75],
  ])("adjustment %d is a change of %d %%", (adjustment, changePct) => {
    expect(retargetFigures([at(4032, "2026-01-01", 1e14, adjustment)])[0]?.changePct).toBe(changePct);
  });

  it("an epoch's hashrate is 2016 · D · 2^32 over the time to the next retarget; the newest epoch is open", () => {
    const rows = retargetFigures([at(4032, "2026-01-01", 1e14, 1.02), at(6048, "2026-01-15", 1.2e14, 1.2)]);
    expect(rows).toEqual([
      {
        height: 4032,
        time: t("2026-01-01"),
        difficulty: 1e14,
        changePct: 2,
        epochHashrateEh: Number(((WORK * 1e14) / (14 * DAY) / EH).toPrecision(6)),
        epochDays: 14,
      },
      { height: 6048, time: t("2026-01-15"), difficulty: 1.2e14, changePct: 20, epochHashrateEh: null, epochDays: null },
    ]);
  });

  it("a missing retarget leaves the epoch before it open; an unknown previous difficulty gives no row", () => {
    const rows = retargetFigures([at(2016, "2025-12-18", 1e14, null), at(4032, "2026-01-01", 1e14, 1), at(8064, "2026-01-29", 1e14, 1)]);
    expect(rows.map((r) => [r.height, r.epochDays])).toEqual([
      [4032, null],
      [8064, null],
    ]);
  });

  it("withAdjustments takes the ratio to the previous retarget's difficulty", () => {
    const points = withAdjustments([
      { height: 2016, time: 1, difficulty: 100 },
      { height: 4032, time: 2, difficulty: 110 },
      { height: 8064, time: 3, difficulty: 121 },
    ]);
    expect(points.map((p) => p.adjustment)).toEqual([null, 1.1, null]);
  });

  it("refuses retargets whose times do not increase", () => {
    expect(() => retargetFigures([at(4032, "2026-01-10", 1e14, 1), at(6048, "2026-01-01", 1e14, 1)])).toThrow(DerivationError);
  });
});

describe("monthsFromHeaders: each epoch's expected work spread uniformly over its time", () => {
  const D = { a: 1.0e14, b: 1.1e14, c: 1.2e14 };
  const retargets: Header[] = [
    { height: 2016, time: t("2026-01-25"), difficulty: D.a },
    { height: 4032, time: t("2026-02-08"), difficulty: D.b },
    { height: 6048, time: t("2026-02-22"), difficulty: D.c },
  ];
  const february = {
    // Half of epoch a (Feb 1–8 of its 14 days), all of b, and 7 of the 11 days the open epoch c has run.
    hashrateEh: Number(((0.5 * WORK * D.a + WORK * D.b + ((7 / 11) * 1000 * D.c * WORK) / 2016) / (28 * DAY) / EH).toPrecision(6)),
    difficulty: Math.round((7 * D.a + 14 * D.b + 7 * D.c) / 28),
  };

  it.each<[string, Header, { period: string; hashrateEh: number; difficulty: number }[]]>([
    [
      "an epoch across a month boundary counts in both months by its days",
      { height: 6048 + 1000, time: t("2026-03-05"), difficulty: D.c },
      [{ period: "2026-02", ...february }],
    ],
    [
      "a tip exactly at the month's end completes it",
      { height: 6048 + 1000, time: t("2026-03-01"), difficulty: D.c },
      [
        {
          period: "2026-02",
          hashrateEh: Number(((0.5 * WORK * D.a + WORK * D.b + 1000 * D.c * 2 ** 32) / (28 * DAY) / EH).toPrecision(6)),
          difficulty: february.difficulty,
        },
      ],
    ],
    ["a tip one second before the month's end leaves it incomplete", { height: 6048 + 1000, time: t("2026-02-28 23:59:59"), difficulty: D.c }, []],
  ])("%s", (_label, tip, expected) => {
    expect(monthsFromHeaders(retargets, tip)).toEqual(expected);
  });

  it("refuses a gap between retargets (one is missing)", () => {
    const gap = [retargets[0]!, { ...retargets[2]!, height: 8064 }];
    expect(() => monthsFromHeaders(gap, { height: 9000, time: t("2026-04-01"), difficulty: D.c })).toThrow(/missing/);
  });
});

describe("the seeded network data", () => {
  const dir = path.resolve(import.meta.dirname, "..", "..", "seed", "data");
  const { retargets } = parseRetargetsCsv(fs.readFileSync(path.join(dir, "difficulty_adjustments.csv"), "utf8"), "difficulty_adjustments.csv");
  const { stats } = parseNetworkMonthlyCsv(fs.readFileSync(path.join(dir, "network_monthly.csv"), "utf8"), "network_monthly.csv");
  const headers = retargets.map((r) => ({ height: r.height, time: t(r.dateUtc), difficulty: r.difficulty }));

  it("is reproduced month by month from its retargets (to the file's rounding: 0.1 EH/s, five significant digits)", () => {
    const months = monthsFromHeaders(headers.slice(0, -1), headers[headers.length - 1]!);
    expect(months.map((m) => m.period)).toEqual(stats.map((s) => s.period));
    for (const [i, m] of months.entries()) {
      const seeded = stats[i]!;
      expect(Math.abs(m.hashrateEh - seeded.hashrateEh), m.period).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(m.difficulty / seeded.difficulty - 1), m.period).toBeLessThan(5e-5);
    }
  });

  it("has the change and epoch length of each retarget as the derivation gives them", () => {
    const rows = retargetFigures(withAdjustments(headers));
    expect(rows).toHaveLength(retargets.length - 1);
    for (const row of rows) {
      const seeded = retargets.find((r) => r.height === row.height)!;
      expect(Math.abs(row.changePct - seeded.changePct), String(row.height)).toBeLessThanOrEqual(0.005 + 1e-9);
      if (seeded.epochDays === null) expect(row.epochDays).toBeNull();
      else expect(Math.abs(row.epochDays! - seeded.epochDays), String(row.height)).toBeLessThanOrEqual(0.0005 + 1e-9);
      // The seed's epoch hashrates were computed with slightly different block times: within 0.4 %.
      if (seeded.epochHashrateEh !== null) expect(Math.abs(row.epochHashrateEh! / seeded.epochHashrateEh - 1), String(row.height)).toBeLessThan(0.004);
    }
  });
});
