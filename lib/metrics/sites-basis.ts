import type { MetricDistribution } from "./concentration";
import { MetricsError } from "./errors";

// Basis "sites": a distribution from the mining sites themselves, for comparison with the estimates.

type SiteForBasis = { countryIso2: string; status: string; hashrateEh: number | null; capacityMw: number | null };

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

/**
 * Sum operating sites by country: a site's stated EH/s, else capacityMw / efficiency (MW ÷ J/TH =
 * EH/s). The network hashrate not covered by the sites is unattributed.
 */
export function sitesDistribution(sites: readonly SiteForBasis[], efficiencyJPerTh: number, networkHashrateEh: number | null): SitesBasis {
  if (!Number.isFinite(efficiencyJPerTh) || efficiencyJPerTh <= 0) {
    throw new MetricsError("invalid-parameter", `efficiency must be a finite number of J/TH above 0, got ${efficiencyJPerTh}`, "efficiency");
  }
  const byCountry = new Map<string, number>();
  let converted = 0;
  let total = 0;
  let counted = 0;
  let withoutSize = 0;
  for (const site of sites) {
    if (site.status !== "operating") continue;
    let eh: number;
    if (site.hashrateEh !== null) eh = site.hashrateEh;
    else if (site.capacityMw !== null) {
      eh = site.capacityMw / efficiencyJPerTh;
      converted += eh;
    } else {
      withoutSize++;
      continue;
    }
    counted++;
    total += eh;
    byCountry.set(site.countryIso2, (byCountry.get(site.countryIso2) ?? 0) + eh);
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
