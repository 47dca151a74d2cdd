import { siteSizeEh } from "./sites-basis";
import { type RegionBasis, shareOfNetworkOf, sitesCoverage, sitesShareOfCountry } from "./subnational";

// A country's regions and their shares of it, on either basis (docs/methodology.md#regional-shares).
// This file holds what both bases share and the sites basis; the published basis is regions-published.ts.
// Pure: the service hands in the sites, the published rows, the country's share and the regions' names.

export type { RegionBasis };

/** What a region's figures rest on: the sites placed in it (and how), or one row of a published estimate. */
export type SitesRegionSource = {
  basis: "sites";
  /** Slug of the sites dataset. */
  dataset: string;
  /** The region's counted sites placed by their point (inside its outline) and by their address. */
  placedByPolygon: number;
  placedByAddress: number;
};

export type ShareRange = { low: number; high: number };

/** Which shares a published source gives: of the country's hashrate, of the network's, or both. */
export type GivenShare = "shareOfCountry" | "shareOfNetwork";

export type PublishedRegionSource = {
  basis: "published";
  /** The region as the source names it. */
  name: string;
  url: string;
  given: GivenShare[];
  /** The source's own figures, as fractions (both ends of a range). */
  shareOfCountry: ShareRange | null;
  shareOfNetwork: ShareRange | null;
  /** shareOfCountry was derived: the source's share of the network ÷ the country's share in the source's period. */
  derived: boolean;
  certainty: string;
  note: string | null;
};

export type RegionShare = {
  /** ISO 3166-2 code. */
  code: string;
  name: string;
  shareOfCountry: number;
  /** The country's share in the period × shareOfCountry; null when the period has no share for the country. */
  shareOfNetwork: number | null;
  /** Sites basis: the operating sites' capacity (MW) and size (EH/s) and how many there are; null on the published basis. */
  capacityMw: number | null;
  hashrateEh: number | null;
  sites: number | null;
  source: SitesRegionSource | PublishedRegionSource;
};

/** What the regions leave of the country: sites placed in no region (sites basis), or what the source names no region for (published). */
export type Remainder = {
  kind: "unlocated" | "unnamed";
  shareOfCountry: number;
  shareOfNetwork: number | null;
  capacityMw: number | null;
  hashrateEh: number | null;
  sites: number | null;
};

/** A site as the sites basis reads it. */
export type RegionSite = {
  regionCode: string | null;
  regionMethod: "polygon" | "address" | null;
  status: string;
  capacityMw: number | null;
  hashrateEh: number | null;
};

/** A country's operating sites summed: what the sites basis and its coverage rest on. */
export type SitesSummary = {
  dataset: string;
  efficiencyJPerTh: number;
  /** Operating sites, with a size or not. */
  operatingSites: number;
  /** Operating sites with neither a hashrate nor a capacity: counted, of size 0. */
  sitesWithoutSize: number;
  /** Their capacity (MW; sites without one add 0) and size (EH/s by siteSizeEh), all and those placed in a region. */
  capacityMw: number;
  sitedEh: number;
  locatedEh: number;
};

/** Regions by share of the country, largest first; equal shares by code. */
export function byShare(a: RegionShare, b: RegionShare): number {
  return b.shareOfCountry - a.shareOfCountry || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** shareOfNetwork of a part of the country, or null without the country's share. */
export function networkShareOf(countryShare: number | null, shareOfCountry: number): number | null {
  return countryShare === null ? null : shareOfNetworkOf(countryShare, shareOfCountry);
}

type Tally = { sites: number; capacityMw: number; eh: number; polygon: number; address: number };

const emptyTally = (): Tally => ({ sites: 0, capacityMw: 0, eh: 0, polygon: 0, address: 0 });

function tally(sites: readonly RegionSite[], efficiencyJPerTh: number): { byRegion: Map<string, Tally>; unlocated: Tally; withoutSize: number } {
  const byRegion = new Map<string, Tally>();
  const unlocated = emptyTally();
  let withoutSize = 0;
  for (const site of sites) {
    if (site.status !== "operating") continue;
    const t = site.regionCode === null ? unlocated : (byRegion.get(site.regionCode) ?? emptyTally());
    if (site.regionCode !== null) byRegion.set(site.regionCode, t);
    t.sites++;
    t.capacityMw += site.capacityMw ?? 0;
    // One rule for a site's size, the country sums' (stated EH/s, else MW ÷ J/TH): lib/metrics/sites-basis.ts.
    t.eh += siteSizeEh({ countryIso2: "", ...site }, efficiencyJPerTh);
    if (site.regionMethod === "polygon") t.polygon++;
    if (site.regionMethod === "address") t.address++;
    if (site.hashrateEh === null && site.capacityMw === null) withoutSize++;
  }
  return { byRegion, unlocated, withoutSize };
}

/** A country's operating sites summed (the sites basis, and the coverage stated on either basis). */
export function sitesSummary(sites: readonly RegionSite[], efficiencyJPerTh: number, dataset: string): SitesSummary {
  const { byRegion, unlocated, withoutSize } = tally(sites, efficiencyJPerTh);
  const located = [...byRegion.values()];
  const sum = (f: (t: Tally) => number) => located.reduce((s, t) => s + f(t), 0);
  const locatedEh = sum((t) => t.eh);
  return {
    dataset,
    efficiencyJPerTh,
    operatingSites: sum((t) => t.sites) + unlocated.sites,
    sitesWithoutSize: withoutSize,
    capacityMw: sum((t) => t.capacityMw) + unlocated.capacityMw,
    sitedEh: locatedEh + unlocated.eh,
    locatedEh,
  };
}

/** The sites basis is defined for a country whose operating sites placed in a region have a size. */
export const hasSitesBasis = (summary: SitesSummary): boolean => summary.locatedEh > 0;

/** What share of the country's hashrate its sites account for (sitesCoverage); null without the country's share. */
export function coverageOf(summary: SitesSummary, countryShare: number | null, networkHashrateEh: number | null): number | null {
  return countryShare === null ? null : sitesCoverage({ countrySitedEh: summary.sitedEh, countryShare, networkHashrateEh });
}

export type RegionsAnswer = { regions: RegionShare[]; remainder: Remainder };

/**
 * The sites basis: each region's operating sites (EH/s by siteSizeEh) over the country's sited total,
 * every region with an operating site listed; the sites placed in no region are the "unlocated"
 * remainder, so the regions' and the remainder's shares of the country add up to 1.
 */
export function sitesRegions(x: {
  sites: readonly RegionSite[];
  efficiencyJPerTh: number;
  dataset: string;
  countryShare: number | null;
  regionName: (code: string) => string;
}): RegionsAnswer {
  const { byRegion, unlocated } = tally(x.sites, x.efficiencyJPerTh);
  const sitedEh = [...byRegion.values()].reduce((s, t) => s + t.eh, 0) + unlocated.eh;
  const part = (t: Tally) => {
    const shareOfCountry = sitesShareOfCountry(t.eh, sitedEh);
    return { shareOfCountry, shareOfNetwork: networkShareOf(x.countryShare, shareOfCountry), capacityMw: t.capacityMw, hashrateEh: t.eh, sites: t.sites };
  };
  const regions = [...byRegion].map(([code, t]) => ({
    code,
    name: x.regionName(code),
    ...part(t),
    source: { basis: "sites" as const, dataset: x.dataset, placedByPolygon: t.polygon, placedByAddress: t.address },
  }));
  return { regions: regions.sort(byShare), remainder: { kind: "unlocated", ...part(unlocated) } };
}
