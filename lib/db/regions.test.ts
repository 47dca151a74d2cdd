import { describe, expect, it } from "vitest";
import { listRegionalShares, listRegions, listSitesWithRegions } from "./regions";

// Reads of the seeded test database (tests/support/global-db.ts), as the API will make them.

describe("listRegions", () => {
  it("lists a country's regions by code, each with the country its code names (Donetsk with Ukraine)", async () => {
    const russia = await listRegions("RU");
    expect(russia).toHaveLength(83);
    expect(russia.filter((r) => !r.code.startsWith("RU-"))).toEqual([]);
    expect((await listRegions("UA")).find((r) => r.code === "UA-14")).toEqual({ code: "UA-14", name: "Donetska oblast", countryIso2: "UA" });
    expect((await listRegions("us")).map((r) => r.code)).toContain("US-TX");
    expect(await listRegions("XX")).toEqual([]);
  });
});

describe("listSitesWithRegions", () => {
  it("places every seeded US site with a Texas address and a point in US-TX by polygon, the rest by address", async () => {
    const sites = await listSitesWithRegions({ country: "US" });
    const texan = sites.filter((s) => /(,\s*TX\b|\bTexas\b)/.test(s.locality ?? ""));
    expect(texan.length).toBeGreaterThanOrEqual(25);
    for (const s of texan) {
      expect(s.regionCode, s.name).toBe("US-TX");
      expect(s.regionMethod, s.name).toBe(s.lat === null ? "address" : "polygon");
    }
    expect(
      texan
        .filter((s) => s.regionMethod === "address")
        .map((s) => s.locality)
        .sort(),
    ).toEqual([
      "Texas (town not stated)",
      "Texas (town not stated)",
      "Texas (town not stated)",
      "West Texas (undisclosed greenfield site next to a wind farm)",
      "West Texas (undisclosed)",
      "West Texas (undisclosed)",
    ]);
    // An address naming several states by code places the site nowhere rather than in one of them.
    expect(sites.find((s) => s.locality?.startsWith("ND, MT, WY, CO"))).toMatchObject({ regionCode: null, regionMethod: null });
    expect(await listSitesWithRegions({ country: "US", dataset: "no-such-dataset" })).toEqual([]);
    expect((await listSitesWithRegions({ country: "US", dataset: "mining-sites" })).length).toBe(sites.length);
  });

  it("places a site outside every polygon (Mina Zayed, on the coast) by its address, and one in Norway (no polygons) too", async () => {
    const emirates = await listSitesWithRegions({ country: "AE" });
    expect(emirates.find((s) => s.locality === "Mina Zayed, Abu Dhabi")).toMatchObject({ regionCode: "AE-AZ", regionMethod: "address" });
    expect(emirates.find((s) => s.locality === "Masdar City, Abu Dhabi")).toMatchObject({ regionCode: "AE-AZ", regionMethod: "polygon" });
    expect((await listSitesWithRegions({ country: "NO" })).map((s) => [s.regionCode, s.regionMethod])).toEqual([
      ["NO-18", "address"],
      ["NO-50", "address"],
    ]);
  });
});

describe("listRegionalShares", () => {
  it("returns each source's figure in its own column, by period and region", async () => {
    const us = await listRegionalShares({ country: "US" });
    expect(us).toHaveLength(17);
    const luxor = us.filter((r) => r.periodLabel === "2025-01-01..2025-01-31");
    expect(luxor.map((r) => [r.sourceOrg, r.shareOfCountryLow, r.shareOfNetworkLow])).toEqual([
      ["Luxor (via The Block)", 0.472, 0.17],
      ["Hashrate Index (via Atlas21)", 0.17, null],
    ]);
    expect(luxor[0]).toMatchObject({ dataset: "subnational-2022-2026", periodStart: "2025-01", periodEnd: "2025-01", regionCode: "US-TX" });
    expect(await listRegionalShares({ country: "US", period: "2025-01" })).toEqual(luxor);
  });

  it("keeps a share of global hashrate out of the share-of-country column, and a range's two ends", async () => {
    const april2020 = await listRegionalShares({ country: "CN", period: "2020-04" });
    // Five CBECI provinces of Apr 2020 (of global) and four 2020 season figures (of China's), whose month the source does not state.
    expect(april2020).toHaveLength(9);
    const xinjiang = april2020.find((r) => r.regionCode === "CN-XJ" && r.periodLabel.startsWith("2020-04"));
    expect(xinjiang).toMatchObject({
      shareOfNetworkLow: 0.3576,
      shareOfCountryLow: null,
      basis: "share of global hashrate",
      dataset: "subnational-cn-provinces",
    });
    const irkutsk = await listRegionalShares({ country: "RU", period: "2025-01" });
    expect(irkutsk.map((r) => [r.regionCode, r.regionName, r.shareOfCountryLow, r.shareOfCountryHigh])).toEqual([
      ["RU-IRK", "Irkutsk Oblast (southern districts)", 0.18, 0.23],
    ]);
  });
});
