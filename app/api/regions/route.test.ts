import { describe, expect, it } from "vitest";
import { DEFAULT_EFFICIENCY_J_PER_TH } from "@/lib/metrics/energy";
import { RegionsResponse } from "@/lib/validation/responses";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

// GET /api/regions on the seeded test database: a country's regions on the sites basis (the seeded sites
// placed in each) or the published one (one source's estimate), with the basis and the coverage stated.

async function regions(query: string) {
  const { status, body } = await get(GET, `/api/regions?${query}`);
  expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
  return RegionsResponse.parse(body);
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

describe("GET /api/regions", () => {
  it("the US defaults to the sites basis: Texas on top, with its share of the US and of the network and the sites' coverage", async () => {
    const us = await regions("country=us");
    expect(us).toMatchObject({
      country: "US",
      countryName: "United States",
      basis: "sites",
      period: "2025-10",
      dataset: "best-estimate",
      countryShare: 0.3775,
    });
    expect(us.availableBases).toEqual(["sites", "published"]);
    expect(us.published).toBeNull();
    const [texas, second] = us.regions;
    expect(texas).toMatchObject({ code: "US-TX", name: "Texas", source: { basis: "sites", dataset: "mining-sites" } });
    expect(texas?.shareOfCountry).toBeGreaterThan(0.5);
    expect(texas?.shareOfCountry).toBeGreaterThan(2 * (second?.shareOfCountry ?? 1));
    expect(texas?.shareOfNetwork).toBeCloseTo(0.3775 * (texas?.shareOfCountry ?? 0), 12);
    // Texas's EH/s over the country's sited EH/s; a capacity-only site counts MW ÷ the default J/TH.
    expect(us.sites.efficiencyJPerTh).toBe(DEFAULT_EFFICIENCY_J_PER_TH);
    expect(texas?.shareOfCountry).toBeCloseTo((texas?.hashrateEh ?? 0) / us.sites.sitedEh, 12);
    expect(texas?.capacityMw).toBeGreaterThan(3000);
    // What share of the US's estimated hashrate the sites account for.
    expect(us.coverage).toBeCloseTo(us.sites.sitedEh / (0.3775 * (us.networkHashrateEh ?? 0)), 12);
    expect(us.coverage).toBeGreaterThan(0.2);
    expect(us.coverage).toBeLessThan(1);
    // Every operating site is counted: the one placed in no state (an address naming four) is the unlocated remainder.
    expect(us.remainder).toMatchObject({ kind: "unlocated", sites: 1, hashrateEh: 0, shareOfCountry: 0 });
    expect(sum([...us.regions, us.remainder].map((r) => r.sites ?? 0))).toBe(us.sites.operatingSites);
    expect(sum([...us.regions, us.remainder].map((r) => r.shareOfCountry))).toBeCloseTo(1, 12);
    // The published estimates are listed beside it, newest first: the one basis=published would use is marked.
    expect(us.estimates.map((e) => [e.source, e.periodLabel, e.chosen])[0]).toEqual(["Luxor", "2025-01-01..2025-01-31", true]);
    expect(us.estimates.filter((e) => e.chosen)).toHaveLength(1);
  });

  it("China has no sites: the published basis gives CBECI's 2020 provinces, source named, shares of China derived from its shares of the network", async () => {
    const cn = await regions("country=CN");
    expect(cn).toMatchObject({ basis: "published", availableBases: ["published"], countryShare: 0.14, coverage: 0 });
    expect(cn.published).toMatchObject({
      source: "Cambridge CCAF CBECI Mining Map",
      dataset: "subnational-cn-provinces",
      periodStart: "2020-04",
      periodEnd: "2020-04",
      basis: "share of global hashrate",
      given: ["shareOfNetwork"],
      derived: true,
      countryShareAtSource: { period: "2020-04", share: 0.6481, source: "cbeci-monthly" },
    });
    expect(cn.published?.periodLabel).toMatch(/^2020-04/);
    expect(cn.regions.map((r) => r.code)).toEqual(["CN-XJ", "CN-SC", "CN-NM", "CN-YN", "CN-BJ"]);
    const xinjiang = cn.regions[0];
    expect(xinjiang?.shareOfCountry).toBeCloseTo(0.3576 / 0.6481, 12);
    expect(xinjiang?.shareOfNetwork).toBeCloseTo(0.14 * (0.3576 / 0.6481), 12);
    expect(xinjiang?.source).toMatchObject({
      basis: "published",
      name: "Xinjiang",
      given: ["shareOfNetwork"],
      shareOfNetwork: { low: 0.3576, high: 0.3576 },
      derived: true,
    });
    // One source: every region's row is CBECI's launch map; the 2020 season figures and CoinShares' 2019 are listed, not mixed in.
    expect(new Set(cn.regions.map((r) => (r.source.basis === "published" ? r.source.url : "")))).toEqual(new Set(["https://btcethereum.com/blog/?p=103915"]));
    expect(cn.estimates.map((e) => e.source)).toEqual([
      "Cambridge CCAF CBECI Mining Map",
      "Cambridge CCAF",
      "Cambridge CCAF",
      "Cambridge CCAF",
      "CoinShares Research mining report",
    ]);
    expect(cn.remainder).toMatchObject({ kind: "unnamed", sites: null });
    expect(cn.remainder.shareOfCountry).toBeCloseTo(1 - (0.3576 + 0.0966 + 0.0807 + 0.0542 + 0.0173) / 0.6481, 12);
    // In the source's own month the derived share gives back the source's share of the network.
    const april = await regions("country=CN&period=2020-04");
    expect(april.regions[0]?.shareOfNetwork).toBeCloseTo(0.3576, 12);
  });

  it("basis=published takes the newest estimate at or before the period, and says which share the source gave", async () => {
    const dec2021 = await regions("country=US&period=2021-12&basis=published");
    expect(dec2021.published).toMatchObject({
      source: "Cambridge CCAF CBECI Mining Map",
      periodLabel: "2021-12",
      given: ["shareOfCountry"],
      derived: false,
      countryShareAtSource: null,
    });
    expect(dec2021.regions.map((r) => [r.code, r.shareOfCountry])).toEqual([
      ["US-GA", 0.308],
      ["US-TX", 0.1122],
      ["US-KY", 0.1093],
      ["US-NY", 0.0977],
      ["US-CA", 0.079],
    ]);
    // Two sources for January 2025 (Luxor and Hashrate Index, which conflict): one is used, the other listed.
    const now = await regions("country=US&basis=published");
    expect(now.published).toMatchObject({ source: "Luxor", given: ["shareOfCountry", "shareOfNetwork"], derived: false });
    expect(now.regions).toHaveLength(1);
    expect(now.regions[0]).toMatchObject({ code: "US-TX", shareOfCountry: 0.472, source: { shareOfCountry: { low: 0.472 }, shareOfNetwork: { low: 0.17 } } });
    expect(now.estimates.filter((e) => e.periodStart === "2025-01").map((e) => [e.source, e.chosen])).toEqual([
      ["Luxor", true],
      ["Hashrate Index", false],
    ]);
  });

  it("a country without a share in the period still has its regions' shares of the country, and no share of the network", async () => {
    const kz = await regions("country=KZ");
    expect(kz).toMatchObject({ basis: "sites", countryShare: null, coverage: null });
    expect(kz.regions[0]).toMatchObject({ code: "KZ-55", shareOfCountry: 1, shareOfNetwork: null });
  });

  it.each([
    ["", 400, "country", /required|expected string/i],
    ["country=USA", 400, "country", /alpha-2/],
    ["country=US&basis=cheap", 400, "basis", /sites or published/],
    ["country=US&bassis=sites", 400, "bassis", /not a parameter of \/api\/regions/],
    ["country=US&period=2025-13", 400, "period", /YYYY-MM/],
    ["country=ZZ", 404, "country", /ZZ/],
    ["country=BR", 404, "country", /no regional data for Brazil/],
    ["country=US&period=1999-01", 404, "period", /no data for period 1999-01/],
    ["country=US&dataset=no-such-set", 404, "dataset", /no-such-set/],
    ["country=CN&basis=sites", 422, "basis", /China has no operating mining site.*basis=published is available/],
    ["country=US&period=2019-09&basis=published", 422, "period", /start after 2019-09: the first is Foundry USA pool client base/],
    ["country=CN&dataset=hashrate-index-2025", 422, "dataset", /share of CN in 2020-04|CN's share in 2020-04.*does not have/],
  ])("%s → %i naming %s", async (query, status, field, message) => {
    expectFieldError(await get(GET, `/api/regions?${query}`), status, field, message);
  });
});
