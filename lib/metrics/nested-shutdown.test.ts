import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MetricsError } from "./errors";
import { type NestedShutdown, nestedShutdown, type SiteOutage } from "./nested-shutdown";
import { mergeShutdown, shock } from "./shock";
import { regionLoss, sitesLoss } from "./subnational";

// network ⊃ country ⊃ region ⊃ site: whatever levels a scenario names, each country loses one
// fraction of its own hashrate, and no hash power is lost twice. Hand-checked cases first, then
// the invariants for scenarios fast-check makes up.

const shares = (entries: Record<string, number>) => new Map(Object.entries(entries));
const site = (id: number, region: string | null, shareOfCountry: number, fraction = 1, country = "US"): SiteOutage => ({
  site: id,
  country,
  region,
  shareOfCountry,
  fraction,
});
const lossOf = (input: NestedShutdown) => Object.fromEntries(nestedShutdown(input).map((c) => [c.country, c.fraction]));
const cappedOf = (input: NestedShutdown) => nestedShutdown(input).some((c) => c.capped);

describe("nestedShutdown — hand-checked", () => {
  it.each<[string, NestedShutdown, Record<string, number>, boolean]>([
    ["a country alone is the plain rule", { countries: [{ country: "US", fraction: 0.5 }] }, { US: 0.5 }, false],
    [
      "a region and its country never count the same hash power twice: 0.5 + 0.5 × 0.3, not 0.5 + 0.3",
      { countries: [{ country: "US", fraction: 0.5 }], regions: [{ region: "US-TX", fraction: 1 }], regionShares: shares({ "US-TX": 0.3 }) },
      { US: 0.65 },
      false,
    ],
    [
      "the US at 1 with US-TX: the US is lost, not more",
      { countries: [{ country: "US", fraction: 1 }], regions: [{ region: "US-TX", fraction: 1 }], regionShares: shares({ "US-TX": 0.3 }) },
      { US: 1 },
      false,
    ],
    ["US-TX at 0.8 alone: 0.8 × its share", { regions: [{ region: "US-TX", fraction: 0.8 }], regionShares: shares({ "US-TX": 0.285 }) }, { US: 0.228 }, false],
    [
      "two regions are disjoint, so they add: 0.3 × 0.5 + 0.1, not 1 − 0.85 × 0.9",
      {
        regions: [
          { region: "US-TX", fraction: 0.5 },
          { region: "US-GA", fraction: 1 },
        ],
        regionShares: shares({ "US-TX": 0.3, "US-GA": 0.1 }),
      },
      { US: 0.25 },
      false,
    ],
    [
      "the same region twice merges as independent outages: 0.4 × (1 − 0.5²)",
      {
        regions: [
          { region: "US-TX", fraction: 0.5 },
          { region: "US-TX", fraction: 0.5 },
        ],
        regionShares: shares({ "US-TX": 0.4 }),
      },
      { US: 0.3 },
      false,
    ],
    [
      "US-TX with a Texas site: the site counts once",
      { regions: [{ region: "US-TX", fraction: 1 }], sites: [site(1, "US-TX", 0.1)], regionShares: shares({ "US-TX": 0.3 }) },
      { US: 0.3 },
      false,
    ],
    [
      "a Texas site loses only what US-TX at 0.5 left: 0.3 × 0.5 + 0.5 × 0.1",
      { regions: [{ region: "US-TX", fraction: 0.5 }], sites: [site(1, "US-TX", 0.1)], regionShares: shares({ "US-TX": 0.3 }) },
      { US: 0.2 },
      false,
    ],
    [
      "a site outside the named region adds: 0.3 + 0.1 × 0.5",
      { regions: [{ region: "US-TX", fraction: 1 }], sites: [site(1, null, 0.1, 0.5)], regionShares: shares({ "US-TX": 0.3 }) },
      { US: 0.35 },
      false,
    ],
    [
      "a site named alone and through its operator merges: 0.2 × (1 − 0.5²)",
      { sites: [site(7, "US-NY", 0.2, 0.5), site(7, "US-NY", 0.2, 0.5)] },
      { US: 0.15 },
      false,
    ],
    [
      "sites cannot lose more than their region holds (shares on different bases): capped at 0.2",
      { sites: [site(1, "US-TX", 0.3), site(2, "US-TX", 0.2)], regionShares: shares({ "US-TX": 0.2 }) },
      { US: 0.2 },
      true,
    ],
    [
      "regions whose shares sum past 1 lose the country, not more",
      {
        regions: [
          { region: "US-TX", fraction: 1 },
          { region: "US-GA", fraction: 1 },
        ],
        regionShares: shares({ "US-TX": 0.7, "US-GA": 0.5 }),
      },
      { US: 1 },
      true,
    ],
    [
      "a region acts on its own country: UA-14 on Ukraine, not on a Russian site recorded there",
      { regions: [{ region: "UA-14", fraction: 1 }], sites: [site(3, "UA-14", 0.5, 1, "RU")], regionShares: shares({ "UA-14": 0.3 }) },
      { RU: 0.5, UA: 0.3 },
      false,
    ],
    [
      "a country named twice (alone and in a bloc) and a region of another",
      {
        countries: [
          { country: "RU", fraction: 0.5 },
          { country: "RU", fraction: 0.5 },
        ],
        regions: [{ region: "CN-SC", fraction: 0.76 }],
        regionShares: shares({ "CN-SC": 0.5 }),
      },
      { CN: 0.38, RU: 0.75 },
      false,
    ],
  ])("%s", (_, input, expected, capped) => {
    const got = lossOf(input);
    expect(Object.keys(got)).toEqual(Object.keys(expected).sort());
    for (const [country, fraction] of Object.entries(expected)) expect(got[country]).toBeCloseTo(fraction, 12);
    expect(cappedOf(input)).toBe(capped);
  });

  it.each<[string, NestedShutdown, string]>([
    ["a named region without a share", { regions: [{ region: "US-TX", fraction: 1 }] }, "invalid-parameter"],
    ["a region that is no ISO 3166-2 code", { regions: [{ region: "TX", fraction: 1 }], regionShares: shares({ TX: 0.3 }) }, "invalid-parameter"],
    ["a region's fraction above 1", { regions: [{ region: "US-TX", fraction: 1.5 }], regionShares: shares({ "US-TX": 0.3 }) }, "invalid-fraction"],
    ["a site's fraction below 0", { sites: [site(1, null, 0.1, -0.1)] }, "invalid-fraction"],
    ["a site's share above 1", { sites: [site(1, null, 1.2)] }, "invalid-parameter"],
    ["a region's share that is not a number", { regionShares: shares({ "US-TX": NaN }) }, "invalid-parameter"],
    ["one site with two shares", { sites: [site(1, null, 0.1), site(1, null, 0.2)] }, "invalid-parameter"],
  ])("refuses %s", (_, input, code) => {
    expect(() => nestedShutdown(input)).toThrow(MetricsError);
    expect(() => nestedShutdown(input)).toThrow(expect.objectContaining({ code }));
  });
});

describe("nestedShutdown — with the shock core and the lost-share formulas", () => {
  const distribution = {
    countries: [
      { country: "US", weight: 38 },
      { country: "RU", weight: 15 },
    ],
    unattributed: 47,
  };

  it("a region alone loses its shareOfNetwork × fraction", () => {
    const lost = shock(distribution, nestedShutdown({ regions: [{ region: "US-TX", fraction: 0.8 }], regionShares: shares({ "US-TX": 0.285 }) })).lostShare;
    expect(lost).toBeCloseTo(regionLoss({ countryShare: 0.38, shareOfCountry: 0.285, fraction: 0.8, basis: "published" }).lostShare, 12);
    expect(lost).toBeCloseTo(0.38 * 0.285 * 0.8, 12);
  });

  it("sites alone lose their capacity ÷ the country's sited capacity × the country's share × fraction", () => {
    const x = { sitesEh: 12, countrySitedEh: 200, countryShare: 0.38, networkHashrateEh: 900, fraction: 0.5 };
    const s = sitesLoss(x);
    const lost = shock(distribution, nestedShutdown({ sites: [site(1, "US-TX", s.shareOfCountry, 0.5)] })).lostShare;
    expect(lost).toBeCloseTo(s.lostShare, 12);
    expect(lost).toBeCloseTo((12 / 200) * 0.38 * 0.5, 12);
  });
});

// ---- Invariants.

const REGIONS = ["US-TX", "US-GA", "US-NY", "RU-IRK"] as const;
// Thousandths: doubles would be mostly subnormal, too small for any difference to show.
const fraction = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);
const share = fc.integer({ min: 0, max: 400 }).map((n) => n / 1000);
const scenario: fc.Arbitrary<NestedShutdown> = fc
  .record({
    countries: fc.array(fc.record({ country: fc.constantFrom("US", "RU"), fraction }), { maxLength: 3 }),
    regions: fc.array(fc.record({ region: fc.constantFrom(...REGIONS), fraction }), { maxLength: 5 }),
    sites: fc.uniqueArray(
      fc.record({ site: fc.integer({ min: 1, max: 6 }), region: fc.constantFrom<string | null>(...REGIONS, "US-CA", null), shareOfCountry: share, fraction }),
      { selector: (s) => s.site, maxLength: 6 },
    ),
    regionShares: fc.tuple(...REGIONS.map(() => share)).map((values) => new Map(REGIONS.map((code, i) => [code, values[i] ?? 0]))),
  })
  .map((s) => ({ ...s, sites: s.sites.map((x) => ({ ...x, country: x.region?.slice(0, 2) ?? "US" })) }));

/** The scenario with the `index`-th fraction of all its items (countries, regions, sites) raised to `to`. */
function raise(s: NestedShutdown, index: number, to: number): NestedShutdown {
  let i = index % Math.max(1, (s.countries?.length ?? 0) + (s.regions?.length ?? 0) + (s.sites?.length ?? 0));
  const bump = <T extends { fraction: number }>(items: readonly T[] = []) => items.map((x) => (i-- === 0 ? { ...x, fraction: Math.max(x.fraction, to) } : x));
  return { ...s, countries: bump(s.countries), regions: bump(s.regions), sites: bump(s.sites) };
}

describe("nestedShutdown — invariants", () => {
  it("every country loses a fraction within [its own fraction, 1]", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const own = mergeShutdown(s.countries ?? []);
        for (const { country, fraction: f } of nestedShutdown(s)) {
          expect(f).toBeGreaterThanOrEqual((own.get(country) ?? 0) - 1e-12);
          expect(f).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("is monotone in every fraction: raising one never lowers any country's loss", () => {
    fc.assert(
      fc.property(scenario, fc.nat(), fraction, (s, index, to) => {
        const before = lossOf(s);
        const after = lossOf(raise(s, index, to));
        for (const [country, f] of Object.entries(before)) expect(after[country]).toBeGreaterThanOrEqual(f - 1e-12);
      }),
      { numRuns: 500 },
    );
  });

  it("equals the plain country rule when no region or site is named", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(lossOf({ countries: s.countries ?? [] })).toEqual(Object.fromEntries([...mergeShutdown(s.countries ?? [])].sort()));
      }),
    );
  });

  it("does not depend on the order of the items", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const reversed = lossOf({
          ...s,
          countries: [...(s.countries ?? [])].reverse(),
          regions: [...(s.regions ?? [])].reverse(),
          sites: [...(s.sites ?? [])].reverse(),
        });
        for (const [country, f] of Object.entries(lossOf(s))) expect(reversed[country]).toBeCloseTo(f, 12);
      }),
    );
  });
});
