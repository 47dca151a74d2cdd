import { networkMonths } from "../db/network";
import { regionRows, type Row } from "../io/export";
import type { RegionBasis } from "../metrics/subnational";
import { countryRegions } from "./regions";

// GET /api/export?what=regions: the answer of /api/regions for the query's country, basis and month —
// its regions and remainder as rows, the rest (basis, coverage, the estimate used and the others) in the metadata.

export async function gatherRegions(q: { country: string; basis?: RegionBasis; dataset: string; period?: string }) {
  const answer = await countryRegions({ country: q.country, dataset: q.dataset, period: q.period, basis: q.basis });
  const { regions: _regions, remainder: _remainder, ...figures } = answer;
  const rows: Row[] = regionRows(answer);
  return {
    rows,
    query: { what: "regions", country: answer.country, basis: answer.basis, dataset: answer.dataset, period: answer.period },
    file: { dataset: answer.dataset, period: answer.period, extra: `${answer.country}-${answer.basis}` },
    regions: figures,
    sources: async () => {
      const network =
        answer.networkHashrateSource !== "dataset" && answer.networkHashratePeriod !== null
          ? (await networkMonths()).find((m) => m.period === answer.networkHashratePeriod)?.source
          : undefined;
      // The shares (and the month the derivation divides by), the network hashrate the coverage uses, the sites, the estimate.
      return [
        ...new Set(
          [
            answer.dataset,
            answer.source.dataset,
            answer.published?.countryShareAtSource?.source,
            network,
            answer.sites.dataset,
            answer.published?.dataset,
          ].filter((s): s is string => s !== undefined),
        ),
      ];
    },
  };
}
