import type { MetricDistribution } from "./concentration";
import { MetricsError } from "./errors";

// Basis "sites": a distribution from the mining sites themselves, for comparison with the estimates.
// It reads sums, not sites: the database adds a dataset's sites up per country and status
// (lib/db/sites.ts siteGroups), so the cost does not grow with the number of sites.

/** The sites of one country with one status, summed. */
export type SiteGroup = {
  countryIso2: string;
  status: string;
  /** Sites in the group. */
  sites: number;
  /** Sites with a stated hashrate, and that hashrate summed (EH/s). */
  stated: number;
  statedEh: number;
  /** Sites with no stated hashrate but a capacity, and that capacity summed (MW). */
  fromCapacity: number;
  capacityMw: number;
};

type SitesBasis = {
  distribution: MetricDistribution;
  /** EH/s of the counted sites. */
  sitesEh: number;
  /** Operating sites that have a hashrate or a capacity. */
  sitesCounted: number;
  /** Operating sites with neither a hashrate nor a capacity: left out. */
  sitesWithoutSize: number;
  /** Share of the counted EH/s that was converted from capacity (MW ÷ J/TH), not stated by the source. */
  capacityConvertedShare: number;
};

type SiteSize = { countryIso2: string; status: string; hashrateEh: number | null; capacityMw: number | null };

/** What one site adds to its group: for callers (and tests) that hold sites rather than sums. */
export function groupSites(sites: readonly SiteSize[]): SiteGroup[] {
  const groups = new Map<string, SiteGroup>();
  for (const s of sites) {
    const key = `${s.countryIso2}\u0000${s.status}`;
    const g = groups.get(key) ?? { countryIso2: s.countryIso2, status: s.status, sites: 0, stated: 0, statedEh: 0, fromCapacity: 0, capacityMw: 0 };
    g.sites++;
    if (s.hashrateEh !== null) {
      g.stated++;
      g.statedEh += s.hashrateEh;
    } else if (s.capacityMw !== null) {
      g.fromCapacity++;
      g.capacityMw += s.capacityMw;
    }
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** One site's size on the sites basis, by the same rule as the country sums: its stated EH/s, else MW ÷ J/TH; 0 unless operating. */
export function siteSizeEh(site: SiteSize, efficiencyJPerTh: number): number {
  return sitesDistribution(groupSites([site]), efficiencyJPerTh, null).sitesEh;
}

/**
 * Sum operating sites by country: a site's stated EH/s, else capacityMw / efficiency (MW ÷ J/TH =
 * EH/s). The network hashrate not covered by the sites is unattributed.
 */
export function sitesDistribution(groups: readonly SiteGroup[], efficiencyJPerTh: number, networkHashrateEh: number | null): SitesBasis {
  if (!Number.isFinite(efficiencyJPerTh) || efficiencyJPerTh <= 0) {
    throw new MetricsError("invalid-parameter", `efficiency must be a finite number of J/TH above 0, got ${efficiencyJPerTh}`, "efficiency");
  }
  const byCountry = new Map<string, number>();
  let converted = 0;
  let total = 0;
  let counted = 0;
  let withoutSize = 0;
  for (const g of groups) {
    if (g.status !== "operating") continue;
    const fromCapacity = g.capacityMw / efficiencyJPerTh;
    const eh = g.statedEh + fromCapacity;
    converted += fromCapacity;
    counted += g.stated + g.fromCapacity;
    withoutSize += g.sites - g.stated - g.fromCapacity;
    if (g.stated + g.fromCapacity === 0) continue;
    total += eh;
    byCountry.set(g.countryIso2, (byCountry.get(g.countryIso2) ?? 0) + eh);
  }
  return {
    distribution: {
      countries: [...byCountry].map(([country, weight]) => ({ country, weight })),
      unattributed: networkHashrateEh === null ? 0 : Math.max(0, networkHashrateEh - total),
    },
    sitesEh: total,
    sitesCounted: counted,
    sitesWithoutSize: withoutSize,
    capacityConvertedShare: total > 0 ? converted / total : 0,
  };
}
