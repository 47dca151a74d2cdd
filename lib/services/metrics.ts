import type { MetricDistribution } from "../metrics/concentration";
import type { Distribution } from "../metrics/distribution";
import { metricsReport, type MetricsReport, seriesRow, type SeriesRow, shockSets, shockTable, type ShockRow } from "../metrics/report";
import { sitesDistribution } from "../metrics/sites-basis";
import { blockSubsidyForPeriod } from "../metrics/subsidy";
import { memo } from "../db/data-version";
import { networkHashrateByPeriod, networkMonths } from "../db/network";
import { allBlocs, countryNames } from "../db/reference";
import { siteGroups } from "../db/sites";
import { DEFAULT_SHARES_DATASET } from "../scenario/limits";
import { DEFAULT_SITES_DATASET, requireDataset } from "./datasets";
import { ageOf, monthOf } from "../metrics/age";
import { DEFAULT_NETWORK_BASIS, type NetworkBasis } from "../metrics/distribution";
import { mapMonths, periodDistribution, type PeriodDistribution, type Provenance, provenanceOf } from "./distribution";
import { NotFound } from "./errors";
import { networkMonthProblem, refuseStored, sitesBasisProblem, storedPriceRows } from "./stored-data";

// Reads what a metric needs (lib/db, the distribution lookup), hands it to the pure engine
// (lib/metrics) and keeps the result per data version. Routes, the page and the export call these.

export function toMetricDistribution(d: Distribution): MetricDistribution {
  return { countries: d.countries.map((c) => ({ country: c.iso2, weight: c.share })), unattributed: d.unattributedShare };
}

export type MetricsRequest = { dataset?: string; period?: string; basis: "estimate" | "sites"; efficiency: number; network?: NetworkBasis };

export type Metrics = MetricsReport & Provenance & { sites?: Omit<ReturnType<typeof sitesDistribution>, "distribution"> };

export function getMetrics(query: MetricsRequest): Promise<Metrics> {
  const basis = query.network ?? DEFAULT_NETWORK_BASIS;
  const key = `metrics:${query.basis}:${query.dataset ?? ""}:${query.period ?? ""}:${query.efficiency}:${basis}`;
  return memo(key, async () => {
    const [names, prices] = await Promise.all([countryNames(), storedPriceRows()]);
    if (query.basis === "estimate") {
      const d = await periodDistribution(query.dataset ?? DEFAULT_SHARES_DATASET, query.period, basis);
      return estimateMetrics(d, { names, prices }, query.efficiency);
    }
    const slug = query.dataset ?? DEFAULT_SITES_DATASET;
    const dataset = await requireDataset(slug, "sites", (held) => `basis=sites needs a sites dataset; "${slug}" holds ${held}`);
    const network = await networkHashrateByPeriod();
    const periods = [...network.keys()].sort();
    const period = query.period ?? periods.at(-1);
    if (!period || !network.has(period)) {
      throw new NotFound(`no network hashrate for period ${query.period ?? "(none)"} (the network data covers ${periods[0]} … ${periods.at(-1)})`, "period");
    }
    const month = (await networkMonths()).find((m) => m.period === period);
    if (month) refuseStored(networkMonthProblem(month));
    // Summed per country and status in SQL, for this dataset only; the pure core converts and counts.
    const { distribution, ...sitesInfo } = sitesDistribution(await siteGroups(dataset.id), query.efficiency, network.get(period) ?? null);
    refuseStored(sitesBasisProblem(slug, distribution));
    const report = metricsReport({
      dataset: slug,
      period,
      basis: "sites",
      distribution,
      names,
      networkHashrateEh: network.get(period) ?? null,
      prices,
      efficiencyJPerTh: query.efficiency,
      blockSubsidyBtc: blockSubsidyForPeriod(period),
    });
    // Sites are counted as they stand; the age is that of the network month they are set against.
    return {
      ...report,
      ...ageOf(period, monthOf(new Date())),
      source: null,
      networkHashrateSource: "network",
      networkHashratePeriod: period,
      sites: sitesInfo,
    };
  });
}

export type MetricsReference = { names: ReadonlyMap<string, string>; prices: Awaited<ReturnType<typeof storedPriceRows>> };

/** What every metrics report is drawn up with: the countries' names and the power prices. */
export async function metricsReference(): Promise<MetricsReference> {
  const [names, prices] = await Promise.all([countryNames(), storedPriceRows()]);
  return { names, prices };
}

/** The metrics of one month of a shares dataset (basis=estimate), computed afresh from the reference data given. */
export function estimateMetrics(d: PeriodDistribution, reference: MetricsReference, efficiency: number): Metrics {
  const report = metricsReport({
    dataset: d.dataset,
    period: d.period,
    basis: "estimate",
    distribution: toMetricDistribution(d),
    names: reference.names,
    networkHashrateEh: d.networkHashrateEh,
    prices: reference.prices,
    efficiencyJPerTh: efficiency,
    blockSubsidyBtc: blockSubsidyForPeriod(d.period),
  });
  return { ...report, ...provenanceOf(d) };
}

export function getSeries(slug: string): Promise<{ dataset: string; rows: (SeriesRow & { source: string; ageMonths: number })[] }> {
  return memo(`series:${slug}`, async () => {
    return {
      dataset: slug,
      rows: await mapMonths(slug, (d) => ({
        ...seriesRow(d.period, toMetricDistribution(d), d.networkHashrateEh),
        source: d.source.dataset,
        ageMonths: d.ageMonths,
      })),
    };
  });
}

export type ShocksRequest = { dataset: string; period?: string; blocksIntoEpoch: number; network?: NetworkBasis };
export type Shocks = Provenance & { period: string; dataset: string; blocksIntoEpoch: number; networkHashrateEh: number | null; rows: ShockRow[] };

export function getShocks(query: ShocksRequest): Promise<Shocks> {
  const network = query.network ?? DEFAULT_NETWORK_BASIS;
  return memo(`shocks:${query.dataset}:${query.period ?? ""}:${query.blocksIntoEpoch}:${network}`, async () => {
    const [d, reference] = await Promise.all([periodDistribution(query.dataset, query.period, network), shockReference()]);
    return monthShocks(d, reference, query.blocksIntoEpoch);
  });
}

export type ShockReference = { names: ReadonlyMap<string, string>; blocs: Awaited<ReturnType<typeof allBlocs>> };

/** What every shock table is drawn up with: the countries' names and the blocs. */
export async function shockReference(): Promise<ShockReference> {
  const [names, blocs] = await Promise.all([countryNames(), allBlocs()]);
  return { names, blocs };
}

/** The shock table of one month, computed afresh (an export of every month streams them instead of keeping them). */
export function monthShocks(d: PeriodDistribution, reference: ShockReference, blocksIntoEpoch: number): Shocks {
  return {
    period: d.period,
    dataset: d.dataset,
    ...provenanceOf(d),
    blocksIntoEpoch,
    networkHashrateEh: d.networkHashrateEh,
    rows: shockTable({ distribution: toMetricDistribution(d), ...reference, networkHashrateEh: d.networkHashrateEh, blocksIntoEpoch }),
  };
}

/** How many rows the month's shock table has, without computing it. */
export function monthShockCount(d: PeriodDistribution, reference: ShockReference): number {
  return shockSets(toMetricDistribution(d), reference.names, reference.blocs).length;
}
