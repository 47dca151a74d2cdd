import { type Age, ageOf, monthOf } from "../metrics/age";
import { buildDistribution, DEFAULT_NETWORK_BASIS, type Distribution, type NetworkBasis, type ShareRow } from "../metrics/distribution";
import { type DatasetRef, findDataset } from "../db/datasets";
import { memo } from "../db/data-version";
import { latestNetworkMonth, networkMonths } from "../db/network";
import { shareRows } from "../db/shares";
import { requireSharesDataset } from "./datasets";
import { NotFound } from "./errors";
import { monthTotalProblem, networkMonthProblem, readStored, refuseStored, shareRowProblem } from "./stored-data";

// The one lookup of a shares dataset's months and distributions, cached per data version. The
// dashboard page, /api/distribution, /api/country, /api/periods, the metrics, shocks, simulation
// and export all read a (dataset, period) through it, so they cannot disagree on a month — nor on
// its source and age. A month whose stored figures break the limits of lib/validation/limits.ts
// (an old database) is answered by StoredDataInvalid naming the dataset, the row and the limit.

/** Where a month's shares come from: the dataset itself, or for the best estimate the dataset it took the month from. */
export type PeriodSource = { dataset: string; title: string; publisher: string; method: string | null; url: string; retrievedAt: string };

/** A month's distribution with its source and its age (docs/methodology.md#age). */
export type PeriodDistribution = Distribution & Age & { source: PeriodSource };

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

type Month = { rows: ShareRow[]; source: PeriodSource };
type SharesData = {
  dataset: DatasetRef;
  periods: string[];
  months: ReadonlyMap<string, Month>;
  distributions: ReadonlyMap<string, PeriodDistribution>;
  /** Months whose stored figures cannot be used, with what is wrong: they have no distribution. */
  problems: ReadonlyMap<string, string>;
};

const sourceOf = (d: DatasetRef): PeriodSource => ({
  dataset: d.slug,
  title: d.title,
  publisher: d.publisher,
  method: d.method,
  url: d.url,
  retrievedAt: d.retrievedAt,
});

/** Every month of a shares dataset, built from its rows (one query) and the network hashrate. */
function sharesData(slug: string): Promise<SharesData> {
  return memo(`shares:${slug}`, async () => {
    const dataset = await requireSharesDataset(slug);
    const [rows, network] = await Promise.all([
      readStored(`dataset "${dataset.slug}"`, () => shareRows(dataset.id)),
      networkMonths().then((list) => new Map(list.map((m) => [m.period, m]))),
    ]);
    const sourceSlugs = [...new Set(rows.map((r) => r.sourceDataset).filter((s): s is string => s !== null))];
    const sourceRefs = new Map<string, PeriodSource>();
    for (const ref of await Promise.all(sourceSlugs.map((s) => findDataset(s)))) if (ref) sourceRefs.set(ref.slug, sourceOf(ref));
    const own = sourceOf(dataset);
    const months = new Map<string, Month>();
    const problems = new Map<string, string>();
    for (const { period, sourceDataset, ...row } of rows) {
      if (!problems.has(period)) {
        const problem = shareRowProblem(dataset.slug, period, { ...row, sourceDataset });
        if (problem) problems.set(period, problem);
      }
      const month = months.get(period);
      if (month) month.rows.push(row);
      else months.set(period, { rows: [row], source: (sourceDataset !== null ? sourceRefs.get(sourceDataset) : undefined) ?? own });
    }
    const today = monthOf(new Date());
    const distributions = new Map<string, PeriodDistribution>();
    for (const [period, { rows: list, source }] of months) {
      if (problems.has(period)) continue;
      const networkMonth = network.get(period);
      const d = buildDistribution(dataset.slug, period, list, networkMonth?.hashrateEh ?? null);
      // The network hashrate the month is applied to: its own figures' sum, or the network data's month.
      const problem =
        d.networkHashrateSource === "dataset"
          ? monthTotalProblem(dataset.slug, period, d.networkHashrateEh ?? 0)
          : d.networkHashrateSource === "network" && networkMonth
            ? networkMonthProblem(networkMonth)
            : null;
      if (problem) problems.set(period, problem);
      else distributions.set(period, { ...d, ...ageOf(period, today), source });
    }
    return { dataset, periods: [...months.keys()], months, distributions, problems };
  });
}

/** The months a shares dataset covers, oldest first, each with the dataset it is taken from. */
export async function sharesPeriods(slug: string): Promise<{ dataset: string; periods: string[]; sources: { period: string; dataset: string }[] }> {
  const { dataset, periods, months } = await sharesData(slug);
  return { dataset: dataset.slug, periods, sources: periods.map((period) => ({ period, dataset: months.get(period)?.source.dataset ?? dataset.slug })) };
}

/**
 * The distribution of one month (default: the latest); NotFound names the months there are.
 * network "latest" applies the month's shares to the newest month of network data.
 */
export async function periodDistribution(slug: string, period: string | undefined, network: NetworkBasis = DEFAULT_NETWORK_BASIS): Promise<PeriodDistribution> {
  const { dataset, periods, months, distributions, problems } = await sharesData(slug);
  const wanted = period ?? periods.at(-1) ?? "";
  refuseStored(problems.get(wanted) ?? null);
  const distribution = distributions.get(wanted);
  if (!distribution) {
    const range = periods.length ? ` (it covers ${periods[0]} … ${periods.at(-1)}: ${periods.join(", ")})` : "";
    throw new NotFound(`dataset "${dataset.slug}" has no data for period ${period ?? "(none)"}${range}`, "period");
  }
  if (network === "period") return distribution;
  return memo(`shares:${slug}:${distribution.period}:latest-network`, async () => {
    // The newest month of network data (seeded or synced) is what "apply to the latest network hashrate" multiplies by.
    const latest = await latestNetworkMonth();
    const month = months.get(distribution.period);
    if (!latest || !month) return distribution;
    refuseStored(networkMonthProblem(latest));
    return { ...distribution, ...buildDistribution(dataset.slug, distribution.period, month.rows, null, latest) };
  });
}

/** Every month's distribution, oldest first. */
export async function distributionSeries(slug: string): Promise<PeriodDistribution[]> {
  return [...(await everyMonth(slug)).distributions.values()];
}

/** The dataset's months, every one of them usable (else the first problem is refused). */
async function everyMonth(slug: string): Promise<SharesData> {
  const data = await sharesData(slug);
  refuseStored(data.problems.get(data.periods.find((p) => data.problems.has(p)) ?? "") ?? null);
  return data;
}

export type CountryHistoryRow = { period: string; share: number | null; hashrateEh: number | null; rank: number | null; source: string; ageMonths: number };

/** One country's share in every month of a dataset, with its rank among the attributed countries. */
export async function countryHistory(slug: string, iso2: string): Promise<{ dataset: string; history: CountryHistoryRow[] }> {
  const { dataset, distributions } = await everyMonth(slug);
  const history = [...distributions.values()].map((d) => {
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
  return { dataset: dataset.slug, history };
}
