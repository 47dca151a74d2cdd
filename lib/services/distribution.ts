import type { Age } from "../metrics/age";
import { buildDistribution, DEFAULT_NETWORK_BASIS, type NetworkBasis } from "../metrics/distribution";
import { memo } from "../db/data-version";
import { latestNetworkMonth, type NetworkMonth } from "../db/network";
import { NotFound } from "./errors";
import { networkMonthProblem, refuseStored } from "./stored-data";
import { type PeriodDistribution, type PeriodSource, type SharesData, withShares } from "./shares-months";

// The one lookup of a shares dataset's months and distributions, cached per data version. The
// dashboard page, /api/distribution, /api/country, /api/periods, the metrics, shocks, simulation
// and export all read a (dataset, period) through it, so they cannot disagree on a month — nor on
// its source and age. How the months are read is lib/services/shares-months.ts; a month whose stored
// figures break a limit is refused there, with StoredDataInvalid (409) naming the dataset.

export type { PeriodDistribution, PeriodSource };

/** What a share-based answer says about its month: how old it is, where it comes from, which network hashrate it uses. */
export type Provenance = Age & {
  source: PeriodSource | null;
  networkHashrateSource: PeriodDistribution["networkHashrateSource"];
  networkHashratePeriod: string | null;
};

export function provenanceOf(d: PeriodDistribution): Provenance {
  return {
    asOf: d.asOf,
    ageMonths: d.ageMonths,
    stale: d.stale,
    source: d.source,
    networkHashrateSource: d.networkHashrateSource,
    networkHashratePeriod: d.networkHashratePeriod,
  };
}

/** The months a shares dataset covers, oldest first, each with the dataset it is taken from. */
export function sharesPeriods(slug: string): Promise<{ dataset: string; periods: string[]; sources: { period: string; dataset: string }[] }> {
  return withShares(slug, ({ dataset, periods, sources }) => ({
    dataset: dataset.slug,
    periods: [...periods],
    sources: periods.map((period) => ({ period, dataset: sources.get(period)?.dataset ?? dataset.slug })),
  }));
}

/** The month's shares applied to the newest month of network data (own absolute figures set aside). */
async function onLatestNetwork(data: SharesData, distribution: PeriodDistribution, latest: NetworkMonth | null): Promise<PeriodDistribution> {
  if (!latest) return distribution;
  refuseStored(networkMonthProblem(latest));
  return { ...distribution, ...buildDistribution(data.dataset.slug, distribution.period, await data.rows(distribution.period), null, latest) };
}

/**
 * The distribution of one month (default: the latest); NotFound names the months there are.
 * network "latest" applies the month's shares to the newest month of network data.
 */
export function periodDistribution(slug: string, period: string | undefined, network: NetworkBasis = DEFAULT_NETWORK_BASIS): Promise<PeriodDistribution> {
  return withShares(slug, async (data) => {
    const wanted = period ?? data.periods.at(-1) ?? "";
    if (!data.sources.has(wanted)) {
      const { periods } = data;
      const range = periods.length ? ` (it covers ${periods[0]} … ${periods.at(-1)}: ${periods.join(", ")})` : "";
      throw new NotFound(`dataset "${data.dataset.slug}" has no data for period ${period ?? "(none)"}${range}`, "period");
    }
    const month = await data.month(wanted);
    if (network === "period") return month;
    // The newest month of network data (seeded or synced) is what "apply to the latest network hashrate" multiplies by.
    return memo(`shares:${slug}:${wanted}:latest-network`, async () => onLatestNetwork(data, month, await latestNetworkMonth()));
  });
}

/** `fn` of every month's distribution, oldest first, all from one version of the dataset, giving way between months (the series, a country's history). */
export function mapMonths<U>(slug: string, fn: (d: PeriodDistribution) => U): Promise<U[]> {
  return withShares(slug, (data) => data.walk(fn));
}

/** Every month of a dataset for a file written as it is read: what was gathered of each month first, and the months again, one by one. */
export type EveryMonth<U> = { gathered: U[]; each: () => AsyncIterable<PeriodDistribution> };

/**
 * Every month of a dataset for an export of every month. Each month is built (and checked: a stored
 * value beyond a limit refuses the export before its first byte) for `gather` now, a slice at a time,
 * and built again by `each` as the file is written, so that the months are never all in memory at
 * once. A dataset replaced in between ends `each` with Busy rather than mixing two versions.
 * network "latest" applies each month's shares to the newest month of network data.
 */
export function everyMonth<U>(slug: string, network: NetworkBasis, gather: (d: PeriodDistribution) => U): Promise<EveryMonth<U>> {
  return withShares(slug, async (data) => {
    const latest = network === "period" ? null : await latestNetworkMonth();
    const basis = (d: PeriodDistribution) => (network === "period" ? d : onLatestNetwork(data, d, latest));
    const gathered = await data.walk(async (d) => gather(await basis(d)));
    return { gathered, each: () => data.each(basis) };
  });
}

export type CountryHistoryRow = { period: string; share: number | null; hashrateEh: number | null; rank: number | null; source: string; ageMonths: number };

/** One country's share in every month of a dataset, with its rank among the attributed countries. */
export async function countryHistory(slug: string, iso2: string): Promise<{ dataset: string; history: CountryHistoryRow[] }> {
  return withShares(slug, async (data) => {
    const history = await data.walk((d) => {
      const index = d.countries.findIndex((c) => c.iso2 === iso2);
      const row = index >= 0 ? d.countries[index] : undefined;
      return {
        period: d.period,
        share: row?.share ?? null,
        hashrateEh: row?.hashrateEh ?? null,
        rank: row && row.share > 0 ? index + 1 : null,
        source: d.source.dataset,
        ageMonths: d.ageMonths,
      };
    });
    return { dataset: data.dataset.slug, history };
  });
}
