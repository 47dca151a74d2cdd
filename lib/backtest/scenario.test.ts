import { describe, expect, it } from "vitest";
import {
  blocksIntoEpochAt,
  choosePeriod,
  dayAfter,
  daysBetween,
  poolProxyFraction,
  powerFraction,
  retargetsAround,
  RETARGETS_AFTER_END,
  shareOfflineFraction,
} from "./scenario";
import type { Observation, RetargetFact } from "./types";

const obs = (over: Partial<Observation>): Observation => ({
  eventId: "x-2024-01",
  event: "A shock",
  dateLabel: "2024-01-05",
  date: "2024-01-05",
  endDate: "2024-01-05",
  jurisdiction: "US",
  countries: ["US"],
  metric: "share_offline",
  valueText: "50",
  valueLow: 50,
  valueHigh: 50,
  unit: "%",
  certainty: "quoting A",
  sourceUrl: "https://a.example/1",
  note: null,
  ...over,
});

describe("choosePeriod: the newest month before the one the shock starts in", () => {
  const best = { dataset: "best-estimate", periods: ["2019-09", "2021-04", "2021-05", "2022-01", "2025-10"] };
  const cbeci = { dataset: "cbeci-monthly", periods: ["2019-09", "2019-10"] };
  const early = { dataset: "early", periods: ["2018-06", "2019-03"] };
  const earlier = { dataset: "earlier", periods: ["2019-03"] };

  it.each([
    [
      "a ban on 21 May 2021 reads April (May's average already holds the ban)",
      "2021-05-21",
      [best],
      { dataset: "best-estimate", period: "2021-04", fallback: false },
    ],
    ["a shock on the 1st of a month still reads the month before", "2021-05-01", [best], { dataset: "best-estimate", period: "2021-04", fallback: false }],
    ["a gap: the newest earlier month, however old", "2024-01-14", [best], { dataset: "best-estimate", period: "2022-01", fallback: false }],
    [
      "the default dataset first, even if another has a nearer month",
      "2021-05-21",
      [best, { dataset: "x", periods: ["2021-04"] }],
      { dataset: "best-estimate", period: "2021-04", fallback: false },
    ],
    [
      "before the default's first month: the nearest earlier month of the others",
      "2019-08-10",
      [best, cbeci, early],
      { dataset: "early", period: "2019-03", fallback: true },
    ],
    ["a tie between the others: the earlier-listed one", "2019-08-10", [best, early, earlier], { dataset: "early", period: "2019-03", fallback: true }],
    ["no month before anywhere", "2018-01-10", [best, cbeci], null],
    ["no candidates", "2021-05-21", [], null],
  ])("%s", (_label, start, candidates, expected) => {
    expect(choosePeriod(start, candidates)).toEqual(expected);
  });
});

describe("blocksIntoEpochAt: 10-minute blocks since the retarget before the shock", () => {
  const retargets: RetargetFact[] = [
    { height: 683424, dateUtc: "2021-05-13 08:58:58", changePct: 21.53, source: "d" },
    { height: 685440, dateUtc: "2021-05-30 01:18:41", changePct: -15.97, source: "d" },
  ];
  it.each([
    // 7 days 15 h 1 min 2 s = 10 981 minutes → 1098 blocks.
    ["eight days after the retarget", "2021-05-21", 1098],
    ["the day after it", "2021-05-14", Math.floor((15 * 60 + 1 + 2 / 60) / 10)],
    ["longer than an epoch takes at 10 minutes: capped at 2015", "2021-05-29", 2015],
    ["before any retarget: 0", "2021-01-01", 0],
    ["after the last retarget", "2021-05-31", Math.floor((22 * 60 + 41 + 19 / 60) / 10)],
  ])("%s", (_label, start, blocks) => {
    expect(blocksIntoEpochAt(start, retargets)).toBe(blocks);
  });
});

describe("retargetsAround: from the start to the first on or after the end, and the rebound after it", () => {
  const r = (dateUtc: string): RetargetFact => ({ height: 0, dateUtc: `${dateUtc} 12:00:00`, changePct: 0, source: "d" });
  const all = ["2021-05-13", "2021-05-30", "2021-06-13", "2021-07-03", "2021-07-17", "2021-07-31", "2021-08-13"].map(r);
  it.each([
    ["a two-day outage: the retarget its epoch ends with and the next", "2021-06-01", "2021-06-03", ["2021-06-13", "2021-07-03"]],
    [
      "a ban over weeks: every retarget within it, the one on its last day, and the next",
      "2021-05-21",
      "2021-07-17",
      ["2021-05-30", "2021-06-13", "2021-07-03", "2021-07-17", "2021-07-31"],
    ],
    ["a retarget on the first day counts", "2021-05-30", "2021-05-31", ["2021-05-30", "2021-06-13", "2021-07-03"]],
    ["the data ends: what there is", "2021-08-01", "2021-08-20", ["2021-08-13"]],
  ])("%s", (_label, start, end, dates) => {
    expect(retargetsAround(start, end, all).map((x) => x.dateUtc.slice(0, 10))).toEqual(dates);
  });
  it("compares two retargets after the end", () => expect(RETARGETS_AFTER_END).toBe(2));
});

describe("days", () => {
  it.each([
    ["2022-01-05", "2022-01-07", 2],
    ["2021-05-21", "2021-07-17", 57],
    ["2024-02-28", "2024-03-01", 2],
  ])("%s → %s is %i days", (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(dayAfter(from, days)).toBe(to);
  });
  it("a fractional day lands on its calendar day", () => expect(dayAfter("2021-05-21", 10.99)).toBe("2021-05-31"));
});

describe("fractions", () => {
  it("share offline: the whole country's rows only, a range at its middle, several at their median", () => {
    const rows = [
      obs({ jurisdiction: "CN", countries: ["CN"], valueText: "69", valueLow: 69, valueHigh: 69, certainty: "derived: 100/145" }),
      obs({ jurisdiction: "CN-XJ", countries: ["CN"], valueText: "99", valueLow: 99, valueHigh: 99 }),
    ];
    expect(shareOfflineFraction(rows, "CN", "China")).toEqual({
      fraction: 0.69,
      basis: "69.0 % of the mining in China offline (derived: 100/145)",
      sources: ["https://a.example/1"],
    });
    const ranges = [
      obs({ jurisdiction: "RU", valueText: "18..23", valueLow: 18, valueHigh: 23 }),
      obs({ jurisdiction: "RU", valueText: "30", valueLow: 30, valueHigh: 30 }),
    ];
    expect(shareOfflineFraction(ranges, "RU").fraction).toBeCloseTo((0.205 + 0.3) / 2, 12);
    expect(shareOfflineFraction(rows, "US")).toEqual({ fraction: null, reason: "no source reports the share of the mining in US that went offline" });
  });

  it("pool proxy: the median fall of the rows whose note names the pool", () => {
    const pool = (value: number, note: string) => obs({ metric: "pool_hashrate_change", valueText: String(value), valueLow: value, valueHigh: value, note });
    const rows = [
      pool(-60, "Foundry USA down 200 EH/s"),
      pool(-50.5, "Foundry USA 400 → 198"),
      pool(-42.2, "Luxor pool 45 → 26; the same page gives Foundry USA 340 → 242"),
      pool(-59, "Foundry USA ~340 → 139"),
      pool(-52.3, "Foundry USA 260 → 124"),
    ];
    const f = poolProxyFraction(rows, "Foundry USA");
    expect(f.fraction).toBeCloseTo(0.5565, 12);
    expect(f).toMatchObject({ basis: "Foundry USA lost 60.0 %, 50.5 %, 59.0 %, 52.3 % of its hashrate (4 reports; median 55.6 %)" });
    expect(poolProxyFraction([pool(-10, "top pools on average")], "Foundry USA").fraction).toBeNull();
  });

  it("curtailed power: MW ÷ (share × H × ε), capped at 1", () => {
    const rows = [obs({ jurisdiction: "US-TX", metric: "curtailed_power", unit: "MW", valueText: "1000", valueLow: 1000, valueHigh: 1000 })];
    const network = { period: "2022-06", hashrateEh: 212 };
    const f = powerFraction(rows, "US", "the United States", 0.3784, network, 28.2);
    expect(f.fraction).toBeCloseTo(1000 / (0.3784 * 212 * 28.2), 12);
    expect(f).toMatchObject({
      basis: "1000 MW curtailed ÷ the mining power of the United States (37.84 % × 212 EH/s in 2022-06 × 28.2 J/TH = 2262 MW) = 44.2 %",
    });
    expect(powerFraction(rows, "US", "the United States", 0.01, network, 28.2)).toMatchObject({ fraction: 1, basis: expect.stringMatching(/\(capped\)$/) });
    expect(powerFraction(rows, "US", "the United States", 0, network, 28.2).fraction).toBeNull();
    expect(powerFraction(rows, "US", "the United States", 0.3784, null, 28.2).fraction).toBeNull();
    expect(powerFraction(rows, "KZ", "Kazakhstan", 0.13, network, 28.2)).toEqual({
      fraction: null,
      reason: "no source reports the power curtailed in Kazakhstan",
    });
  });
});
