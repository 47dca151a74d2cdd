import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEFAULT_RISK_DRAWS, DEFAULT_RISK_HORIZON_DAYS, DEFAULT_RISK_SEED, MAX_RISK_EVENTS } from "./limits";
import { formatRiskEvents, lenientRiskQuery, RiskBody, riskQuery, riskSettingsOf } from "./schema";

// One grammar of a risk request, read three ways: the JSON body of POST /api/risk, strictly from the
// export query, leniently from a dashboard link.

const strict = z.object(riskQuery);
const lenient = z.object(lenientRiskQuery);

function readStrict(query: Record<string, string>) {
  const parsed = strict.safeParse(query);
  if (parsed.success) return riskSettingsOf(parsed.data);
  const issue = parsed.error.issues[0];
  return { refused: issue?.path.join("."), message: issue?.message };
}
const readLenient = (query: Record<string, string>) => riskSettingsOf(lenient.parse(query));

const DEFAULTS = { events: [], draws: DEFAULT_RISK_DRAWS, seed: DEFAULT_RISK_SEED, horizonDays: DEFAULT_RISK_HORIZON_DAYS, blocksIntoEpoch: 0 };
const many = (n: number) => Array.from({ length: n }, () => "US:0.1").join(",");

describe("the events list: id:probability[:fraction], comma-separated", () => {
  it.each([
    ["CN:0.1", [{ id: "CN", probability: 0.1, fraction: 1 }]],
    ["cn:.5", [{ id: "CN", probability: 0.5, fraction: 1 }]],
    [
      "CN:0.1,EAEU:0.02:0.5",
      [
        { id: "CN", probability: 0.1, fraction: 1 },
        { id: "EAEU", probability: 0.02, fraction: 0.5 },
      ],
    ],
    ["US:0", [{ id: "US", probability: 0, fraction: 1 }]],
    ["US:1:1", [{ id: "US", probability: 1, fraction: 1 }]],
    ["", []],
  ])("reads %j the same strictly and leniently", (text, events) => {
    expect(readStrict({ risk: text })).toEqual({ ...DEFAULTS, events });
    expect(readLenient({ risk: text })).toEqual({ ...DEFAULTS, events });
  });

  it.each([
    ["CN", /item 1 \("CN"\) is not id:probability/],
    ["CN:1.5", /item 1 \("CN:1.5"\): probability: must be ≤ 1/],
    ["CN:-0.1", /item 1/],
    ["CN:0.5:0", /fraction: must be > 0/],
    ["CN:0.5:1.5", /fraction: must be ≤ 1/],
    ["CN:0.1,", /item 2 \(""\)/],
    ["C:0.1", /id: must be an ISO alpha-2 code/],
    ["CN:0.1:0.5:1", /item 1/],
    [many(MAX_RISK_EVENTS + 1), /at most 500 events/],
  ])("strictly refuses %j naming risk", (text, message) => {
    expect(readStrict({ risk: text })).toEqual({ refused: "risk", message: expect.stringMatching(message) });
  });

  it("leniently drops a bad list (back to the defaults), skips empty items and cuts a long list", () => {
    expect(readLenient({ risk: "CN:1.5,US:0.1" })).toEqual(DEFAULTS);
    expect(readLenient({ risk: ",CN:0.1,,US:0.2," }).events).toEqual([
      { id: "CN", probability: 0.1, fraction: 1 },
      { id: "US", probability: 0.2, fraction: 1 },
    ]);
    expect(readLenient({ risk: many(MAX_RISK_EVENTS + 3) }).events).toHaveLength(MAX_RISK_EVENTS);
  });

  it("writes what it reads", () => {
    const events = [
      { id: "CN", probability: 0.1, fraction: 1 },
      { id: "EAEU", probability: 0.02, fraction: 0.5 },
    ];
    expect(formatRiskEvents(events)).toBe("CN:0.1,EAEU:0.02:0.5");
    expect(readStrict({ risk: formatRiskEvents(events) })).toMatchObject({ events });
  });
});

describe("draws, seed, horizon, bie", () => {
  it.each([
    [
      { draws: "1000", seed: "0", horizon: "30", bie: "2015" },
      { draws: 1000, seed: 0, horizonDays: 30, blocksIntoEpoch: 2015 },
    ],
    [
      { draws: "1000000", seed: "4294967295", horizon: "3650" },
      { draws: 1_000_000, seed: 4_294_967_295, horizonDays: 3650 },
    ],
  ])("reads %j", (query, settings) => {
    expect(readStrict(query)).toMatchObject(settings);
  });

  it.each([
    ["draws", "999"],
    ["draws", "1000001"],
    ["draws", "1e5"],
    ["seed", "4294967296"],
    ["seed", "-1"],
    ["horizon", "0"],
    ["horizon", "3651"],
    ["bie", "2016"],
  ])("strictly refuses %s=%s naming it; leniently takes the default", (key, value) => {
    expect(readStrict({ [key]: value })).toMatchObject({ refused: key });
    expect(readLenient({ [key]: value })).toEqual(DEFAULTS);
  });
});

describe("the JSON body", () => {
  it("fills the defaults", () => {
    expect(RiskBody.parse({ events: [{ id: "CN", probability: 0.2 }] })).toEqual({
      ...DEFAULTS,
      dataset: "best-estimate",
      events: [{ id: "CN", probability: 0.2, fraction: 1 }],
    });
  });

  it.each([
    [{ events: [{ id: "CN", probability: 1.01 }] }, "events.0.probability"],
    [{ events: [{ id: "CN", probability: -0.01 }] }, "events.0.probability"],
    [{ events: [{ id: "CN", probability: 0.1, fraction: 0 }] }, "events.0.fraction"],
    [{ events: [{ id: "", probability: 0.1 }] }, "events.0.id"],
    [{ events: [{ id: "CN", probability: 0.1, extra: 1 }] }, "events.0"],
    [{ events: Array.from({ length: MAX_RISK_EVENTS + 1 }, () => ({ id: "US", probability: 0.1 })) }, "events"],
    [{}, "events"],
    [{ events: [], draws: 999 }, "draws"],
  ])("refuses %j naming %s", (body, field) => {
    const parsed = RiskBody.safeParse(body);
    expect(parsed.success ? "accepted" : parsed.error.issues[0]?.path.join(".")).toBe(field);
  });
});
