import { describe, expect, it } from "vitest";
import { DEFAULTS, type DashboardState } from "./url-state-core";
import { retargetSummary, scenarioDate, scenarioRequest } from "./scenario";

const state: DashboardState = {
  dataset: "cbeci-monthly",
  period: "2021-05",
  layer: "share",
  country: null,
  view: null,
  efficiency: DEFAULTS.efficiency,
  btcPrice: DEFAULTS.btcPrice,
  shutdown: [
    { id: "CN", fraction: 1 },
    { id: "KZ", fraction: 0.5 },
  ],
  simulate: true,
  blocksIntoEpoch: 100,
  migration: { fraction: 0, days: 90, delayDays: 30, weighting: "proportional" },
  horizonDays: 365,
};

describe("scenario view", () => {
  it("turns the URL state into the simulate request, leaving out a zero migration", () => {
    expect(scenarioRequest(state, "cbeci-monthly", "2021-05")).toEqual({
      period: "2021-05",
      dataset: "cbeci-monthly",
      shutdown: ["CN", { id: "KZ", fraction: 0.5 }],
      blocksIntoEpoch: 100,
      horizonDays: 365,
      efficiency: 28.2,
    });
  });

  it("dates scenario days from the first day of the period", () => {
    expect(scenarioDate("2021-05", 0)).toBe("2021-05-01");
    expect(scenarioDate("2021-05", 31)).toBe("2021-06-01");
    expect(scenarioDate("2024-02", 28)).toBe("2024-02-29");
  });

  it.each([
    [[], "none"],
    [[{ difficultyChange: -0.3 }], "1: -30.00%"],
    [[{ difficultyChange: -0.3 }, { difficultyChange: 0 }, { difficultyChange: 0.00001 }], "3: -30.00%, and 2 more within ±0.1 %"],
  ])("summarises retargets %j as %s", (retargets, text) => {
    expect(retargetSummary(retargets)).toBe(text);
  });
});
