import "server-only";
import type { MetricDistribution } from "../metrics/concentration";
import type { Distribution } from "../metrics/distribution";
import { metricsReport, type MetricsReport, seriesRow, type SeriesRow, shockTable, type ShockRow } from "../metrics/report";
import { sitesDistribution } from "../metrics/sites-basis";
import { blockSubsidyForPeriod } from "../metrics/subsidy";
import { findDataset } from "../db/datasets";
import { dataVersion, memo } from "../db/data-version";
import { allBlocs, allPriceRows, countryNames, networkHashrateByPeriod } from "../db/reference";
import { listPeriods, loadDistribution, loadSharesByPeriod } from "../db/shares";
import { listSites } from "../db/sites";
import { ApiError } from "./respond";
import { createResponseCache } from "./response-cache";
import { requireSharesDataset } from "./datasets";

// Reads what a metric needs (lib/db), hands it to the pure engine (lib/metrics), caches the result
// per data version. Route handlers only parse their input and call these.

export const DEFAULT_SITES_DATASET = "mining-sites";

/**
 * The serialised answer of a cached computation: repeated requests for the same data version cost
 * one version check, not a recomputation, re-serialisation or re-encoding.
 */
export function cachedJson(key: string, compute: () => Promise<unknown>): Promise<Uint8Array<ArrayBuffer>> {
  return responses.get(key, compute);
}

/** 64 MiB of answers: thousands of scenarios at the default horizon, ~150 at the longest. */
const RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;
const responses = createResponseCache(RESPONSE_CACHE_BYTES, dataVersion);

export function toMetricDistribution(d: Distribution): MetricDistribution {
  return { countries: d.countries.map((c) => ({ country: c.iso2, weight: c.share })), unattributed: d.unattributedShare };
}

async function resolvePeriod(datasetId: number, slug: string, period: string | undefined): Promise<string> {
  const periods = await memo(`periods:${datasetId}`, () => listPeriods(datasetId));
  const chosen = period ?? periods.at(-1);
  if (!chosen || !periods.includes(chosen)) {
    const range = periods.length ? ` (it covers ${periods[0]} … ${periods.at(-1)}: ${periods.join(", ")})` : "";
    throw new ApiError(404, `dataset "${slug}" has no data for period ${period ?? "(none)"}${range}`, "period");
  }
  return chosen;
}

export async function estimateDistribution(slug: string, period: string | undefined) {
  const dataset = await requireSharesDataset(slug);
  const chosen = await resolvePeriod(dataset.id, dataset.slug, period);
  const distribution = await memo(`distribution:${dataset.id}:${chosen}`, () => loadDistribution(dataset, chosen));
  if (!distribution) throw new ApiError(404, `dataset "${slug}" has no data for period ${chosen}`, "period");
  return distribution;
}

export type MetricsQueryInput = { dataset?: string; period?: string; basis: "estimate" | "sites"; efficiency: number };

export function getMetrics(query: MetricsQueryInput): Promise<MetricsReport & { sites?: Omit<ReturnType<typeof sitesDistribution>, "distribution"> }> {
  const key = `metrics:${query.basis}:${query.dataset ?? ""}:${query.period ?? ""}:${query.efficiency}`;
  return memo(key, async () => {
    const [names, prices] = await Promise.all([countryNames(), allPriceRows()]);
    if (query.basis === "estimate") {
      const d = await estimateDistribution(query.dataset ?? "cbeci-monthly", query.period);
      return metricsReport({
        dataset: d.dataset,
        period: d.period,
        basis: "estimate",
        distribution: toMetricDistribution(d),
        names,
        networkHashrateEh: d.networkHashrateEh,
        prices,
        efficiencyJPerTh: query.efficiency,
        blockSubsidyBtc: blockSubsidyForPeriod(d.period),
      });
    }
    const slug = query.dataset ?? DEFAULT_SITES_DATASET;
    const dataset = await findDataset(slug);
    if (!dataset) throw new ApiError(404, `dataset "${slug}" does not exist (see /api/datasets)`, "dataset");
    if (dataset.kind !== "sites") throw new ApiError(400, `basis=sites needs a sites dataset; "${slug}" holds ${dataset.kind}`, "dataset");
    const network = await networkHashrateByPeriod();
    const periods = [...network.keys()].sort();
    const period = query.period ?? periods.at(-1);
    if (!period || !network.has(period)) {
      throw new ApiError(
        404,
        `no network hashrate for period ${query.period ?? "(none)"} (network-monthly covers ${periods[0]} … ${periods.at(-1)})`,
        "period",
      );
    }
    const sites = (await listSites()).filter((s) => s.dataset === slug);
    const { distribution, ...sitesInfo } = sitesDistribution(sites, query.efficiency, network.get(period) ?? null);
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
    return { ...report, sites: sitesInfo };
  });
}

export function getSeries(slug: string): Promise<{ dataset: string; rows: SeriesRow[] }> {
  return memo(`series:${slug}`, async () => {
    const dataset = await requireSharesDataset(slug);
    const byPeriod = await loadSharesByPeriod(dataset);
    return { dataset: dataset.slug, rows: byPeriod.map((d) => seriesRow(d.period, toMetricDistribution(d), d.networkHashrateEh)) };
  });
}

export function getShocks(query: { dataset: string; period?: string; blocksIntoEpoch: number }): Promise<{
  period: string;
  dataset: string;
  blocksIntoEpoch: number;
  networkHashrateEh: number | null;
  rows: ShockRow[];
}> {
  return memo(`shocks:${query.dataset}:${query.period ?? ""}:${query.blocksIntoEpoch}`, async () => {
    const d = await estimateDistribution(query.dataset, query.period);
    const [names, blocs] = await Promise.all([countryNames(), allBlocs()]);
    return {
      period: d.period,
      dataset: d.dataset,
      blocksIntoEpoch: query.blocksIntoEpoch,
      networkHashrateEh: d.networkHashrateEh,
      rows: shockTable({ distribution: toMetricDistribution(d), names, blocs, networkHashrateEh: d.networkHashrateEh, blocksIntoEpoch: query.blocksIntoEpoch }),
    };
  });
}
