import { describe, expect, it } from "vitest";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

type Row = {
  period: string;
  hhi: number;
  nakamoto: number | null;
  top1: number;
  topCountry: string;
  networkHashrateEh: number;
  effectiveJurisdictions: number;
};

describe("GET /api/metrics/series", () => {
  it("has one row per CBECI month, showing the 2021 China ban", async () => {
    const { status, body } = await get(GET, "/api/metrics/series?dataset=cbeci-monthly");
    expect(status).toBe(200);
    const rows = (body as { rows: Row[] }).rows;
    expect(rows).toHaveLength(29);
    const byPeriod = new Map(rows.map((r) => [r.period, r]));
    expect(byPeriod.get("2019-09")).toMatchObject({ nakamoto: 1, topCountry: "CN" });
    // China at 0 % in July 2021: the United States lead and concentration drops.
    expect(byPeriod.get("2021-07")?.topCountry).toBe("US");
    expect(byPeriod.get("2021-07")?.hhi).toBeLessThan(byPeriod.get("2021-05")?.hhi ?? 0);
    expect(byPeriod.get("2022-01")?.networkHashrateEh).toBeCloseTo(187.55, 2);
  });

  it("follows the best estimate by default: CBECI to 2022-01, then each snapshot with its source, months without one absent", async () => {
    const rows = ((await get(GET, "/api/metrics/series")).body as { rows: (Row & { source: string; ageMonths: number })[] }).rows;
    expect(rows.map((r) => r.period).slice(-5)).toEqual(["2022-01", "2023-11", "2025-05", "2025-07", "2025-10"]);
    expect(rows.slice(-5).map((r) => r.source)).toEqual([
      "cbeci-monthly",
      "minermetrics-2023",
      "hashrate-index-2025",
      "hashrate-index-2025",
      "hashrate-index-2025",
    ]);
    expect(rows.at(-1)?.topCountry).toBe("US");
    expect(rows.at(-1)?.ageMonths).toBe((rows.at(-2)?.ageMonths ?? 0) - 3);
  });

  it("answers 404 for an unknown dataset and 400 for a dataset without shares", async () => {
    expectFieldError(await get(GET, "/api/metrics/series?dataset=unknown"), 404, "dataset");
    expectFieldError(await get(GET, "/api/metrics/series?dataset=blocs"), 400, "dataset");
  });
});
