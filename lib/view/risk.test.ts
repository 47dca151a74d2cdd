import { describe, expect, it } from "vitest";
import { RISK_SCALE } from "../colors/layer-scales";
import { RISK_FIXTURE as r } from "./risk.fixture";
import { formatChance, fromPercentInput, riskContributions, riskFigures, riskLayer, riskRequest, riskRows, setRiskProbability, toPercentInput } from "./risk";

const names = new Map([
  ["US", "United States"],
  ["KZ", "Kazakhstan"],
  ["CA", "Canada"],
]);

describe("risk view: chances and the table's percent inputs", () => {
  it.each([
    [0, "0%"],
    [1, "100%"],
    [0.00002, "< 0.01%"],
    [0.99999, "> 99.99%"],
    [0.0123, "1.23%"],
    [0.5, "50.00%"],
  ])("formats the chance %d as %s", (p, text) => {
    expect(formatChance(p)).toBe(text);
  });

  it.each([
    [0.5, 50],
    [0.019801, 1.98],
    [0, 0],
    [1, 100],
  ])("shows the probability %d as %d %", (p, percent) => {
    expect(toPercentInput(p)).toBe(percent);
  });

  it.each([
    ["50", 0.5],
    ["0", 0],
    ["100", 1],
    [" 12.5 ", 0.125],
    [".5", 0.005],
    ["1.234567", 0.012346],
    ["", null],
    ["-1", null],
    ["100.1", null],
    ["1e2", null],
    ["abc", null],
  ])("reads the typed percentage %j as the probability %s", (text, p) => {
    expect(fromPercentInput(text)).toBe(p);
  });
});

describe("risk view: the user's probabilities and the request", () => {
  it("asks for the defaults' own answer when nothing is set, or only events that are not rows", () => {
    expect(riskRequest("d", "2022-01", r.events, [])).toBeNull();
    expect(riskRequest("d", "2022-01", r.events, [{ id: "ZZ", probability: 0.5, fraction: 1 }])).toBeNull();
    expect(riskRequest("d", "2022-01", null, [{ id: "US", probability: 0.5, fraction: 1 }])).toBeNull();
  });

  it("sends every default event, with the user's probability and fraction where set (the last setting of an id wins)", () => {
    const overrides = [
      { id: "US", probability: 0.2, fraction: 1 },
      { id: "ZZ", probability: 0.5, fraction: 1 },
      { id: "US", probability: 0.5, fraction: 0.5 },
    ];
    expect(riskRequest("cbeci-monthly", "2022-01", r.events, overrides)).toEqual({
      dataset: "cbeci-monthly",
      period: "2022-01",
      events: [
        { id: "US", probability: 0.5, fraction: 0.5 },
        { id: "KZ", probability: 0.2, fraction: 1 },
        { id: "USMCA", probability: 0.01, fraction: 0.5 },
      ],
    });
  });

  it("sets a row's probability keeping its fraction, and resets it to the default", () => {
    const us = { id: "US", fraction: 0.5 };
    const set = setRiskProbability([{ id: "KZ", probability: 0.3, fraction: 1 }], us, 0.5);
    expect(set).toEqual([
      { id: "KZ", probability: 0.3, fraction: 1 },
      { id: "US", probability: 0.5, fraction: 0.5 },
    ]);
    expect(setRiskProbability(set, us, 0.25)).toEqual([
      { id: "KZ", probability: 0.3, fraction: 1 },
      { id: "US", probability: 0.25, fraction: 0.5 },
    ]);
    expect(setRiskProbability(set, us, null)).toEqual([{ id: "KZ", probability: 0.3, fraction: 1 }]);
  });
});

describe("risk view: the table's rows", () => {
  it("lists every default event in the server's order, marking the defaults", () => {
    const rows = riskRows(r.events, [], r);
    expect(
      rows.map((row) => [row.id, row.kind, row.detail, row.probability, row.fraction, row.isDefault, row.defaultText, row.fractionText, row.contributionText]),
    ).toEqual([
      ["US", "country", "US", 0.1, 0.5, true, "10.00%", "takes 50.00% offline", "2.00%"],
      ["KZ", "country", "KZ", 0.2, 1, true, "20.00%", "takes 100.00% offline", "2.00%"],
      ["USMCA", "bloc", "US, CA, MX", 0.01, 0.5, true, "1.00%", "takes 50.00% offline", "0.19%"],
    ]);
  });

  it("shows the user's probability, and no contribution until the answer is for it", () => {
    const overrides = [{ id: "US", probability: 0.5, fraction: 0.5 }];
    const stale = riskRows(r.events, overrides, r);
    expect(stale[0]).toMatchObject({ probability: 0.5, isDefault: false, defaultText: "10.00%", contributionText: "…" });
    expect(stale[1]).toMatchObject({ isDefault: true, contributionText: "2.00%" });
    const fresh = riskRows(r.events, overrides, { ...r, events: r.events.map((e) => (e.id === "US" ? { ...e, probability: 0.5, isDefault: false } : e)) });
    expect(fresh[0]?.contributionText).toBe("2.00%");
    expect(riskRows(r.events, [], null).map((row) => row.contributionText)).toEqual(["…", "…", "…"]);
  });
});

describe("risk view: the figures", () => {
  it("formats each headline figure of an exact answer", () => {
    const f = riskFigures(r);
    expect(f.headline).toBe("Within 365 days, 4.19% of network hashrate is expected to go offline; in 1 case in 10, more than 10.00%.");
    expect(Object.fromEntries(f.facts.map((x) => [x.testId, x.value]))).toEqual({
      "risk-expected": "4.19%",
      "risk-p50": "0.00%",
      "risk-p90": "10.00%",
      "risk-p95": "20.00%",
      "risk-p99": "30.00%",
      "risk-above-0.1": "9.02%",
      "risk-above-0.2": "1.98%",
      "risk-above-0.3": "0%",
      "risk-above-0.5": "0%",
      "risk-majority": "0%",
      "risk-halted": "0%",
      "risk-difficulty": "-4.37%",
      "risk-interval": "10.4 min",
      "risk-hhi": "2,071",
    });
    expect(f.facts.find((x) => x.testId === "risk-above-0.1")?.label).toBe("Chance of losing more than 10%");
    expect(f.method).toBe("Exact: every combination of events enumerated.");
  });

  it("gives a Monte Carlo answer's standard errors, draws and seed; a halted chain has no interval", () => {
    const mc = riskFigures({
      ...r,
      method: "monte-carlo",
      draws: 100_000,
      seed: 7,
      standardErrors: {
        lostShareQuantiles: { p50: 0, p90: 0.0012, p95: 0.002, p99: 0.003 },
        probabilityLossAbove: { "0.1": 0.0009, "0.2": 0.0004, "0.3": 0, "0.5": 0 },
        probabilityMajority: 0.00001,
      },
      difficultyChange: { ...r.difficultyChange, expected: null },
      blockIntervalMinutes: { ...r.blockIntervalMinutes, expected: null },
      expectedHhiAfter: null,
    });
    const value = (id: string) => mc.facts.find((x) => x.testId === id)?.value;
    expect(value("risk-p90")).toBe("10.00% ± 0.12%");
    expect(value("risk-above-0.1")).toBe("9.02% ± 0.09%");
    expect(value("risk-majority")).toBe("0% ± < 0.01%");
    expect(value("risk-difficulty")).toBe("—");
    expect(value("risk-interval")).toBe("never (halted)");
    expect(value("risk-hhi")).toBe("—");
    expect(mc.method).toBe("Monte Carlo: 100,000 draws, seed 7 (the same request gives the same answer); ± is one standard error.");
  });

  it("lists who contributes most, largest first, leaving out nothing-at-all", () => {
    const c = riskContributions(r, names, 2);
    expect(c.events).toEqual([
      { id: "US", label: "United States", value: "2.00%" },
      { id: "KZ", label: "Kazakhstan", value: "2.00%" },
    ]);
    expect(riskContributions(r, names).countries).toEqual([
      { id: "US", label: "United States", value: "2.19%" },
      { id: "KZ", label: "Kazakhstan", value: "2.00%" },
    ]);
  });
});

describe("risk view: the map layer", () => {
  it("paints each country's part of the expected loss, with the risk scale", () => {
    const v = riskLayer(r, RISK_SCALE);
    expect(v.values).toEqual([
      { iso2: "US", value: 0.0219, tooltip: "2.19% of network hashrate expected to go offline here" },
      { iso2: "KZ", value: 0.02, tooltip: "2.00% of network hashrate expected to go offline here" },
      { iso2: "CA", value: 0, tooltip: "0.00% of network hashrate expected to go offline here" },
    ]);
    expect(v.scale).toBe(RISK_SCALE);
    expect(riskLayer(null, RISK_SCALE)).toMatchObject({ values: [], scale: RISK_SCALE, noDataLabel: "No share this month, so no risk counted" });
  });
});
