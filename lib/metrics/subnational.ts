import { MetricsError } from "./errors";
import { checkFraction } from "./shock";

// Shares below the country and what losing them costs the network (docs/methodology.md#regions-and-sites).
// Every figure states its basis: "sites" — the seeded sites' sizes (stated EH/s, else MW ÷ J/TH:
// siteSizeEh) over the country's sited total, with the coverage of those sites; "published" — a
// sub-national estimate from a source, with its period.

export const REGION_BASES = ["sites", "published"] as const;
export type RegionBasis = (typeof REGION_BASES)[number];

function check(value: number, what: string, max = Infinity): number {
  if (!Number.isFinite(value) || value < 0 || value > max) {
    throw new MetricsError("invalid-parameter", `${what} must be a finite number within 0–${max}, got ${value}`, what);
  }
  return value;
}

/** A part of a country (a region, some sites) as a share of the network: the country's share × the part's share of the country. */
export function shareOfNetworkOf(countryShare: number, shareOfCountry: number): number {
  return check(countryShare, "countryShare", 1) * check(shareOfCountry, "shareOfCountry", 1);
}

export type RegionLoss = { basis: RegionBasis; shareOfNetwork: number; lostShare: number };

/** What a region going dark alone takes off the network: its shareOfNetwork × fraction. */
export function regionLoss(x: { countryShare: number; shareOfCountry: number; fraction: number; basis: RegionBasis }): RegionLoss {
  const shareOfNetwork = shareOfNetworkOf(x.countryShare, x.shareOfCountry);
  return { basis: x.basis, shareOfNetwork, lostShare: shareOfNetwork * checkFraction(x.fraction, "the region") };
}

/**
 * Sites' share of their country on the sites basis: their EH/s ÷ the country's sited EH/s (both by
 * siteSizeEh); 0 for a country without sited capacity (its sites have no size, so none is lost).
 */
export function sitesShareOfCountry(sitesEh: number, countrySitedEh: number): number {
  check(sitesEh, "sitesEh");
  check(countrySitedEh, "countrySitedEh");
  if (sitesEh > countrySitedEh * (1 + 1e-9)) {
    throw new MetricsError("invalid-parameter", `sites of ${sitesEh} EH/s cannot be more than their country's sited ${countrySitedEh} EH/s`, "sitesEh");
  }
  return countrySitedEh > 0 ? Math.min(1, sitesEh / countrySitedEh) : 0;
}

/**
 * How much of a country's estimated hashrate its sites account for: sited EH/s ÷ (country share ×
 * network EH/s). Above 1 when the sites' sizes exceed the estimate (nameplate MW, or a share that
 * lags the build-out): reported as it is, since it says how far the sites basis can be trusted.
 * Null when the country's hashrate is unknown or zero.
 */
export function sitesCoverage(x: { countrySitedEh: number; countryShare: number; networkHashrateEh: number | null }): number | null {
  check(x.countrySitedEh, "countrySitedEh");
  check(x.countryShare, "countryShare", 1);
  if (x.networkHashrateEh === null) return null;
  const countryEh = x.countryShare * check(x.networkHashrateEh, "networkHashrateEh");
  return countryEh > 0 ? x.countrySitedEh / countryEh : null;
}

export type SitesLoss = { basis: "sites"; shareOfCountry: number; shareOfNetwork: number; lostShare: number; coverage: number | null };

/** What some sites of one country going dark take off the network: sites ÷ country's sited × country's share × fraction, with the coverage. */
export function sitesLoss(x: { sitesEh: number; countrySitedEh: number; countryShare: number; networkHashrateEh: number | null; fraction: number }): SitesLoss {
  const shareOfCountry = sitesShareOfCountry(x.sitesEh, x.countrySitedEh);
  const shareOfNetwork = shareOfNetworkOf(x.countryShare, shareOfCountry);
  return {
    basis: "sites",
    shareOfCountry,
    shareOfNetwork,
    lostShare: shareOfNetwork * checkFraction(x.fraction, "the sites"),
    coverage: sitesCoverage(x),
  };
}
