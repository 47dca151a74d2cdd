import { describe, expect, it } from "vitest";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

type Summary = { slug: string; kind: string; url: string; licence: string; retrievedAt: string; rows: number; periods: string[] };

describe("GET /api/datasets", () => {
  it("lists every seeded dataset with its provenance", async () => {
    const { status, body } = await get(GET, "/api/datasets");
    expect(status).toBe(200);
    const datasets = (body as { datasets: Summary[] }).datasets;
    expect(datasets.map((d) => d.slug).sort()).toEqual(
      [
        "blocs",
        "cbeci-monthly",
        "ccaf-survey-2024",
        "difficulty-adjustments",
        "eia-us-industrial-monthly",
        "electricity-prices",
        "hashrate-index-2025",
        "mining-sites",
        "network-events",
        "network-monthly",
        "shock-events",
      ].sort(),
    );
    for (const d of datasets) {
      expect(d.url, d.slug).toMatch(/^https?:\/\//);
      expect(d.licence.length, d.slug).toBeGreaterThan(5);
      expect(d.retrievedAt, d.slug).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(d.rows, d.slug).toBeGreaterThan(0);
    }
    expect(datasets.find((d) => d.slug === "cbeci-monthly")).toMatchObject({ kind: "shares", rows: 290 });
    expect(datasets.find((d) => d.slug === "cbeci-monthly")?.periods).toHaveLength(29);
  });

  it("filters by kind and rejects an unknown kind", async () => {
    const { body } = await get(GET, "/api/datasets?kind=shares");
    expect((body as { datasets: Summary[] }).datasets.map((d) => d.slug).sort()).toEqual(["cbeci-monthly", "ccaf-survey-2024", "hashrate-index-2025"]);
    expectFieldError(await get(GET, "/api/datasets?kind=gold"), 400, "kind");
  });
});
