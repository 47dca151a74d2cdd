import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  derivationMonth,
  estimateAtOrBefore,
  needsCountryShareAtSource,
  publishedEstimates,
  publishedRegions,
  type PublishedShareRow,
  sourceOf,
} from "./regions-published";

// The published basis of /api/regions: one source's estimate for one period, the source's own figures
// kept beside the share of the country the answer uses.

let nextId = 1;
const row = (x: Partial<PublishedShareRow> & Pick<PublishedShareRow, "regionCode">): PublishedShareRow => ({
  id: nextId++,
  dataset: "subnational-cn-provinces",
  datasetTitle: "Provinces",
  periodLabel: "2020-04",
  periodStart: "2020-04",
  periodEnd: "2020-04",
  regionName: x.regionCode,
  shareOfCountryLow: null,
  shareOfCountryHigh: null,
  shareOfNetworkLow: null,
  shareOfNetworkHigh: null,
  basis: "share of global hashrate",
  sourceOrg: "Cambridge CCAF CBECI Mining Map",
  certainty: "secondary-report",
  sourceUrl: "https://example.org/cbeci",
  note: null,
  ...x,
});

const names = (code: string) => `name of ${code}`;

describe("sourceOf: one source whatever its rows' qualifiers", () => {
  it.each([
    ["Cambridge CCAF CBECI Mining Map (update of May 2022; US state map first published)", "Cambridge CCAF CBECI Mining Map"],
    ["Cambridge CCAF CBECI Mining Map", "Cambridge CCAF CBECI Mining Map"],
    ["Luxor (via The Block)", "Luxor"],
    ["Hashrate Index (via Atlas21)", "Hashrate Index"],
    ["(unnamed)", "(unnamed)"],
  ])("%s → %s", (org, source) => expect(sourceOf(org)).toBe(source));
});

describe("publishedEstimates and estimateAtOrBefore", () => {
  const rows = [
    row({
      regionCode: "CN-SC",
      periodLabel: "2019 (mid-year)",
      periodStart: "2019-01",
      periodEnd: "2019-12",
      sourceOrg: "CoinShares",
      shareOfNetworkLow: 0.48,
    }),
    row({
      regionCode: "CN-XJ",
      periodLabel: "2020 wet season start",
      periodStart: "2020-01",
      periodEnd: "2020-12",
      sourceOrg: "CCAF (blog)",
      shareOfCountryLow: 0.551,
    }),
    row({
      regionCode: "CN-SC",
      periodLabel: "2020 wet season start",
      periodStart: "2020-01",
      periodEnd: "2020-12",
      sourceOrg: "CCAF (blog)",
      shareOfCountryLow: 0.149,
    }),
    row({
      regionCode: "CN-SC",
      periodLabel: "2020 wet season peak",
      periodStart: "2020-01",
      periodEnd: "2020-12",
      sourceOrg: "CCAF (blog)",
      shareOfCountryLow: 0.611,
    }),
    row({ regionCode: "CN-XJ", shareOfNetworkLow: 0.3576 }),
    row({ regionCode: "CN-SC", shareOfNetworkLow: 0.0966, sourceOrg: "Cambridge CCAF CBECI Mining Map (launch May 2020)" }),
    row({
      regionCode: "CN-XJ",
      dataset: "subnational-2022-2026",
      periodLabel: "2025-12-14..2025-12-15",
      periodStart: "2025-12",
      periodEnd: "2025-12",
      sourceOrg: "Jack Kong",
      shareOfCountryLow: 0.69,
      shareOfNetworkLow: 0.08,
    }),
  ];
  const estimates = publishedEstimates(rows);

  it("groups rows by dataset, period label and source, newest first: a month before the whole year it falls in", () => {
    expect(estimates.map((e) => [e.periodLabel, e.source, e.rows.map((r) => r.regionCode)])).toEqual([
      ["2025-12-14..2025-12-15", "Jack Kong", ["CN-XJ"]],
      ["2020-04", "Cambridge CCAF CBECI Mining Map", ["CN-XJ", "CN-SC"]],
      ["2020 wet season start", "CCAF", ["CN-XJ", "CN-SC"]],
      ["2020 wet season peak", "CCAF", ["CN-SC"]],
      ["2019 (mid-year)", "CoinShares", ["CN-SC"]],
    ]);
    expect(estimates.map((e) => e.given)).toEqual([
      ["shareOfCountry", "shareOfNetwork"],
      ["shareOfNetwork"],
      ["shareOfCountry"],
      ["shareOfCountry"],
      ["shareOfNetwork"],
    ]);
  });

  it.each([
    ["2025-12", "2025-12-14..2025-12-15"],
    ["2025-10", "2020-04"],
    ["2020-04", "2020-04"],
    ["2020-03", "2020 wet season start"],
    ["2019-06", "2019 (mid-year)"],
    ["2018-12", undefined],
  ])("at or before %s: %s", (period, label) => {
    expect(estimateAtOrBefore(estimates, period)?.periodLabel).toBe(label);
  });

  it("needs the country's share at the source only where a region's share of the country is not given", () => {
    expect(estimates.map(needsCountryShareAtSource)).toEqual([false, true, false, false, true]);
  });
});

describe("derivationMonth: the dataset's month within the source's period nearest its middle", () => {
  it.each([
    [{ periodStart: "2020-04", periodEnd: "2020-04" }, ["2020-03", "2020-04", "2020-05"], "2020-04"],
    [{ periodStart: "2019-01", periodEnd: "2019-12" }, ["2019-09", "2019-10", "2019-11", "2019-12"], "2019-09"],
    [{ periodStart: "2019-01", periodEnd: "2019-12" }, ["2019-06", "2019-07"], "2019-06"],
    [{ periodStart: "2020-01", periodEnd: "2020-12" }, ["2019-12", "2021-01"], undefined],
    [{ periodStart: "2023-07", periodEnd: "2023-08" }, [], undefined],
  ])("%j in %j → %s", (e, months, month) => expect(derivationMonth(e, months)).toBe(month));
});

describe("publishedRegions", () => {
  it("takes a given share of the country (the middle of a range) and derives one from a share of the network", () => {
    const [given] = publishedEstimates([
      row({ regionCode: "RU-IRK", dataset: "d", sourceOrg: "Irkutsk", shareOfCountryLow: 0.18, shareOfCountryHigh: 0.23 }),
      row({ regionCode: "RU-KEM", dataset: "d", sourceOrg: "Irkutsk", shareOfCountryLow: 0.1, shareOfNetworkLow: 0.02 }),
    ]);
    const answer = publishedRegions(given!, { countryShare: 0.16, countryShareAtSource: null, regionName: names });
    expect(answer.derived).toBe(false);
    expect(answer.regions.map((r) => [r.code, r.shareOfCountry])).toEqual([
      ["RU-IRK", expect.closeTo(0.205, 12)],
      ["RU-KEM", 0.1],
    ]);
    expect(answer.regions[0]).toMatchObject({
      name: "name of RU-IRK",
      shareOfNetwork: expect.closeTo(0.16 * 0.205, 12),
      capacityMw: null,
      hashrateEh: null,
      sites: null,
    });
    expect(answer.regions[0]?.source).toEqual({
      basis: "published",
      name: "RU-IRK",
      url: "https://example.org/cbeci",
      given: ["shareOfCountry"],
      shareOfCountry: { low: 0.18, high: 0.23 },
      shareOfNetwork: null,
      derived: false,
      certainty: "secondary-report",
      note: null,
    });
    // Both given: the share of the country is the source's; its share of the network is kept beside it.
    expect(answer.regions[1]?.source).toMatchObject({ given: ["shareOfCountry", "shareOfNetwork"], shareOfNetwork: { low: 0.02, high: 0.02 }, derived: false });
    expect(answer.remainder).toEqual({
      kind: "unnamed",
      shareOfCountry: expect.closeTo(1 - 0.305, 12),
      shareOfNetwork: expect.closeTo(0.16 * 0.695, 12),
      capacityMw: null,
      hashrateEh: null,
      sites: null,
    });
  });

  it.each([
    // CBECI's Xinjiang, 35.76 % of the network in 2020-04 with China at 65.08 %; China at 14 % now.
    { ofNetwork: 0.3576, atSource: 0.6508, countryShare: 0.14, shareOfCountry: 0.3576 / 0.6508 },
    { ofNetwork: 0.3576, atSource: 0.6508, countryShare: null, shareOfCountry: 0.3576 / 0.6508 },
    // A source and a dataset that disagree: at most the whole country.
    { ofNetwork: 0.5, atSource: 0.4, countryShare: 0.4, shareOfCountry: 1 },
  ])("derives $ofNetwork ÷ $atSource → $shareOfCountry of the country", ({ ofNetwork, atSource, countryShare, shareOfCountry }) => {
    const [e] = publishedEstimates([row({ regionCode: "CN-XJ", shareOfNetworkLow: ofNetwork })]);
    const answer = publishedRegions(e!, { countryShare, countryShareAtSource: atSource, regionName: names });
    expect(answer.derived).toBe(true);
    expect(answer.regions[0]?.shareOfCountry).toBeCloseTo(shareOfCountry, 12);
    expect(answer.regions[0]?.shareOfNetwork).toEqual(countryShare === null ? null : expect.closeTo(countryShare * shareOfCountry, 12));
    expect(answer.regions[0]?.source).toMatchObject({
      given: ["shareOfNetwork"],
      shareOfCountry: null,
      shareOfNetwork: { low: ofNetwork, high: ofNetwork },
      derived: true,
    });
  });

  it("refuses to derive without the country's share at the source, and a region named twice", () => {
    const [networkOnly] = publishedEstimates([row({ regionCode: "CN-XJ", shareOfNetworkLow: 0.3 })]);
    for (const atSource of [null, 0]) {
      expect(() => publishedRegions(networkOnly!, { countryShare: 0.1, countryShareAtSource: atSource, regionName: names })).toThrow(
        expect.objectContaining({ code: "empty-distribution", field: "dataset" }),
      );
    }
    const [twice] = publishedEstimates([row({ regionCode: "CN-XJ", shareOfCountryLow: 0.3 }), row({ regionCode: "CN-XJ", shareOfCountryLow: 0.4 })]);
    expect(() => publishedRegions(twice!, { countryShare: 0.1, countryShareAtSource: null, regionName: names })).toThrow(/names CN-XJ twice/);
  });

  it("every share stays within 0–1 and the regions with the unnamed rest cover the country at least once", () => {
    const codes = ["US-TX", "US-GA", "US-NY", "US-KY", "US-WA"];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1 }),
        fc.array(fc.tuple(fc.option(fc.double({ min: 0, max: 1, noNaN: true })), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 5, maxLength: 5 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        (regions, figures, atSource, countryShare) => {
          const [e] = publishedEstimates(
            regions.map((code, i) => {
              const [ofCountry, ofNetwork] = figures[i] ?? [null, 0];
              return row({ regionCode: code, dataset: "p", shareOfCountryLow: ofCountry, shareOfNetworkLow: ofCountry === null ? ofNetwork : null });
            }),
          );
          const answer = publishedRegions(e!, { countryShare, countryShareAtSource: atSource, regionName: names });
          const parts = [...answer.regions, answer.remainder];
          for (const r of parts) {
            expect(r.shareOfCountry).toBeGreaterThanOrEqual(0);
            expect(r.shareOfCountry).toBeLessThanOrEqual(1);
            expect(r.shareOfNetwork).toEqual(countryShare === null ? null : expect.closeTo(countryShare * r.shareOfCountry, 12));
          }
          expect(parts.reduce((s, r) => s + r.shareOfCountry, 0)).toBeGreaterThanOrEqual(1 - 1e-12);
          expect(answer.regions.map((r) => r.code).sort()).toEqual([...regions].sort());
        },
      ),
      { numRuns: 200 },
    );
  });
});
