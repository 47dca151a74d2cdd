import { describe, expect, it } from "vitest";
import { ExportQuery } from "../validation/export";
import { apiUrls } from "./api-urls";
import { DEFAULTS } from "./url-state-core";

/** The query of a built link, each key with every value it was given. */
function query(url: string): Record<string, string[]> {
  const params = new URL(url, "http://app.invalid").searchParams;
  return Object.fromEntries([...new Set(params.keys())].map((k) => [k, params.getAll(k)]));
}

const scenario = {
  shutdown: [
    { id: "EAEU", fraction: 1 },
    { id: "US", fraction: 0.5 },
  ],
  migration: { fraction: 0.5, days: 90, delayDays: 30, weighting: "cheap-power" as const },
  blocksIntoEpoch: 1000,
  horizonDays: 365,
  efficiency: DEFAULTS.efficiency,
};

describe("download links", () => {
  it("a scenario CSV names each parameter once, in /api/export's grammar", () => {
    const url = apiUrls.scenarioCsv(scenario, "cbeci-monthly", "2021-06");
    expect(query(url)).toEqual({
      what: ["scenario"],
      format: ["csv"],
      dataset: ["cbeci-monthly"],
      period: ["2021-06"],
      shutdown: ["EAEU,US:0.5"],
      migrate: ["0.5,90,30,cheap-power"],
      bie: ["1000"],
      horizon: ["365"],
      efficiency: ["28.2"],
    });
    const parsed = ExportQuery.parse(Object.fromEntries(new URL(url, "http://app.invalid").searchParams));
    expect(parsed).toMatchObject({ what: "scenario", period: "2021-06", bie: 1000, horizon: 365, efficiency: 28.2 });
  });

  it("leaves migration out when none is set", () => {
    expect(query(apiUrls.scenarioCsv({ ...scenario, migration: null }, "cbeci-monthly", "2022-01")).migrate).toBeUndefined();
  });

  it.each([
    ["csv", { format: ["csv"] }],
    ["json", { format: ["json"] }],
    ["metadata", { format: ["csv"], metadata: ["1"] }],
  ] as const)("an export as %s", (file, expected) => {
    const url = apiUrls.export("distribution", { dataset: "cbeci-monthly", period: "2022-01", format: "json" }, file);
    expect(query(url)).toEqual({ what: ["distribution"], dataset: ["cbeci-monthly"], period: ["2022-01"], ...expected });
    expect(ExportQuery.safeParse(Object.fromEntries(new URL(url, "http://app.invalid").searchParams)).success).toBe(true);
  });
});
