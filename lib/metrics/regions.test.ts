import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_EFFICIENCY_J_PER_TH } from "./energy";
import { coverageOf, hasSitesBasis, type RegionSite, sitesRegions, sitesSummary } from "./regions";

// The sites basis of /api/regions: each region's operating sites over the country's sited total, the
// sites placed nowhere as the "unlocated" remainder, and what share of the country the sites cover.

const site = (regionCode: string | null, x: Partial<RegionSite> = {}): RegionSite => ({
  regionCode,
  regionMethod: regionCode === null ? null : "polygon",
  status: "operating",
  capacityMw: null,
  hashrateEh: null,
  ...x,
});

const names = (code: string) => `name of ${code}`;
const E = DEFAULT_EFFICIENCY_J_PER_TH;

describe("sitesRegions", () => {
  it.each([
    {
      what: "a stated EH/s counts as stated; a capacity is MW ÷ J/TH",
      sites: [site("US-TX", { hashrateEh: 3 }), site("US-GA", { capacityMw: 28.2 * 1 }), site(null, { hashrateEh: 1 })],
      countryShare: 0.4,
      regions: [
        { code: "US-TX", shareOfCountry: 3 / 5, shareOfNetwork: (0.4 * 3) / 5, hashrateEh: 3, capacityMw: 0, sites: 1 },
        { code: "US-GA", shareOfCountry: 1 / 5, shareOfNetwork: 0.4 / 5, hashrateEh: 1, capacityMw: 28.2, sites: 1 },
      ],
      remainder: { shareOfCountry: 1 / 5, hashrateEh: 1, sites: 1 },
    },
    {
      what: "only operating sites count; a sizeless operating site is counted as a site of size 0",
      sites: [
        site("US-TX", { capacityMw: 282 }),
        site("US-TX", { capacityMw: 1000, status: "planned" }),
        site("US-NY", { capacityMw: 500, status: "closed" }),
        site("US-KY"),
      ],
      countryShare: null,
      regions: [
        { code: "US-TX", shareOfCountry: 1, shareOfNetwork: null, hashrateEh: 10, capacityMw: 282, sites: 1 },
        { code: "US-KY", shareOfCountry: 0, shareOfNetwork: null, hashrateEh: 0, capacityMw: 0, sites: 1 },
      ],
      remainder: { shareOfCountry: 0, hashrateEh: 0, sites: 0 },
    },
    {
      what: "equal shares are listed by code",
      sites: [site("CA-QC", { hashrateEh: 2 }), site("CA-AB", { hashrateEh: 2 }), site("CA-AB", { hashrateEh: 0 })],
      countryShare: 0.03,
      regions: [
        { code: "CA-AB", shareOfCountry: 0.5, shareOfNetwork: 0.015, hashrateEh: 2, capacityMw: 0, sites: 2 },
        { code: "CA-QC", shareOfCountry: 0.5, shareOfNetwork: 0.015, hashrateEh: 2, capacityMw: 0, sites: 1 },
      ],
      remainder: { shareOfCountry: 0, hashrateEh: 0, sites: 0 },
    },
  ])("$what", ({ sites, countryShare, regions, remainder }) => {
    const answer = sitesRegions({ sites, efficiencyJPerTh: E, dataset: "mining-sites", countryShare, regionName: names });
    expect(answer.regions).toHaveLength(regions.length);
    regions.forEach((want, i) => {
      const got = answer.regions[i];
      expect(got).toMatchObject({ code: want.code, name: `name of ${want.code}`, sites: want.sites, source: { basis: "sites", dataset: "mining-sites" } });
      expect(got?.shareOfCountry).toBeCloseTo(want.shareOfCountry, 12);
      if (want.shareOfNetwork === null) expect(got?.shareOfNetwork).toBeNull();
      else expect(got?.shareOfNetwork).toBeCloseTo(want.shareOfNetwork, 12);
      expect(got?.hashrateEh).toBeCloseTo(want.hashrateEh, 12);
      expect(got?.capacityMw).toBeCloseTo(want.capacityMw, 12);
    });
    expect(answer.remainder).toMatchObject({ kind: "unlocated", sites: remainder.sites });
    expect(answer.remainder.shareOfCountry).toBeCloseTo(remainder.shareOfCountry, 12);
    expect(answer.remainder.hashrateEh).toBeCloseTo(remainder.hashrateEh, 12);
  });

  it("says how each region's sites were placed", () => {
    const { regions } = sitesRegions({
      sites: [site("US-TX", { hashrateEh: 1 }), site("US-TX", { hashrateEh: 1, regionMethod: "address" }), site("US-TX", { hashrateEh: 1 })],
      efficiencyJPerTh: E,
      dataset: "mining-sites",
      countryShare: 0.38,
      regionName: names,
    });
    expect(regions[0]?.source).toEqual({ basis: "sites", dataset: "mining-sites", placedByPolygon: 2, placedByAddress: 1 });
  });

  const sitesArb = fc.array(
    fc.record({
      regionCode: fc.constantFrom(null, "US-TX", "US-GA", "US-NY", "US-KY"),
      regionMethod: fc.constantFrom("polygon" as const, "address" as const),
      status: fc.constantFrom("operating", "operating", "planned", "closed"),
      capacityMw: fc.option(fc.double({ min: 0, max: 2000, noNaN: true })),
      hashrateEh: fc.option(fc.double({ min: 0, max: 50, noNaN: true })),
    }),
    { maxLength: 40 },
  );

  it("never drops a site: the regions and the unlocated remainder add up to the country's sites, and to 1", () => {
    fc.assert(
      fc.property(sitesArb, fc.option(fc.double({ min: 0, max: 1, noNaN: true })), (sites, countryShare) => {
        const summary = sitesSummary(sites, E, "mining-sites");
        const { regions, remainder } = sitesRegions({ sites, efficiencyJPerTh: E, dataset: "mining-sites", countryShare, regionName: names });
        const parts = [...regions, remainder];
        expect(parts.reduce((n, r) => n + (r.sites ?? 0), 0)).toBe(summary.operatingSites);
        expect(parts.reduce((n, r) => n + (r.hashrateEh ?? 0), 0)).toBeCloseTo(summary.sitedEh, 9);
        expect(parts.reduce((n, r) => n + (r.capacityMw ?? 0), 0)).toBeCloseTo(summary.capacityMw, 9);
        if (summary.sitedEh > 0) expect(parts.reduce((s, r) => s + r.shareOfCountry, 0)).toBeCloseTo(1, 9);
        for (const r of parts) {
          expect(r.shareOfCountry).toBeGreaterThanOrEqual(0);
          expect(r.shareOfCountry).toBeLessThanOrEqual(1);
          if (countryShare === null) expect(r.shareOfNetwork).toBeNull();
          else expect(r.shareOfNetwork).toBeCloseTo(countryShare * r.shareOfCountry, 12);
        }
        for (let i = 1; i < regions.length; i++) expect((regions[i - 1]?.shareOfCountry ?? 0) >= (regions[i]?.shareOfCountry ?? 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("sitesSummary, hasSitesBasis and coverageOf", () => {
  it.each([
    // 2 EH/s stated + 282 MW (10 EH/s) located, 1 EH/s unlocated; the country at 10 % of 200 EH/s = 20 EH/s.
    {
      sites: [site("US-TX", { hashrateEh: 2 }), site("US-GA", { capacityMw: 282 }), site(null, { hashrateEh: 1 }), site("US-NY")],
      countryShare: 0.1,
      network: 200,
      want: { operatingSites: 4, sitesWithoutSize: 1, capacityMw: 282, sitedEh: 13, locatedEh: 12 },
      basis: true,
      coverage: 13 / 20,
    },
    // Only unlocated capacity: the sites cannot say how the country divides.
    { sites: [site(null, { hashrateEh: 5 })], countryShare: 0.1, network: 100, want: { sitedEh: 5, locatedEh: 0 }, basis: false, coverage: 0.5 },
    {
      sites: [site("US-TX", { status: "planned", hashrateEh: 5 })],
      countryShare: 0.1,
      network: 100,
      want: { operatingSites: 0, sitedEh: 0 },
      basis: false,
      coverage: 0,
    },
    { sites: [site("US-TX", { hashrateEh: 5 })], countryShare: null, network: 100, want: { sitedEh: 5 }, basis: true, coverage: null },
    { sites: [site("US-TX", { hashrateEh: 5 })], countryShare: 0.1, network: null, want: { sitedEh: 5 }, basis: true, coverage: null },
  ])("$want → sites basis $basis, coverage $coverage", ({ sites, countryShare, network, want, basis, coverage }) => {
    const summary = sitesSummary(sites, E, "mining-sites");
    expect(summary).toMatchObject({
      dataset: "mining-sites",
      efficiencyJPerTh: E,
      ...Object.fromEntries(Object.entries(want).map(([key, value]: [string, number]) => [key, expect.closeTo(value, 12)])),
    });
    expect(hasSitesBasis(summary)).toBe(basis);
    const got = coverageOf(summary, countryShare, network);
    if (coverage === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(coverage, 12);
  });
});
