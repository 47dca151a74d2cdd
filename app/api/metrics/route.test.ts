import { describe, expect, it } from "vitest";
import { MetricsResponse } from "@/lib/validation/responses";
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

  // Recorded from the answers before basis=sites was summed in SQL (every site loaded and filtered in
  // JavaScript): the same figures, to 12 significant digits, now that the database adds them up.
  it.each([
    {
      query: "period=2025-07&efficiency=20",
      before: {
        unattributedShare: 0.6704747286481747,
        hhi: 705.1448456841276,
        hhiUpper: 5200.508463242562,
        effectiveJurisdictions: 14.18148350825433,
        nakamoto: null,
        top1: 0.2642692687205351,
        top3: 0.29211709242407635,
        entropyBits: 0.9478744159038622,
        sites: { sitesEh: 300.55999999999995, sitesCounted: 56, sitesWithoutSize: 35, capacityConvertedShare: 0.9841795315411233 },
        countries: [
          ["US", 0.2642692687205351, 241.04000000000005],
          ["CA", 0.01414318605416073, 12.900000000000002],
          ["AE", 0.013704637649380551, 12.500000000000002],
          ["ET", 0.011018528670101965, 10.050000000000002],
          ["KZ", 0.00822278258962833, 7.5],
          ["RU", 0.007126411577677887, 6.500000000000001],
          ["PY", 0.005865584913934876, 5.3500000000000005],
          ["BT", 0.0036180243394364655, 3.3000000000000003],
          ["SE", 0.000844205679201842, 0.7700000000000001],
          ["OM", 0.0006030040565727443, 0.55],
          ["FI", 0.00010963710119504442, 0.10000000000000002],
        ],
      },
    },
    {
      // The sites add up to more than the month's network: shares are of the sites' total, nothing unattributed.
      query: "period=2021-05&efficiency=35",
      before: {
        unattributedShare: 0,
        hhi: 6395.796124449425,
        hhiUpper: 6395.796124449425,
        effectiveJurisdictions: 1.563527011402484,
        nakamoto: 1,
        top1: 0.7957714929244023,
        top3: 0.8792894398296761,
        entropyBits: 1.3137387467782005,
        sites: { sitesEh: 173.78642857142853, sitesCounted: 56, sitesWithoutSize: 35, capacityConvertedShare: 0.9726388300911218 },
        countries: [
          ["US", 0.7957714929244023, 127.800901763659],
          ["CA", 0.042416595081812246, 6.812105170139047],
          ["AE", 0.04110135182346148, 6.600877102847914],
          ["ET", 0.03304548686606302, 5.307105190689721],
          ["KZ", 0.024660811094076886, 3.9605262617087478],
          ["RU", 0.02137270294819997, 3.432456093480915],
          ["BT", 0.018988824542439203, 3.0496052215157357],
          ["PY", 0.017591378580441512, 2.8251754000189067],
          ["SE", 0.0029140858442834186, 0.468002186591917],
          ["OM", 0.001808459480232305, 0.2904385925253082],
          ["FI", 0.0003288108145876918, 0.052807016822783305],
        ],
      },
    },
  ])("basis=sites gives the seed the same figures as before: $query", async ({ query, before }) => {
    const m = MetricsResponse.parse((await get(GET, `/api/metrics?basis=sites&${query}`)).body);
    const close = (actual: number | null | undefined, expected: number | null, what: string) => {
      if (expected === null) expect(actual, what).toBeNull();
      else expect(Math.abs((actual ?? NaN) - expected), what).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
    };
    for (const key of ["unattributedShare", "hhi", "hhiUpper", "effectiveJurisdictions", "nakamoto", "top1", "top3", "entropyBits"] as const)
      close(m[key], before[key], key);
    expect(m.sites).toMatchObject({ sitesCounted: before.sites.sitesCounted, sitesWithoutSize: before.sites.sitesWithoutSize });
    close(m.sites?.sitesEh, before.sites.sitesEh, "sitesEh");
    close(m.sites?.capacityConvertedShare, before.sites.capacityConvertedShare, "capacityConvertedShare");
    expect(m.countries.map((c) => c.iso2)).toEqual(before.countries.map(([iso2]) => iso2));
    for (const [i, [iso2, share, eh]] of before.countries.entries()) {
      close(m.countries[i]?.share, share as number, `${String(iso2)} share`);
      close(m.countries[i]?.hashrateEh, eh as number, `${String(iso2)} EH/s`);
    }
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
