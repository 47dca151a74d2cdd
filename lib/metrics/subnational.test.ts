import { describe, expect, it } from "vitest";
import { MetricsError } from "./errors";
import { siteSizeEh } from "./sites-basis";
import { regionLoss, shareOfNetworkOf, sitesCoverage, sitesLoss, sitesShareOfCountry } from "./subnational";

// The formulas, each with what the API states beside it (basis, coverage).

describe("a region's lost share = its shareOfNetwork × fraction", () => {
  it.each([
    // Texas at 28.5 % of the US (Foundry, 2023) with the US at 38 %: 10.83 % of the network.
    { countryShare: 0.38, shareOfCountry: 0.285, fraction: 0.8, basis: "published" as const, shareOfNetwork: 0.1083, lostShare: 0.08664 },
    { countryShare: 0.38, shareOfCountry: 0.285, fraction: 1, basis: "sites" as const, shareOfNetwork: 0.1083, lostShare: 0.1083 },
    { countryShare: 0.38, shareOfCountry: 0, fraction: 1, basis: "sites" as const, shareOfNetwork: 0, lostShare: 0 },
    { countryShare: 0, shareOfCountry: 0.5, fraction: 1, basis: "published" as const, shareOfNetwork: 0, lostShare: 0 },
    { countryShare: 1, shareOfCountry: 1, fraction: 1, basis: "published" as const, shareOfNetwork: 1, lostShare: 1 },
  ])("$countryShare × $shareOfCountry × $fraction ($basis) → $lostShare", ({ shareOfNetwork, lostShare, ...x }) => {
    expect(regionLoss(x)).toEqual({ basis: x.basis, shareOfNetwork: expect.closeTo(shareOfNetwork, 12), lostShare: expect.closeTo(lostShare, 12) });
  });

  it.each([
    [{ countryShare: 1.2, shareOfCountry: 0.5, fraction: 1 }, "invalid-parameter"],
    [{ countryShare: 0.3, shareOfCountry: -0.1, fraction: 1 }, "invalid-parameter"],
    [{ countryShare: 0.3, shareOfCountry: 0.5, fraction: 1.01 }, "invalid-fraction"],
    [{ countryShare: NaN, shareOfCountry: 0.5, fraction: 1 }, "invalid-parameter"],
  ])("refuses %j", (x, code) => {
    expect(() => regionLoss({ ...x, basis: "published" })).toThrow(expect.objectContaining({ code }));
  });
});

describe("sites: their capacity ÷ the country's sited capacity × the country's share, with the coverage", () => {
  it.each([
    // 1 GW of Texas sites at 28.2 J/TH (35.46 EH/s) of 200 EH/s sited in the US, the US at 38 % of 900 EH/s.
    {
      x: { sitesEh: 1000 / 28.2, countrySitedEh: 200, countryShare: 0.38, networkHashrateEh: 900, fraction: 1 },
      shareOfCountry: 1000 / 28.2 / 200,
      lostShare: (1000 / 28.2 / 200) * 0.38,
      coverage: 200 / 342,
    },
    {
      x: { sitesEh: 10, countrySitedEh: 40, countryShare: 0.5, networkHashrateEh: 100, fraction: 0.5 },
      shareOfCountry: 0.25,
      lostShare: 0.0625,
      coverage: 0.8,
    },
    // Sites larger than the country's estimate: coverage above 1, said as it is.
    { x: { sitesEh: 10, countrySitedEh: 60, countryShare: 0.5, networkHashrateEh: 100, fraction: 1 }, shareOfCountry: 1 / 6, lostShare: 1 / 12, coverage: 1.2 },
    { x: { sitesEh: 10, countrySitedEh: 40, countryShare: 0.5, networkHashrateEh: null, fraction: 1 }, shareOfCountry: 0.25, lostShare: 0.125, coverage: null },
    { x: { sitesEh: 0, countrySitedEh: 0, countryShare: 0.5, networkHashrateEh: 100, fraction: 1 }, shareOfCountry: 0, lostShare: 0, coverage: 0 },
    { x: { sitesEh: 0, countrySitedEh: 0, countryShare: 0, networkHashrateEh: 100, fraction: 1 }, shareOfCountry: 0, lostShare: 0, coverage: null },
  ])("$x → $lostShare (coverage $coverage)", ({ x, shareOfCountry, lostShare, coverage }) => {
    expect(sitesLoss(x)).toEqual({
      basis: "sites",
      shareOfCountry: expect.closeTo(shareOfCountry, 12),
      shareOfNetwork: expect.closeTo(shareOfCountry * x.countryShare, 12),
      lostShare: expect.closeTo(lostShare, 12),
      coverage: coverage === null ? null : expect.closeTo(coverage, 12),
    });
  });

  it("refuses sites larger than their country's sited total, and negative sizes", () => {
    expect(() => sitesShareOfCountry(50, 40)).toThrow(MetricsError);
    expect(() => sitesShareOfCountry(-1, 40)).toThrow(MetricsError);
    expect(() => sitesCoverage({ countrySitedEh: 1, countryShare: 0.5, networkHashrateEh: -5 })).toThrow(MetricsError);
    expect(sitesShareOfCountry(40, 40)).toBe(1);
  });

  it("measures a site as the country sums do: stated EH/s, else MW ÷ J/TH, and only while operating", () => {
    const site = (status: string, hashrateEh: number | null, capacityMw: number | null) => ({ countryIso2: "US", status, hashrateEh, capacityMw });
    expect(siteSizeEh(site("operating", 1.3, 40), 25)).toBe(1.3);
    expect(siteSizeEh(site("operating", null, 700), 28)).toBe(25);
    expect(siteSizeEh(site("operating", null, null), 28)).toBe(0);
    expect(siteSizeEh(site("converted", null, 104), 28)).toBe(0);
    expect(siteSizeEh(site("closed", 2, null), 28)).toBe(0);
  });

  it("a part's share of the network is the country's share × the part's share of it", () => {
    expect(shareOfNetworkOf(0.38, 0.5)).toBeCloseTo(0.19, 12);
  });
});
