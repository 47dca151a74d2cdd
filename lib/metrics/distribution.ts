// Pure assembly of a (dataset, period) distribution from its share rows. No IO.

export type ShareRow = { iso2: string | null; name: string | null; share: number; hashrateEh: number | null };

export type CountryShare = { iso2: string; name: string; share: number; hashrateEh: number | null };

/** Which network hashrate a month's shares are applied to: their own month's, or the newest month's. */
export const NETWORK_BASES = ["period", "latest"] as const;
export type NetworkBasis = (typeof NETWORK_BASES)[number];
export const DEFAULT_NETWORK_BASIS: NetworkBasis = "period";

export type NetworkHashrateSource = "dataset" | "network" | "latest-network";

/** The newest month of network data, to apply a period's shares to today's network size. */
export type LatestNetwork = { period: string; hashrateEh: number };

export type Distribution = {
  period: string;
  dataset: string;
  /** Network hashrate the shares are applied to (EH/s), null when neither the dataset nor the network data has it. */
  networkHashrateEh: number | null;
  /**
   * "dataset": the sum of the dataset's own absolute figures; "network": the network data of the
   * shares' own month; "latest-network": the newest month of network data (today's network size).
   */
  networkHashrateSource: NetworkHashrateSource | null;
  /** The month of that network hashrate. */
  networkHashratePeriod: string | null;
  unattributedShare: number;
  /** Largest share first; ties by ISO code so the order is stable. */
  countries: CountryShare[];
};

/**
 * The network hashrate of a period is the dataset's own absolute total where every row of the
 * period has one (CBECI), otherwise the month's network data (docs/methodology.md#network-hashrate).
 * Given `latest`, the shares are applied to the newest month of network data instead, own absolute
 * figures included: they describe the period, not today.
 */
export function buildDistribution(
  dataset: string,
  period: string,
  rows: readonly ShareRow[],
  networkStatEh: number | null,
  latest?: LatestNetwork,
): Distribution {
  const ownTotal = !latest && rows.length > 0 && rows.every((r) => r.hashrateEh !== null) ? rows.reduce((s, r) => s + (r.hashrateEh ?? 0), 0) : null;
  const networkHashrateEh = latest ? latest.hashrateEh : (ownTotal ?? networkStatEh);
  const source: NetworkHashrateSource | null = latest ? "latest-network" : ownTotal !== null ? "dataset" : networkStatEh !== null ? "network" : null;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const countries = rows
    .filter((r): r is ShareRow & { iso2: string } => r.iso2 !== null)
    .map((r) => ({
      iso2: r.iso2,
      name: r.name ?? r.iso2,
      share: r.share,
      hashrateEh: (latest ? null : r.hashrateEh) ?? (networkHashrateEh === null ? null : round(r.share * networkHashrateEh)),
    }))
    .sort((a, b) => b.share - a.share || a.iso2.localeCompare(b.iso2));
  const unattributedShare = rows.filter((r) => r.iso2 === null).reduce((s, r) => s + r.share, 0);
  return {
    period,
    dataset,
    networkHashrateEh: networkHashrateEh === null ? null : round(networkHashrateEh),
    networkHashrateSource: source,
    networkHashratePeriod: latest ? latest.period : source === null ? null : period,
    unattributedShare,
    countries,
  };
}
