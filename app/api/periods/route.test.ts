import { describe, expect, it } from "vitest";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

describe("GET /api/periods", () => {
  it("lists the best estimate's months by default: CBECI to 2022-01, then the whole-network snapshots, gaps left out", async () => {
    const { status, body } = await get(GET, "/api/periods");
    expect(status).toBe(200);
    const { dataset, periods, sources } = body as { dataset: string; periods: string[]; sources: { period: string; dataset: string }[] };
    expect(dataset).toBe("best-estimate");
    expect(periods).toHaveLength(29 + 1 + 3);
    expect(periods[0]).toBe("2019-09");
    expect(periods.slice(28)).toEqual(["2022-01", "2023-11", "2025-05", "2025-07", "2025-10"]);
    expect([...periods].sort()).toEqual(periods);
    expect(sources.map((s) => s.period)).toEqual(periods);
    const from = (period: string) => sources.find((s) => s.period === period)?.dataset;
    expect([from("2019-09"), from("2022-01"), from("2023-11"), from("2025-10")]).toEqual([
      "cbeci-monthly",
      "cbeci-monthly",
      "minermetrics-2023",
      "hashrate-index-2025",
    ]);
    // The partial-coverage survey (US 75 %) never enters.
    expect(periods).not.toContain("2024-09");
  });

  it("lists CBECI's 29 months and the snapshots of the 2025 estimates, each its own source", async () => {
    const cbeci = (await get(GET, "/api/periods?dataset=cbeci-monthly")).body as { periods: string[] };
    expect(cbeci.periods).toHaveLength(29);
    expect(cbeci.periods.at(-1)).toBe("2022-01");
    const { body } = await get(GET, "/api/periods?dataset=hashrate-index-2025");
    expect(body).toEqual({
      dataset: "hashrate-index-2025",
      periods: ["2025-05", "2025-07", "2025-10"],
      sources: ["2025-05", "2025-07", "2025-10"].map((period) => ({ period, dataset: "hashrate-index-2025" })),
    });
  });

  it("answers 404 for an unknown dataset and 400 for a malformed slug", async () => {
    expectFieldError(await get(GET, "/api/periods?dataset=unknown-set"), 404, "dataset");
    expectFieldError(await get(GET, "/api/periods?dataset=..%2F..%2Fetc"), 400, "dataset", /slug/);
  });
});
