import { describe, expect, it } from "vitest";
import { groupSites, sitesDistribution, type SiteGroup } from "./sites-basis";

const site = (countryIso2: string, status: string, hashrateEh: number | null, capacityMw: number | null) => ({ countryIso2, status, hashrateEh, capacityMw });

describe("groupSites", () => {
  it("sums sites per country and status: stated EH/s, else capacity, else neither", () => {
    const groups = groupSites([
      site("US", "operating", 2, 100),
      site("US", "operating", null, 50),
      site("US", "operating", null, null),
      site("US", "closed", null, 10),
      site("CA", "operating", 1, null),
    ]);
    expect(groups).toEqual([
      { countryIso2: "US", status: "operating", sites: 3, stated: 1, statedEh: 2, fromCapacity: 1, capacityMw: 50 },
      { countryIso2: "US", status: "closed", sites: 1, stated: 0, statedEh: 0, fromCapacity: 1, capacityMw: 10 },
      { countryIso2: "CA", status: "operating", sites: 1, stated: 1, statedEh: 1, fromCapacity: 0, capacityMw: 0 },
    ]);
  });
});

const g = (countryIso2: string, status: string, sums: Partial<SiteGroup>): SiteGroup => ({
  countryIso2,
  status,
  sites: (sums.stated ?? 0) + (sums.fromCapacity ?? 0),
  stated: 0,
  statedEh: 0,
  fromCapacity: 0,
  capacityMw: 0,
  ...sums,
});

describe("sitesDistribution", () => {
  it.each([
    {
      name: "stated EH/s counts as given; capacity converts at MW ÷ J/TH",
      groups: [g("US", "operating", { stated: 2, statedEh: 10, fromCapacity: 1, capacityMw: 200 })],
      efficiency: 20,
      network: 100,
      countries: [{ country: "US", weight: 20 }],
      unattributed: 80,
      sitesEh: 20,
      counted: 3,
      withoutSize: 0,
      converted: 0.5,
    },
    {
      name: "only operating sites count",
      groups: [
        g("US", "operating", { stated: 1, statedEh: 5 }),
        g("US", "closed", { stated: 3, statedEh: 50 }),
        g("CN", "planned", { fromCapacity: 1, capacityMw: 1000 }),
      ],
      efficiency: 25,
      network: 10,
      countries: [{ country: "US", weight: 5 }],
      unattributed: 5,
      sitesEh: 5,
      counted: 1,
      withoutSize: 0,
      converted: 0,
    },
    {
      name: "sites with neither figure are left out and counted; a country of only such sites has no weight",
      groups: [g("US", "operating", { sites: 4, stated: 1, statedEh: 3 }), g("KZ", "operating", { sites: 2 })],
      efficiency: 30,
      network: null,
      countries: [{ country: "US", weight: 3 }],
      unattributed: 0,
      sitesEh: 3,
      counted: 1,
      withoutSize: 5,
      converted: 0,
    },
    {
      name: "sites above the network leave nothing unattributed (never negative)",
      groups: [g("US", "operating", { fromCapacity: 2, capacityMw: 4000 }), g("CA", "operating", { fromCapacity: 1, capacityMw: 1000 })],
      efficiency: 20,
      network: 100,
      countries: [
        { country: "US", weight: 200 },
        { country: "CA", weight: 50 },
      ],
      unattributed: 0,
      sitesEh: 250,
      counted: 3,
      withoutSize: 0,
      converted: 1,
    },
    {
      name: "no sites: nothing counted, the whole network unattributed",
      groups: [],
      efficiency: 20,
      network: 50,
      countries: [],
      unattributed: 50,
      sitesEh: 0,
      counted: 0,
      withoutSize: 0,
      converted: 0,
    },
  ])("$name", ({ groups, efficiency, network, countries, unattributed, sitesEh, counted, withoutSize, converted }) => {
    const result = sitesDistribution(groups, efficiency, network);
    expect(result.distribution.countries).toEqual(countries);
    expect(result.distribution.unattributed).toBeCloseTo(unattributed, 12);
    expect(result.sitesEh).toBeCloseTo(sitesEh, 12);
    expect(result.sitesCounted).toBe(counted);
    expect(result.sitesWithoutSize).toBe(withoutSize);
    expect(result.capacityConvertedShare).toBeCloseTo(converted, 12);
  });

  it("gives the same answer from sums as from the sites they sum", () => {
    const sites = [site("US", "operating", 2, null), site("US", "operating", null, 300), site("CA", "operating", null, 90), site("CA", "closed", 9, null)];
    const fromSums = sitesDistribution(groupSites(sites), 30, 40);
    expect(fromSums.distribution.countries).toEqual([
      { country: "US", weight: 12 },
      { country: "CA", weight: 3 },
    ]);
    expect(fromSums.distribution.unattributed).toBeCloseTo(25, 12);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("refuses efficiency %s naming it", (efficiency) => {
    expect(() => sitesDistribution([], efficiency, 100)).toThrow(expect.objectContaining({ field: "efficiency" }));
  });
});
