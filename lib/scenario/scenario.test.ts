import { describe, expect, it } from "vitest";
import { DEFAULT_EFFICIENCY_J_PER_TH } from "./limits";
import { type ScenarioSettings, scenarioDate, scenarioExportQuery, scenarioOf, scenarioRequest } from "./scenario";
import { ScenarioBody } from "./schema";

const settings: ScenarioSettings = {
  efficiency: DEFAULT_EFFICIENCY_J_PER_TH,
  shutdown: [
    { id: "CN", fraction: 1 },
    { id: "KZ", fraction: 0.5 },
  ],
  blocksIntoEpoch: 100,
  migration: { fraction: 0, days: 90, delayDays: 30, weighting: "proportional" },
  horizonDays: 365,
};

describe("scenario", () => {
  it("turns the settings into the simulate request, leaving out a zero migration", () => {
    expect(scenarioRequest(settings, "cbeci-monthly", "2021-05")).toEqual({
      period: "2021-05",
      dataset: "cbeci-monthly",
      shutdown: ["CN", { id: "KZ", fraction: 0.5 }],
      blocksIntoEpoch: 100,
      horizonDays: 365,
      efficiency: 28.2,
    });
  });

  it("writes regions and presets by their codes, sites and operators by their own keys", () => {
    const shutdown = [
      { id: "US-TX", fraction: 1 },
      { id: "ERCOT", fraction: 0.8 },
      { id: "site:12", fraction: 1 },
      { id: "site:13", fraction: 0.5 },
      { id: "op:Riot Platforms", fraction: 1 },
      { id: "op:Hut 8", fraction: 0.3 },
    ];
    expect(scenarioRequest({ ...settings, shutdown }, "best-estimate", "2025-06").shutdown).toEqual([
      "US-TX",
      { id: "ERCOT", fraction: 0.8 },
      { site: 12 },
      { site: 13, fraction: 0.5 },
      { operator: "Riot Platforms" },
      { operator: "Hut 8", fraction: 0.3 },
    ]);
    const query = new URLSearchParams(scenarioExportQuery({ ...settings, shutdown, migration: null }, "best-estimate", "2025-06"));
    expect(query.get("shutdown")).toBe("US-TX,ERCOT:0.8,site:12,site:13:0.5,op:Riot Platforms,op:Hut 8:0.3");
  });

  it("makes a request that the API's body schema reads back as the same scenario", () => {
    const migrating = { ...settings, migration: { fraction: 0.5, days: 90, delayDays: 30, weighting: "cheap-power" as const } };
    expect(ScenarioBody.parse(scenarioRequest(migrating, "cbeci-monthly", "2021-05"))).toEqual(scenarioOf(migrating, "cbeci-monthly", "2021-05"));
  });

  it("builds the export query once: each parameter once, every setting spelled out", () => {
    const query = new URLSearchParams(scenarioExportQuery({ ...settings, migration: null }, "cbeci-monthly", "2022-01", "json"));
    expect([...query.keys()].sort()).toEqual(["bie", "dataset", "efficiency", "format", "horizon", "period", "shutdown", "what"]);
    expect(Object.fromEntries(query)).toEqual({
      what: "scenario",
      format: "json",
      dataset: "cbeci-monthly",
      period: "2022-01",
      shutdown: "CN,KZ:0.5",
      bie: "100",
      horizon: "365",
      efficiency: "28.2",
    });
  });

  it("dates scenario days from the first day of the period", () => {
    expect(scenarioDate("2021-05", 0)).toBe("2021-05-01");
    expect(scenarioDate("2021-05", 31)).toBe("2021-06-01");
    expect(scenarioDate("2024-02", 28)).toBe("2024-02-29");
  });
});
