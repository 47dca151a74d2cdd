import { MetricsError } from "./errors";
import { checkFraction, independentOutages, mergeShutdown, type ShutdownItem } from "./shock";

// Shutdowns below the country (docs/methodology.md#regions-and-sites): the network holds countries,
// a country its regions, a region its sites. Whatever levels a scenario names, each country ends
// up with one fraction — the share of its own hashrate that goes dark — so the shock model and the
// simulator run on country items as before, and no hash power is counted twice:
//
//   L_k = c + (1 − c) · min(1, Σ_i R_i + U)
//   R_i = r_i · f_i + (1 − f_i) · min(r_i, Σ_{j in i} s_j · g_j)
//   U   = Σ_{j in no region of known share} s_j · g_j
//
// c: the country's own fraction (its country and bloc items, merged as independent outages as in
// mergeShutdown); r_i: region i's share of the country, f_i its fraction (0 when only sites in it
// are named); s_j: site j's share of the country (sites basis), g_j its fraction.
// - A level's outage applies to what the levels above left: a region's to the 1 − c its country
//   kept, a site's to the 1 − f_i its region kept. So a country at 1 with any region is 1, and a
//   region at f with its country at c loses r·f of the c-survivors only: c + (1 − c)·r·f.
// - Siblings are disjoint, so they add: two regions lose r₁f₁ + r₂f₂, not 1 − (1 − r₁f₁)(1 − r₂f₂).
// - The same region or site named twice (alone and in a preset; a site alone and through its
//   operator) merges as independent outages, like a country named twice.
// - Caps, not refusals (the data set the shares, not the request): sites cannot lose more than their
//   region holds (r_i; reached only when the region's share and the sites' come from different
//   bases), and all regions and sites together not more than the country (published shares can
//   sum past 1 by rounding, mixed sources by more). `capped` says that a cap was reached.

/** A region (ISO 3166-2 code; its country is the code's first two letters) going dark by `fraction`. */
export type RegionOutage = { region: string; fraction: number };

export type SiteOutage = {
  site: string | number;
  country: string;
  /** The region the site lies in; null when unknown. A region of another country counts as none. */
  region: string | null;
  /** The site's share of its country's hashrate on the sites basis (sitesShareOfCountry). */
  shareOfCountry: number;
  fraction: number;
};

export type NestedShutdown = {
  /** Country items, blocs already expanded to their members. */
  countries?: readonly ShutdownItem[];
  /** Region items, presets already expanded to their regions. */
  regions?: readonly RegionOutage[];
  /** Site items, operators and site presets already expanded to their sites. */
  sites?: readonly SiteOutage[];
  /** Each region's share of its country, by code: every named region needs one; a region holding named sites caps them when it has one. */
  regionShares?: ReadonlyMap<string, number>;
};

/** A country item for the shock model, and whether a cap was reached on the way. */
export type CountryLoss = ShutdownItem & { capped: boolean };

/** Shares that may exceed their cap by this much (a sum's rounding) without being reported as capped. */
const CAP_TOLERANCE = 1e-9;

const countryOfRegion = (code: string) => code.slice(0, 2);

function checkShare(share: number, what: string): number {
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new MetricsError("invalid-parameter", `the share of its country for ${what} must be within 0–1, got ${share}`, "shutdown");
  }
  return share;
}

type Parts = { regions: Map<string, number>; sites: Map<string, SiteOutage> };

/** What the regions and sites of one country take of it, before its own outage: min(1, Σ R_i + U). */
function lossBelow({ regions, sites }: Parts, shares: ReadonlyMap<string, number>) {
  const inRegion = new Map<string | null, number>();
  for (const s of sites.values()) {
    const key = s.region !== null && countryOfRegion(s.region) === s.country && shares.has(s.region) ? s.region : null;
    inRegion.set(key, (inRegion.get(key) ?? 0) + s.shareOfCountry * s.fraction);
  }
  let total = inRegion.get(null) ?? 0;
  let capped = false;
  for (const code of new Set([...regions.keys(), ...inRegion.keys()])) {
    if (code === null) continue;
    const r = shares.get(code) ?? 0;
    const f = regions.get(code) ?? 0;
    const sitesLost = inRegion.get(code) ?? 0;
    if (sitesLost > r + CAP_TOLERANCE) capped = true;
    total += r * f + (1 - f) * Math.min(r, sitesLost);
  }
  if (total > 1 + CAP_TOLERANCE) capped = true;
  return { below: Math.min(1, total), capped };
}

/** The fraction of each country's own hashrate that goes dark, one item per country named at any level (sorted by country). */
export function nestedShutdown({ countries = [], regions = [], sites = [], regionShares = new Map() }: NestedShutdown): CountryLoss[] {
  for (const [code, share] of regionShares) checkShare(share, code);
  const whole = mergeShutdown(countries);
  const parts = new Map<string, Parts>();
  const partsOf = (country: string) => {
    const got = parts.get(country) ?? { regions: new Map<string, number>(), sites: new Map<string, SiteOutage>() };
    parts.set(country, got);
    return got;
  };
  for (const { region, fraction } of regions) {
    checkFraction(fraction, region);
    if (!/^[A-Z]{2}-/.test(region) || !regionShares.has(region)) {
      throw new MetricsError("invalid-parameter", `no share of its country is known for the region ${region}`, "shutdown");
    }
    const named = partsOf(countryOfRegion(region)).regions;
    named.set(region, independentOutages(named.get(region) ?? 0, fraction));
  }
  for (const s of sites) {
    const what = `site ${s.site}`;
    checkFraction(s.fraction, what);
    checkShare(s.shareOfCountry, what);
    const named = partsOf(s.country).sites;
    const key = String(s.site);
    const before = named.get(key);
    if (before && (before.region !== s.region || before.shareOfCountry !== s.shareOfCountry)) {
      throw new MetricsError("invalid-parameter", `${what} is given twice with different regions or shares`, "shutdown");
    }
    named.set(key, { ...s, fraction: independentOutages(before?.fraction ?? 0, s.fraction) });
  }
  return [...new Set([...whole.keys(), ...parts.keys()])].sort().map((country) => {
    const c = whole.get(country) ?? 0;
    const part = parts.get(country);
    const { below, capped } = part ? lossBelow(part, regionShares) : { below: 0, capped: false };
    return { country, fraction: Math.min(1, c + (1 - c) * below), capped };
  });
}
