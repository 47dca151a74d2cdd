import { describe, expect, it } from "vitest";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

type Metrics = {
  period: string;
  dataset: string;
  basis: string;
  hhi: number;
  hhiUpper: number;
  nakamoto: number | null;
  concentration: string;
  topCountry: string;
  top1: number;
  unattributedShare: number;
  networkHashrateEh: number;
  kwhPerBtc: number;
  blockSubsidyBtc: number;
  countries: {
    iso2: string;
    share: number;
    hashrateEh: number;
    powerPrice: { priceType: string; usdPerKwh: number; period: string } | null;
    energyCostPerBtcUsd: number | null;
  }[];
  powerPrices: { iso2: string; powerPrice: { priceType: string; usdPerKwh: number; period: string }; energyCostPerBtcUsd: number | null }[];
  sites?: { sitesCounted: number; capacityConvertedShare: number };
};

describe("GET /api/metrics", () => {
  it("computes CBECI 2019-09: China 75.5 %, nakamoto 1, highly concentrated", async () => {
    const { status, body } = await get(GET, "/api/metrics?period=2019-09&dataset=cbeci-monthly");
    expect(status).toBe(200);
    const m = body as Metrics;
    expect(m).toMatchObject({ period: "2019-09", dataset: "cbeci-monthly", basis: "estimate", nakamoto: 1, concentration: "high", topCountry: "CN" });
    // The best estimate takes 2019-09 from CBECI: the same metrics, with the source named.
    const best = (await get(GET, "/api/metrics?period=2019-09")).body as Metrics & { source: { dataset: string } };
    expect(best).toMatchObject({ dataset: "best-estimate", hhi: m.hhi, nakamoto: 1, source: { dataset: "cbeci-monthly" } });
    expect(m.top1).toBeCloseTo(75.53 / 99.99, 9);
    expect(m.hhi).toBeCloseTo(5775.1, 1);
    expect(m.blockSubsidyBtc).toBe(12.5);
  });

  it("gives each country its share, EH/s, a comparable power price and the energy cost per BTC", async () => {
    const m = (await get(GET, "/api/metrics?period=2022-01")).body as Metrics;
    const us = m.countries.find((c) => c.iso2 === "US");
    // EIA's industrial price for January 2022 is the comparable one for that month.
    expect(us?.powerPrice).toMatchObject({ priceType: "industrial", usdPerKwh: 0.073, period: "2022-01" });
    // kWh/BTC = H_TH · ε · 600 / 3.6e6 / subsidy; at the default 28.2 J/TH and 6.25 BTC.
    const kwh = (m.networkHashrateEh * 1e6 * 28.2 * 600) / 3.6e6 / 6.25;
    expect(m.kwhPerBtc).toBeCloseTo(kwh, 3);
    expect(us?.energyCostPerBtcUsd).toBeCloseTo(kwh * 0.073, 3);
    expect(m.countries.reduce((s, c) => s + c.share, m.unattributedShare)).toBeCloseTo(1, 9);
  });

  it("lists the price and cost per BTC of every country with a price, with a share or not, as the country rows give them", async () => {
    const m = (await get(GET, "/api/metrics?period=2022-01&efficiency=20")).body as Metrics;
    // Norway has a price on record but no CBECI share: the price map still paints it.
    expect(m.countries.some((c) => c.iso2 === "NO")).toBe(false);
    const no = m.powerPrices.find((p) => p.iso2 === "NO");
    expect(no?.powerPrice).toMatchObject({ priceType: "industrial", usdPerKwh: 0.0478 });
    expect(no?.energyCostPerBtcUsd).toBeCloseTo(m.kwhPerBtc * 0.0478, 6);
    for (const c of m.countries) {
      const p = m.powerPrices.find((x) => x.iso2 === c.iso2);
      expect(p?.powerPrice ?? null).toEqual(c.powerPrice);
      expect(p?.energyCostPerBtcUsd ?? null).toBe(c.energyCostPerBtcUsd);
    }
    expect(m.powerPrices.map((p) => p.iso2)).toEqual(m.powerPrices.map((p) => p.iso2).sort());
  });

  it("scales energy with the efficiency parameter", async () => {
    const a = (await get(GET, "/api/metrics?period=2022-01&efficiency=20")).body as Metrics;
    const b = (await get(GET, "/api/metrics?period=2022-01&efficiency=40")).body as Metrics;
    expect(b.kwhPerBtc / a.kwhPerBtc).toBeCloseTo(2, 9);
  });

  it("serves basis=sites from operating mining sites, reporting how much capacity was converted", async () => {
    const { status, body } = await get(GET, "/api/metrics?basis=sites&period=2025-07&efficiency=20");
    expect(status).toBe(200);
    const m = body as Metrics;
    expect(m).toMatchObject({ basis: "sites", dataset: "mining-sites", period: "2025-07", topCountry: "US" });
    expect(m.sites?.sitesCounted).toBeGreaterThan(50);
    expect(m.sites?.capacityConvertedShare).toBeGreaterThan(0);
    expect(m.sites?.capacityConvertedShare).toBeLessThanOrEqual(1);
    expect(m.unattributedShare).toBeGreaterThan(0.5); // the named sites are a fraction of ~900 EH/s
  });

  it.each([
    ["period=2019-13", "period", 400],
    ["period=2030-01", "period", 404],
    ["basis=guess", "basis", 400],
    ["efficiency=abc", "efficiency", 400],
    ["efficiency=0", "efficiency", 400],
    ["efficiency=Infinity", "efficiency", 400],
    ["efficiency=1e400", "efficiency", 400],
    ["dataset=no-such", "dataset", 404],
    ["basis=sites&dataset=cbeci-monthly", "dataset", 400],
    ["basis=sites&period=1999-01", "period", 404],
  ])("answers %s with %s %i", async (query, field, status) => {
    expectFieldError(await get(GET, `/api/metrics?${query}`), status, field);
  });
});
