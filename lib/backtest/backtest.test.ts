import { describe, expect, it } from "vitest";
import { shock } from "../metrics/shock";
import { simulate } from "../simulate/simulate";
import { planBacktests, runBacktest, summarise } from "./backtest";
import type { BacktestCase } from "./cases";
import type { BacktestData, BacktestRow, Observation, SharesMonth } from "./types";

// A small world, written out by hand: one blackout with sourced figures, one ban read from network
// events, and events no case covers.

const obs = (over: Partial<Observation>): Observation => ({
  eventId: "kz-2022-01",
  event: "Kazakhstan internet shutdown",
  dateLabel: "2022-01-05",
  date: "2022-01-05",
  endDate: "2022-01-05",
  jurisdiction: "KZ",
  countries: ["KZ"],
  metric: "network_hashrate",
  valueText: "205",
  valueLow: 205,
  valueHigh: 205,
  unit: "EH/s",
  certainty: "quoting YCharts",
  sourceUrl: "https://a.example/kz",
  note: "before",
  ...over,
});

const DATA: BacktestData = {
  observations: [
    obs({}),
    obs({ valueText: "177.33", valueLow: 177.33, valueHigh: 177.33, note: "after/trough" }),
    obs({ metric: "network_hashrate_change", unit: "%", valueText: "-12", valueLow: -12, valueHigh: -12, sourceUrl: "https://b.example/kz", note: null }),
    obs({
      eventId: "ve-2024-05",
      event: "Venezuela disconnects miners",
      date: "2024-05-18",
      jurisdiction: "VE",
      countries: ["VE"],
      metric: "share_offline",
      valueText: "",
      valueLow: null,
      valueHigh: null,
    }),
    obs({
      eventId: "zz-2025-01",
      event: "An unreviewed shock",
      date: "2025-01-02",
      metric: "block_time",
      unit: "min",
      valueText: "12",
      valueLow: 12,
      valueHigh: 12,
    }),
  ],
  networkEvents: [
    {
      dateLabel: "2021-05 (avg)",
      date: "2021-05-01",
      event: "monthly",
      metric: "network_hashrate",
      value: 160,
      valueText: "160",
      unit: "EH/s",
      certainty: "CBECI",
      sourceUrl: "cbeci.csv",
    },
    {
      dateLabel: "2021-07 (avg)",
      date: "2021-07-01",
      event: "monthly",
      metric: "network_hashrate",
      value: 100,
      valueText: "100",
      unit: "EH/s",
      certainty: "CBECI",
      sourceUrl: "cbeci.csv",
    },
  ],
  shockEvents: [
    { slug: "china-ban", date: "2021-05-21", endDate: "2021-07-17", title: "China bans mining", sourceUrl: "https://c.example/ban", countries: ["CN"] },
    { slug: "kz-blackout", date: "2022-01-05", endDate: "2022-01-07", title: "Kazakhstan's blackout", sourceUrl: "https://c.example/kz", countries: ["KZ"] },
    { slug: "sichuan", date: "2021-06-19", endDate: null, title: "Sichuan shuts mines", sourceUrl: "https://c.example/sc", countries: ["CN"] },
  ],
  retargets: [
    { height: 683424, dateUtc: "2021-05-13 00:00:00", changePct: 21.53, source: "d" },
    { height: 685440, dateUtc: "2021-05-30 00:00:00", changePct: -15.97, source: "d" },
    { height: 687456, dateUtc: "2021-06-13 00:00:00", changePct: -5.3, source: "d" },
    { height: 689472, dateUtc: "2021-07-03 00:00:00", changePct: -27.94, source: "d" },
    { height: 691488, dateUtc: "2021-07-17 00:00:00", changePct: -4.81, source: "d" },
    { height: 693504, dateUtc: "2021-07-31 00:00:00", changePct: 6.03, source: "d" },
    { height: 715680, dateUtc: "2021-12-25 00:00:00", changePct: 0.32, source: "d" },
    { height: 717696, dateUtc: "2022-01-08 00:00:00", changePct: 0.41, source: "d" },
    { height: 719712, dateUtc: "2022-01-21 00:00:00", changePct: 9.32, source: "d" },
  ],
  networkMonths: [{ period: "2021-12", hashrateEh: 173.4 }],
  countryNames: new Map([
    ["CN", "China"],
    ["KZ", "Kazakhstan"],
    ["US", "United States"],
  ]),
  efficiencyJPerTh: 28.2,
};

const CASES: BacktestCase[] = [
  {
    id: "kz-2022-01",
    shockEvent: "kz-blackout",
    figures: { observations: "kz-2022-01" },
    window: { shockEvent: "kz-blackout" },
    fraction: { method: "whole", why: "a nationwide blackout" },
    leftOut: ["Miners came back within two days."],
  },
  {
    id: "cn-2021-05",
    shockEvent: "china-ban",
    figures: { networkEvents: [{ before: { event: "monthly", dateLabel: "2021-05 (avg)" }, trough: { event: "monthly", dateLabel: "2021-07 (avg)" } }] },
    window: { shockEvent: "china-ban" },
    permanent: true,
    fraction: { method: "whole", why: "a ban" },
    leftOut: ["The ban rolled through the provinces."],
  },
];

const CANDIDATES = [
  { dataset: "best", periods: ["2021-04", "2021-12", "2022-01"] },
  { dataset: "other", periods: ["2021-03"] },
];

const month = (period: string, countries: [string, number][], unattributed: number): SharesMonth => ({
  dataset: "best",
  period,
  source: "cbeci",
  distribution: { countries: countries.map(([country, weight]) => ({ country, weight })), unattributed },
  networkHashrateEh: 170,
});
const DECEMBER = month(
  "2021-12",
  [
    ["US", 0.37],
    ["KZ", 0.14],
    ["CN", 0.19],
  ],
  0.3,
);
const APRIL = month(
  "2021-04",
  [
    ["CN", 0.46],
    ["US", 0.17],
  ],
  0.37,
);

function run(id: string, shares: SharesMonth): BacktestRow {
  const plan = planBacktests(DATA, CANDIDATES, CASES).plans.find((p) => p.case.id === id);
  if (!plan) throw new Error(`no plan for ${id}`);
  const row = runBacktest(plan, shares, DATA);
  if (!("scenario" in row)) throw new Error(`${id} not backtested: ${row.reason}`);
  return row;
}

describe("planBacktests", () => {
  it("gives each case its window, countries and the month before it, and lists every other event with its reason", () => {
    const { plans, notBacktested } = planBacktests(DATA, CANDIDATES, CASES);
    expect(plans.map((p) => [p.case.id, p.start, p.end, p.countries, p.choice])).toEqual([
      ["kz-2022-01", "2022-01-05", "2022-01-07", ["KZ"], { dataset: "best", period: "2021-12", fallback: false }],
      ["cn-2021-05", "2021-05-21", "2021-07-17", ["CN"], { dataset: "best", period: "2021-04", fallback: false }],
    ]);
    expect(notBacktested).toEqual([
      { id: "sichuan", name: "Sichuan shuts mines", date: "2021-06-19", reason: "not reviewed for a backtest yet" },
      {
        id: "ve-2024-05",
        name: "Venezuela disconnects miners",
        date: "2024-05-18",
        reason: "A policy record: no measured figure, and no estimate of Venezuela's hashrate.",
      },
      { id: "zz-2025-01", name: "An unreviewed shock", date: "2025-01-02", reason: "not reviewed for a backtest yet" },
    ]);
  });

  it("refuses a case whose dates are not in the data, or with no month of shares before it", () => {
    const lost: BacktestCase = { ...CASES[0]!, id: "lost", window: { metric: "curtailed_power", sourceUrl: "https://nowhere.example", why: "" } };
    const { plans, notBacktested } = planBacktests(DATA, [{ dataset: "best", periods: ["2023-01"] }], [lost, CASES[1]!]);
    expect(plans).toEqual([]);
    expect(notBacktested.filter((n) => n.id === "lost" || n.id === "cn-2021-05").map((n) => n.reason)).toEqual([
      "no whole-network shares dataset has a month before 2021-05",
      "the figure its dates are read from is not in the data",
    ]);
  });
});

describe("runBacktest", () => {
  it("a nationwide blackout: the country's share, the sources' range, a return after the outage", () => {
    const row = run("kz-2022-01", DECEMBER);
    expect(row.scenario.countries).toEqual([{ iso2: "KZ", name: "Kazakhstan", share: 0.14, fraction: 1 }]);
    // The shock model itself says what is lost.
    expect(row.predictedDrop).toBeCloseTo(shock(DECEMBER.distribution, [{ country: "KZ", fraction: 1 }]).lostShare, 15);
    expect(row.observedDrop).toEqual({ low: 0.12, high: expect.closeTo(1 - 177.33 / 205, 12) });
    expect(row.error.signed).toBeCloseTo(0.14 - (1 - 177.33 / 205), 12);
    expect(row.scenario).toMatchObject({ outageDays: 2, blocksIntoEpoch: Math.floor((11 * 1440) / 10) });
    expect(row.scenario.request).toEqual({
      dataset: "best",
      period: "2021-12",
      shutdown: [{ id: "KZ", fraction: 1 }],
      blocksIntoEpoch: 1584,
      horizonDays: row.scenario.request.horizonDays,
      efficiency: 28.2,
      migration: { fraction: 1, days: 0, delayDays: 2, weighting: "proportional" },
    });
    expect(row.observedRetargets.map((r) => [r.time, r.change])).toEqual([
      ["2022-01-08T00:00:00Z", 0.0041],
      ["2022-01-21T00:00:00Z", 0.0932],
    ]);
    // The simulator's own retargets for that input, as many as are observed.
    const sim = simulate({
      distribution: DECEMBER.distribution,
      shutdown: [{ country: "KZ", fraction: 1 }],
      networkHashrateEh: 170,
      blocksIntoEpoch: 1584,
      migration: { fraction: 1, days: 0, delayDays: 2, weighting: "proportional" },
      horizonDays: row.scenario.request.horizonDays,
    });
    expect(row.predictedRetargets.map((r) => r.change)).toEqual(sim.retargets.slice(0, 2).map((r) => r.difficultyChange));
    expect(row.predictedRetargets[0]?.change).toBeLessThan(0);
    expect(row.predictedRetargets[1]?.change).toBeGreaterThan(0);
    expect(row.sources.map((s) => s.url)).toEqual(["https://c.example/kz", "https://b.example/kz", "https://a.example/kz"]);
    expect(row.sources.find((s) => s.url === "https://c.example/kz")?.measuredBy).toBe("shock event: Kazakhstan's blackout");
  });

  it("a ban: nothing comes back, and the shares' own gaps join what the model leaves out", () => {
    const row = run("cn-2021-05", APRIL);
    expect(row.scenario.outageDays).toBeNull();
    expect(row.scenario.request.migration).toBeUndefined();
    expect(row.observedDrop).toBe(0.375);
    expect(row.predictedDrop).toBeCloseTo(0.46, 12);
    expect(row.error).toEqual({ signed: expect.closeTo(0.085, 12), absolute: expect.closeTo(0.085, 12) });
    expect(row.observedRetargets.map((r) => r.change)).toEqual([-0.1597, -0.053, -0.2794, -0.0481, 0.0603]);
    expect(row.predictedRetargets).toHaveLength(5);
    // A figure read from a seed file, not a page, is not a link.
    expect(row.sources.map((s) => s.url)).toEqual(["https://c.example/ban"]);
    expect(row.leftOut).toEqual([
      "The ban rolled through the provinces.",
      "37.0 % of the network is unattributed in 2021-04; the simulator never shuts that part down.",
    ]);
  });

  it("says so when the month's shares do not name the country, or are old", () => {
    const row = run("kz-2022-01", month("2021-04", [["US", 0.5]], 0.5));
    expect(row.predictedDrop).toBe(0);
    expect(row.leftOut).toContain(
      "2021-04's shares do not name Kazakhstan: its hashrate sits in the unattributed rest, so the simulator takes none of it offline.",
    );
    expect(row.leftOut).toContain("The shares are 9 months older than the shock (2021-04, from cbeci).");
  });

  it("is not backtested when no figure measures the fall, or the fraction cannot be read", () => {
    const plan = planBacktests(DATA, CANDIDATES, CASES).plans[0]!;
    const noFigures = { ...DATA, observations: DATA.observations.filter((o) => o.metric !== "network_hashrate" && o.metric !== "network_hashrate_change") };
    expect(runBacktest({ ...plan, rows: [] }, DECEMBER, noFigures)).toMatchObject({
      id: "kz-2022-01",
      reason: "no source measures the fall in network hashrate",
    });
    const byPower = { ...plan, case: { ...plan.case, fraction: { method: "power" as const } } };
    expect(runBacktest(byPower, DECEMBER, DATA)).toMatchObject({ reason: "no source reports the power curtailed in Kazakhstan" });
  });
});

describe("summarise", () => {
  it("orders the rows by date and averages the errors", () => {
    const kz = run("kz-2022-01", DECEMBER);
    const cn = run("cn-2021-05", APRIL);
    const result = summarise([kz, cn], []);
    expect(result.rows.map((r) => r.id)).toEqual(["cn-2021-05", "kz-2022-01"]);
    expect(result.meanAbsoluteError).toBeCloseTo((kz.error.absolute + cn.error.absolute) / 2, 15);
    expect(result.meanSignedError).toBeCloseTo((kz.error.signed + cn.error.signed) / 2, 15);
    expect(summarise([], [])).toEqual({ rows: [], meanAbsoluteError: null, meanSignedError: null, notBacktested: [] });
  });
});
