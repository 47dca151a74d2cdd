import type { Distribution } from "../metrics/distribution";
import { formatEh, formatPeriod, formatShare } from "./format";

export type ShareMapView = {
  title: string;
  values: { iso2: string; value: number; tooltip: string }[];
  rows: { iso2: string; name: string; share: string; hashrate: string }[];
  facts: { label: string; value: string }[];
};

/** Distribution → what the map and its table show, already formatted (the render does no arithmetic). */
export function shareMapView(distribution: Distribution, datasetTitle: string): ShareMapView {
  return {
    title: `Share of Bitcoin hashrate by country, ${formatPeriod(distribution.period)}`,
    values: distribution.countries.map((c) => ({
      iso2: c.iso2,
      value: c.share,
      tooltip: `${formatShare(c.share)} of hashrate · ${formatEh(c.hashrateEh)}`,
    })),
    rows: distribution.countries.map((c) => ({ iso2: c.iso2, name: c.name, share: formatShare(c.share), hashrate: formatEh(c.hashrateEh) })),
    facts: [
      { label: "Dataset", value: datasetTitle },
      { label: "Period", value: formatPeriod(distribution.period) },
      { label: "Network hashrate", value: formatEh(distribution.networkHashrateEh) },
      { label: "Unattributed (“Other”)", value: formatShare(distribution.unattributedShare) },
      { label: "Countries with a share", value: String(distribution.countries.length) },
    ],
  };
}
