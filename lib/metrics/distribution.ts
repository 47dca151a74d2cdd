// Pure assembly of a (dataset, period) distribution from its share rows. No IO.

export type ShareRow = { iso2: string | null; name: string | null; share: number; hashrateEh: number | null };

export type CountryShare = { iso2: string; name: string; share: number; hashrateEh: number | null };

export type Distribution = {
  period: string;
  dataset: string;
  /** Network hashrate of the period (EH/s), null when neither the dataset nor NetworkStat has it. */
  networkHashrateEh: number | null;
  /** "dataset": the sum of the dataset's own absolute figures; "network-monthly": NetworkStat. */
  networkHashrateSource: "dataset" | "network-monthly" | null;
  unattributedShare: number;
  /** Largest share first; ties by ISO code so the order is stable. */
  countries: CountryShare[];
};

/**
 * The network hashrate of a period is the dataset's own absolute total where every row of the
 * period has one (CBECI), otherwise the month's NetworkStat (docs/methodology.md#network-hashrate).
 */
export function buildDistribution(dataset: string, period: string, rows: readonly ShareRow[], networkStatEh: number | null): Distribution {
  const ownTotal = rows.length > 0 && rows.every((r) => r.hashrateEh !== null) ? rows.reduce((s, r) => s + (r.hashrateEh ?? 0), 0) : null;
  const networkHashrateEh = ownTotal ?? networkStatEh;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const countries = rows
    .filter((r): r is ShareRow & { iso2: string } => r.iso2 !== null)
    .map((r) => ({
      iso2: r.iso2,
      name: r.name ?? r.iso2,
      share: r.share,
      hashrateEh: r.hashrateEh ?? (networkHashrateEh === null ? null : round(r.share * networkHashrateEh)),
    }))
    .sort((a, b) => b.share - a.share || a.iso2.localeCompare(b.iso2));
  const unattributedShare = rows.filter((r) => r.iso2 === null).reduce((s, r) => s + r.share, 0);
  return {
    period,
    dataset,
    networkHashrateEh: networkHashrateEh === null ? null : round(networkHashrateEh),
    networkHashrateSource: ownTotal !== null ? "dataset" : networkStatEh !== null ? "network-monthly" : null,
    unattributedShare,
    countries,
  };
}
