import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEFAULT_EFFICIENCY_J_PER_TH, DEFAULT_HORIZON_DAYS, MAX_BLOCKS_INTO_EPOCH, MAX_HORIZON_DAYS, MAX_SHUTDOWN_ITEMS } from "./limits";
import { lenientScenarioQuery, ScenarioBody, scenarioQuery, scenarioSettingsOf } from "./schema";

// One grammar, read three ways: strictly from a query (the export), leniently from a dashboard link,
// and as the JSON body of POST /api/simulate. Each syntax form and each limit, in tables.

const strict = z.object(scenarioQuery);
const lenient = z.object(lenientScenarioQuery);

/** The settings a query gives, or the parameter (and reason) it is refused for. */
function readStrict(query: Record<string, string>) {
  const parsed = strict.safeParse(query);
  if (parsed.success) return scenarioSettingsOf(parsed.data);
  const issue = parsed.error.issues[0];
  return { refused: issue?.path.join("."), message: issue?.message };
}
const readLenient = (query: Record<string, string>) => scenarioSettingsOf(lenient.parse(query));

const DEFAULT_SETTINGS = { shutdown: [], blocksIntoEpoch: 0, migration: null, horizonDays: DEFAULT_HORIZON_DAYS, efficiency: DEFAULT_EFFICIENCY_J_PER_TH };
const many = (n: number, id = "US") => Array.from({ length: n }, () => id).join(",");

describe("the shutdown list: id or id:fraction, comma-separated", () => {
  it.each([
    ["CN", [{ id: "CN", fraction: 1 }]],
    ["cn", [{ id: "CN", fraction: 1 }]],
    [
      "CN,RU:0.3,EAEU",
      [
        { id: "CN", fraction: 1 },
        { id: "RU", fraction: 0.3 },
        { id: "EAEU", fraction: 1 },
      ],
    ],
    ["US:0", [{ id: "US", fraction: 0 }]],
    ["US:1", [{ id: "US", fraction: 1 }]],
    ["US:1.0", [{ id: "US", fraction: 1 }]],
    ["KZ:.25", [{ id: "KZ", fraction: 0.25 }]],
    ["KZ:0.5", [{ id: "KZ", fraction: 0.5 }]],
    ["BRICS,EU,GCC,USMCA,EAEU", ["BRICS", "EU", "GCC", "USMCA", "EAEU"].map((id) => ({ id, fraction: 1 }))],
    ["A1234567890ABCDE", [{ id: "A1234567890ABCDE", fraction: 1 }]],
  ])("reads %j the same strictly and leniently", (text, shutdown) => {
    expect(readStrict({ shutdown: text })).toMatchObject({ shutdown });
    expect(readLenient({ shutdown: text })).toMatchObject({ shutdown });
  });

  it.each([
    ["", /item 1 \(""\)/],
    [",", /item 1/],
    ["CN,", /item 2 \(""\)/],
    ["CN,,RU", /item 2/],
    ["CN:1.5", /fraction: must be ≤ 1/],
    ["CN:-0.5", /item 1 \("CN:-0.5"\)/],
    ["CN:abc", /item 1/],
    ["CN:0.5:1", /item 1/],
    ["C", /id: must be an ISO alpha-2 code/],
    ["1N", /item 1/],
    ["A1234567890ABCDEF", /id: must be an ISO alpha-2 code/],
    [many(MAX_SHUTDOWN_ITEMS + 1), /at most 300/],
  ])("refuses %j strictly, naming shutdown", (text, message) => {
    const result = readStrict({ shutdown: text });
    expect(result).toMatchObject({ refused: "shutdown" });
    expect("message" in result ? result.message : "").toMatch(message);
  });

  it.each([
    ["", []],
    ["CN,", [{ id: "CN", fraction: 1 }]],
    [
      "CN,,RU",
      [
        { id: "CN", fraction: 1 },
        { id: "RU", fraction: 1 },
      ],
    ],
    ["CN:2", []],
    ["CN,XX:abc", []],
  ])("reads %j leniently: empty items skipped, a bad item drops the list", (text, shutdown) => {
    expect(readLenient({ shutdown: text }).shutdown).toEqual(shutdown);
  });

  it("takes at most MAX_SHUTDOWN_ITEMS: strictly the whole list or nothing, leniently the first ones", () => {
    expect(readStrict({ shutdown: many(MAX_SHUTDOWN_ITEMS) })).toMatchObject({ shutdown: expect.any(Array) });
    expect(readLenient({ shutdown: many(MAX_SHUTDOWN_ITEMS + 5) }).shutdown).toHaveLength(MAX_SHUTDOWN_ITEMS);
  });
});

describe("below the country: regions, presets, sites and operators in the same list", () => {
  it.each([
    ["US-TX", [{ id: "US-TX", fraction: 1 }]],
    [
      "us-tx:0.8,ercot:0.5",
      [
        { id: "US-TX", fraction: 0.8 },
        { id: "ERCOT", fraction: 0.5 },
      ],
    ],
    ["CN-XJ,RU-IRK,UA-ZP", ["CN-XJ", "RU-IRK", "UA-ZP"].map((id) => ({ id, fraction: 1 }))],
    [
      "US,US-TX:0.8,site:12:0.5",
      [
        { id: "US", fraction: 1 },
        { id: "US-TX", fraction: 0.8 },
        { id: "site:12", fraction: 0.5 },
      ],
    ],
    [
      "op:Riot Platforms,op:Hut 8:0.3",
      [
        { id: "op:Riot Platforms", fraction: 1 },
        { id: "op:Hut 8", fraction: 0.3 },
      ],
    ],
    ["op:Foo%2C Inc.", [{ id: "op:Foo, Inc.", fraction: 1 }]],
  ])("reads %j the same strictly and leniently", (text, shutdown) => {
    expect(readStrict({ shutdown: text })).toMatchObject({ shutdown });
    expect(readLenient({ shutdown: text })).toMatchObject({ shutdown });
  });

  it.each([
    ["US-TEXAS", /item 1 \("US-TEXAS"\)/, /id: must be an ISO alpha-2 code/],
    ["US-TX:1.5", /item 1 \("US-TX:1.5"\)/, /fraction: must be ≤ 1/],
    ["CN,site:0", /item 2 \("site:0"\)/, /whole number from 1/],
    ["site:1.5", /item 1 \("site:1.5"\) is not site:<id>/, /site:<id>/],
    ["op:", /item 1 \("op:"\)/, /needs a name/],
    ["op:Foo,Inc.", /item 2 \("Inc."\) is not an id/, /op:<operator name>/],
    ["op:100%", /item 1 \("op:100%"\)/, /not an escape/],
    ["site:5,op", /item 2 \("op"\)/, /OP is reserved/],
  ])("refuses %j strictly, naming shutdown and the item, and leniently reads none", (text, item, why) => {
    const result = readStrict({ shutdown: text });
    expect(result).toMatchObject({ refused: "shutdown" });
    const message = "message" in result ? result.message : "";
    expect(message).toMatch(item);
    expect(message).toMatch(why);
    expect(readLenient({ shutdown: text }).shutdown).toEqual([]);
  });
});

describe("the migration: fraction,days,delayDays,weighting", () => {
  it.each([
    ["0.5,90,30,cheap-power", { fraction: 0.5, days: 90, delayDays: 30, weighting: "cheap-power" }],
    ["1,3650,3650,proportional", { fraction: 1, days: MAX_HORIZON_DAYS, delayDays: MAX_HORIZON_DAYS, weighting: "proportional" }],
    ["0,0,0,proportional", { fraction: 0, days: 0, delayDays: 0, weighting: "proportional" }],
    [".5,1,2,proportional", { fraction: 0.5, days: 1, delayDays: 2, weighting: "proportional" }],
  ])("reads %j the same strictly and leniently", (text, migration) => {
    expect(readStrict({ migrate: text })).toMatchObject({ migration });
    expect(readLenient({ migrate: text })).toMatchObject({ migration });
  });

  it.each([
    ["0.5,90", /fraction,days,delayDays,weighting/],
    ["0.5,90,30,teleport", /weighting/],
    ["0.5,90,30,proportional,x", /fraction,days,delayDays,weighting/],
    ["1.5,1,1,proportional", /fraction: must be ≤ 1/],
    ["0.5,3651,0,proportional", /days: must be at most 3650/],
    ["0.5,0,3651,proportional", /delayDays: must be at most 3650/],
    ["0.5,-1,0,proportional", /fraction,days,delayDays,weighting/],
    ["0.5,1.5,0,proportional", /fraction,days,delayDays,weighting/],
  ])("refuses %j strictly naming migrate, and leniently reads no migration", (text, message) => {
    const result = readStrict({ migrate: text });
    expect(result).toMatchObject({ refused: "migrate" });
    expect("message" in result ? result.message : "").toMatch(message);
    expect(readLenient({ migrate: text }).migration).toBeNull();
  });
});

describe("the numbers: bie, horizon, efficiency", () => {
  it.each([
    ["bie", "0", { blocksIntoEpoch: 0 }],
    ["bie", String(MAX_BLOCKS_INTO_EPOCH), { blocksIntoEpoch: 2015 }],
    ["bie", "01", { blocksIntoEpoch: 1 }],
    ["horizon", "1", { horizonDays: 1 }],
    ["horizon", String(MAX_HORIZON_DAYS), { horizonDays: 3650 }],
    ["efficiency", "1", { efficiency: 1 }],
    ["efficiency", "200", { efficiency: 200 }],
    ["efficiency", "28.2", { efficiency: 28.2 }],
    ["efficiency", "5.", { efficiency: 5 }],
  ])("reads %s=%s the same strictly and leniently", (key, text, expected) => {
    expect(readStrict({ [key]: text })).toMatchObject(expected);
    expect(readLenient({ [key]: text })).toMatchObject(expected);
  });

  it.each([
    ["bie", "2016", /at most 2015 \(an epoch has 2016 blocks\)/, { blocksIntoEpoch: 0 }],
    ["bie", "-1", /whole number/, { blocksIntoEpoch: 0 }],
    ["bie", "1.5", /whole number/, { blocksIntoEpoch: 0 }],
    ["bie", "+5", /whole number/, { blocksIntoEpoch: 0 }],
    ["bie", "", /whole number/, { blocksIntoEpoch: 0 }],
    ["horizon", "0", /at least 1 day/, { horizonDays: DEFAULT_HORIZON_DAYS }],
    ["horizon", "3651", /at most 3650 days/, { horizonDays: DEFAULT_HORIZON_DAYS }],
    ["horizon", "1e3", /whole number/, { horizonDays: DEFAULT_HORIZON_DAYS }],
    ["efficiency", "0", /at least 1 J\/TH/, { efficiency: DEFAULT_EFFICIENCY_J_PER_TH }],
    ["efficiency", "0.999", /at least 1 J\/TH/, { efficiency: DEFAULT_EFFICIENCY_J_PER_TH }],
    ["efficiency", "200.0001", /at most 200 J\/TH/, { efficiency: DEFAULT_EFFICIENCY_J_PER_TH }],
    ["efficiency", "-28", /number of J\/TH/, { efficiency: DEFAULT_EFFICIENCY_J_PER_TH }],
    ["efficiency", "1e2", /number of J\/TH/, { efficiency: DEFAULT_EFFICIENCY_J_PER_TH }],
    ["efficiency", "Infinity", /number of J\/TH/, { efficiency: DEFAULT_EFFICIENCY_J_PER_TH }],
  ])("refuses %s=%j strictly (%s), and leniently falls back to the default", (key, text, message, fallback) => {
    const result = readStrict({ [key]: text });
    expect(result).toMatchObject({ refused: key });
    expect("message" in result ? result.message : "").toMatch(message);
    expect(readLenient({ [key]: text })).toMatchObject(fallback);
  });

  it("gives every default for an empty query, strictly and leniently", () => {
    expect(readStrict({})).toEqual(DEFAULT_SETTINGS);
    expect(readLenient({})).toEqual(DEFAULT_SETTINGS);
  });
});

describe("the JSON body of POST /api/simulate", () => {
  const body = (extra: Record<string, unknown>) => ({ period: "2021-05", shutdown: ["CN"], ...extra });
  const fieldOf = (input: unknown) => {
    const parsed = ScenarioBody.safeParse(input);
    return parsed.success ? "ok" : parsed.error.issues[0]?.path.join(".");
  };

  it("fills in the defaults and writes every item as { id, fraction }", () => {
    expect(ScenarioBody.parse(body({ shutdown: ["CN", { id: "KZ", fraction: 0.5 }, { id: "RU" }] }))).toEqual({
      period: "2021-05",
      dataset: "best-estimate",
      shutdown: [
        { id: "CN", fraction: 1 },
        { id: "KZ", fraction: 0.5 },
        { id: "RU", fraction: 1 },
      ],
      blocksIntoEpoch: 0,
      horizonDays: DEFAULT_HORIZON_DAYS,
      efficiency: DEFAULT_EFFICIENCY_J_PER_TH,
    });
    expect(ScenarioBody.parse(body({ migration: { fraction: 0.5 } })).migration).toEqual({ fraction: 0.5, days: 30, delayDays: 0, weighting: "proportional" });
  });

  it("reads regions, presets, sites and operators in each of their forms as canonical references", () => {
    const shutdown = [
      "us-tx",
      { id: "ercot", fraction: 0.8 },
      { site: 12 },
      { site: 13, fraction: 0.5 },
      "site:14",
      { operator: " Hut 8 " },
      "op:Riot Platforms",
    ];
    expect(ScenarioBody.parse(body({ shutdown })).shutdown).toEqual([
      { id: "US-TX", fraction: 1 },
      { id: "ERCOT", fraction: 0.8 },
      { id: "site:12", fraction: 1 },
      { id: "site:13", fraction: 0.5 },
      { id: "site:14", fraction: 1 },
      { id: "op:Hut 8", fraction: 1 },
      { id: "op:Riot Platforms", fraction: 1 },
    ]);
  });

  it.each([
    [{ shutdown: [{ id: "US-TEXAS" }] }, "shutdown.0.id"],
    [{ shutdown: ["US-TX", { id: "US-TX", fraction: -0.1 }] }, "shutdown.1.fraction"],
    [{ shutdown: [{ site: 1.5 }] }, "shutdown.0.site"],
    [{ shutdown: [{ site: 0 }] }, "shutdown.0.site"],
    [{ shutdown: [{ site: "12" }] }, "shutdown.0"],
    [{ shutdown: [{ site: 12, fraction: 2 }] }, "shutdown.0.fraction"],
    [{ shutdown: [{ operator: "" }] }, "shutdown.0.operator"],
    [{ shutdown: [{ operator: "x".repeat(121) }] }, "shutdown.0.operator"],
    [{ shutdown: [{ site: 12, operator: "Hut 8" }] }, "shutdown.0"],
    [{ shutdown: [{ region: "US-TX" }] }, "shutdown.0"],
    [{ shutdown: ["site:x"] }, "shutdown.0"],
  ])("refuses %j at %s", (extra, field) => {
    expect(fieldOf(body(extra))).toBe(field);
  });

  it.each([
    [{ blocksIntoEpoch: MAX_BLOCKS_INTO_EPOCH }, "ok"],
    [{ blocksIntoEpoch: MAX_BLOCKS_INTO_EPOCH + 1 }, "blocksIntoEpoch"],
    [{ blocksIntoEpoch: 1.5 }, "blocksIntoEpoch"],
    [{ horizonDays: MAX_HORIZON_DAYS }, "ok"],
    [{ horizonDays: MAX_HORIZON_DAYS + 1 }, "horizonDays"],
    [{ horizonDays: 0 }, "horizonDays"],
    [{ efficiency: 1 }, "ok"],
    [{ efficiency: 0.999 }, "efficiency"],
    [{ efficiency: 200.001 }, "efficiency"],
    [{ shutdown: [] }, "shutdown"],
    [{ shutdown: Array.from({ length: MAX_SHUTDOWN_ITEMS }, () => "US") }, "ok"],
    [{ shutdown: Array.from({ length: MAX_SHUTDOWN_ITEMS + 1 }, () => "US") }, "shutdown"],
    [{ shutdown: [{ id: "CN", fraction: 1.5 }] }, "shutdown.0.fraction"],
    [{ shutdown: ["C"] }, "shutdown.0"],
    [{ migration: { fraction: 1, days: MAX_HORIZON_DAYS } }, "ok"],
    [{ migration: { fraction: 1, days: MAX_HORIZON_DAYS + 1 } }, "migration.days"],
    [{ migration: { fraction: 1, weighting: "teleport" } }, "migration.weighting"],
    [{ migration: { fraction: 1, destinations: ["USA"] } }, "migration.destinations.0"],
    [{ dataset: "Bad Slug" }, "dataset"],
    [{ period: "2021-13" }, "period"],
    [{ extra: true }, ""],
  ])("%j → %s", (extra, field) => {
    expect(fieldOf(body(extra))).toBe(field);
  });
});
