import { describe, expect, it } from "vitest";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

type Summary = {
  slug: string;
  kind: string;
  origin: string;
  coverage: string;
  url: string;
  licence: string;
  retrievedAt: string;
  rows: number;
  periods: string[];
};

describe("GET /api/datasets", () => {
  it("lists every seeded dataset with its provenance", async () => {
    const { status, body } = await get(GET, "/api/datasets");
    expect(status).toBe(200);
    const datasets = (body as { datasets: Summary[] }).datasets;
    expect(datasets.map((d) => d.slug).sort()).toEqual(
      [
        "best-estimate",
        "blocs",
        "cbeci-monthly",
        "ccaf-survey-2024",
        "difficulty-adjustments",
        "eia-us-industrial-monthly",
        "electricity-prices",
        "hashrate-index-2025",
        "minermetrics-2023",
        "mining-sites",
        "network-events",
        "network-monthly",
        "shock-events",
        "shock-observations",
        "subnational-2022-2026",
        "subnational-cn-provinces",
        "subnational-us-states",
      ].sort(),
    );
    for (const d of datasets) {
      // The best estimate is ours: its provenance is the methodology's ranking, and each month names its source.
      expect(d.url, d.slug).toMatch(d.origin === "composite" ? /^\/methodology#best-estimate$/ : /^https?:\/\//);
      expect(d.licence.length, d.slug).toBeGreaterThan(5);
      expect(d.retrievedAt, d.slug).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(d.rows, d.slug).toBeGreaterThan(0);
    }
    expect(datasets.find((d) => d.slug === "cbeci-monthly")).toMatchObject({ kind: "shares", rows: 290 });
    expect(datasets.find((d) => d.slug === "cbeci-monthly")?.periods).toHaveLength(29);
    expect(datasets.find((d) => d.slug === "ccaf-survey-2024")).toMatchObject({ coverage: "partial", origin: "seed" });
    expect(datasets.find((d) => d.slug === "subnational-2022-2026")).toMatchObject({ kind: "subnational", rows: 11, periods: [] });
    expect(datasets.find((d) => d.slug === "best-estimate")).toMatchObject({ kind: "shares", origin: "composite", coverage: "network" });
    expect(datasets.find((d) => d.slug === "best-estimate")?.periods.at(-1)).toBe("2025-10");
  });

  it("filters by kind and rejects an unknown kind", async () => {
    const { body } = await get(GET, "/api/datasets?kind=shares");
    expect((body as { datasets: Summary[] }).datasets.map((d) => d.slug).sort()).toEqual([
      "best-estimate",
      "cbeci-monthly",
      "ccaf-survey-2024",
      "hashrate-index-2025",
      "minermetrics-2023",
    ]);
    expectFieldError(await get(GET, "/api/datasets?kind=gold"), 400, "kind");
  });
});
