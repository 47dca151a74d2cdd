import { describe, expect, it } from "vitest";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

describe("GET /api/distribution", () => {
  it("returns a CBECI month with shares as fractions and EH/s", async () => {
    const { status, body } = await get(GET, "/api/distribution?period=2022-01&dataset=cbeci-monthly");
    expect(status).toBe(200);
    expect(body).toMatchObject({ period: "2022-01", dataset: "cbeci-monthly", unattributedShare: 0.0902, networkHashrateSource: "dataset" });
    const b = body as { networkHashrateEh: number; countries: { iso2: string; name: string; share: number; hashrateEh: number }[] };
    expect(b.networkHashrateEh).toBeCloseTo(187.55, 2); // the sum of CBECI's absolute figures
    expect(b.countries[0]).toEqual({ iso2: "US", name: "United States", share: 0.3784, hashrateEh: 70.97 });
    expect(b.countries.map((c) => c.iso2)).toEqual(["US", "CN", "KZ", "CA", "RU", "DE", "MY", "IE", "IR"]);
    const total = b.countries.reduce((s, c) => s + c.share, 0) + 0.0902;
    expect(total).toBeCloseTo(1, 3);
  });

  it("defaults to the best estimate's newest month, with its source and its age", async () => {
    const { body } = await get(GET, "/api/distribution");
    const now = new Date();
    const ageMonths = (now.getUTCFullYear() - 2025) * 12 + now.getUTCMonth() + 1 - 10;
    expect(body).toMatchObject({
      period: "2025-10",
      dataset: "best-estimate",
      asOf: "2025-10",
      ageMonths,
      stale: ageMonths > 6,
      source: { dataset: "hashrate-index-2025", publisher: "Hashrate Index (Luxor Technology)", retrievedAt: "2026-11-26" },
    });
    expect((body as { source: { method: string } }).source.method).toMatch(/Proprietary/);
    // The same month as the source dataset gives it: the composite copies, it does not recompute.
    const own = (await get(GET, "/api/distribution?dataset=hashrate-index-2025&period=2025-10")).body as { countries: unknown; unattributedShare: number };
    expect(body).toMatchObject({ countries: own.countries, unattributedShare: own.unattributedShare });
  });

  it("names the source of each best-estimate month and refuses a month no source covers", async () => {
    const cbeci = (await get(GET, "/api/distribution?period=2021-05")).body as { source: { dataset: string }; countries: { iso2: string; share: number }[] };
    expect(cbeci.source.dataset).toBe("cbeci-monthly");
    expect(cbeci.countries[0]).toMatchObject({ iso2: "CN", share: 0.4398 });
    const mm = (await get(GET, "/api/distribution?period=2023-11")).body as { source: { dataset: string }; countries: { iso2: string; share: number }[] };
    expect(mm.source.dataset).toBe("minermetrics-2023");
    expect(mm.countries.map((c) => c.iso2)).toEqual(["US", "CA", "KZ", "AE", "MY", "NO", "SE"]);
    // 2024-09 is the partial survey's month only: a gap in the best estimate.
    expectFieldError(await get(GET, "/api/distribution?period=2024-09"), 404, "period", /2019-09 … 2025-10/);
  });

  it("applies the shares to the newest network month with network=latest", async () => {
    const own = (await get(GET, "/api/distribution?period=2021-05&dataset=cbeci-monthly")).body as {
      networkHashrateEh: number;
      networkHashratePeriod: string;
      countries: { iso2: string; share: number; hashrateEh: number }[];
    };
    const latest = (await get(GET, "/api/distribution?period=2021-05&dataset=cbeci-monthly&network=latest")).body as typeof own & {
      networkHashrateSource: string;
      period: string;
    };
    expect(own.networkHashratePeriod).toBe("2021-05");
    expect(latest).toMatchObject({ period: "2021-05", networkHashrateSource: "latest-network" });
    expect(latest.networkHashratePeriod > "2026-04").toBe(true);
    expect(latest.networkHashrateEh).toBeGreaterThan(4 * own.networkHashrateEh);
    expect(latest.countries.map((c) => c.share)).toEqual(own.countries.map((c) => c.share));
    const cn = latest.countries.find((c) => c.iso2 === "CN");
    expect(cn?.hashrateEh).toBeCloseTo(0.4398 * latest.networkHashrateEh, 5);
    expectFieldError(await get(GET, "/api/distribution?network=today"), 400, "network");
  });

  it("takes the network hashrate from network-monthly where the dataset has no absolute totals", async () => {
    const { status, body } = await get(GET, "/api/distribution?dataset=hashrate-index-2025&period=2025-05");
    expect(status).toBe(200);
    const b = body as {
      networkHashrateEh: number;
      networkHashrateSource: string;
      unattributedShare: number;
      countries: { iso2: string; share: number; hashrateEh: number }[];
    };
    expect(b.networkHashrateSource).toBe("network");
    expect(b.networkHashrateEh).toBeGreaterThan(700);
    expect(b.unattributedShare).toBeCloseTo(1 - (36.025 + 15.652 + 13.727 + 3.602 + 2.919 + 2.484) / 100, 9);
    const us = b.countries.find((c) => c.iso2 === "US");
    expect(us?.hashrateEh).toBeCloseTo(0.36025 * b.networkHashrateEh, 3);
  });

  it("answers 404 naming the period when the month has no data", async () => {
    expectFieldError(await get(GET, "/api/distribution?period=2030-01&dataset=cbeci-monthly"), 404, "period", /2019-09 … 2022-01/);
  });

  it.each(["2022-13", "2022-1", "22-01", "2022-01-01", "", "'; DROP TABLE Country;--"])("answers 400 naming period for %j", async (period) => {
    expectFieldError(await get(GET, `/api/distribution?period=${encodeURIComponent(period)}`), 400, "period", /YYYY-MM/);
  });

  it("answers 404 for an unknown dataset and 400 for a malformed one or one without shares", async () => {
    expectFieldError(await get(GET, "/api/distribution?dataset=nope"), 404, "dataset", /does not exist/);
    expectFieldError(await get(GET, "/api/distribution?dataset=Bad%20Slug"), 400, "dataset");
    expectFieldError(await get(GET, "/api/distribution?dataset=mining-sites"), 400, "dataset", /holds sites/);
  });

  it("rejects a repeated parameter instead of guessing", async () => {
    expectFieldError(await get(GET, "/api/distribution?period=2022-01&period=2021-01"), 400, "period", /more than once/);
  });
});
