import { allBlocs, countryNames } from "../db/reference";
import type { NetworkBasis } from "../metrics/distribution";
import { DEFAULT_SHARES_DATASET } from "../scenario/limits";
import { formatPeriod } from "../view/format";
import { listDatasets } from "./datasets";
import { periodDistribution } from "./distribution";
import { StoredDataInvalid } from "./errors";
import { getMetrics, getSeries, getShocks } from "./metrics";
import { shockEvents } from "./reference";

// The first view of the dashboard, read on the server so the page opens without a loading flash.

export type DashboardRequest = { dataset: string; period: string | null; efficiency: number; network: NetworkBasis };

/** The page title: what the dashboard shows by default, the month and its age. */
export async function dashboardTitle(request: DashboardRequest): Promise<string> {
  const view = await dashboardView(request);
  if (!view) return "HashAtlas — no hashrate data yet";
  if ("refused" in view) return `HashAtlas — the data of ${view.dataset} cannot be shown`;
  const { asOf, ageMonths, stale } = view.distribution;
  return `HashAtlas — Bitcoin hashrate by country, estimate of ${formatPeriod(asOf)} (${ageMonths} month${ageMonths === 1 ? "" : "s"} old${stale ? ", stale" : ""})`;
}

/**
 * A dataset whose stored figures break the view (an old database: StoredDataInvalid): the page says
 * what is wrong and offers the other datasets, rather than failing.
 */
export type DashboardRefusal = { refused: string; dataset: string; datasets: { slug: string; title: string }[] };

/**
 * The shares dataset and month a dashboard link shows — the ones it names where they exist, else
 * the default dataset and its latest month (a link never breaks) — and every answer the first view
 * needs, from the same services as the API. null when the database holds no shares at all.
 */
export async function dashboardView(request: DashboardRequest) {
  try {
    return await firstView(request);
  } catch (error) {
    if (!(error instanceof StoredDataInvalid)) throw error;
    const datasets = (await listDatasets("shares")).map((d) => ({ slug: d.slug, title: d.title }));
    const dataset = datasets.find((d) => d.slug === request.dataset)?.slug ?? DEFAULT_SHARES_DATASET;
    const refusal: DashboardRefusal = { refused: error.message, dataset, datasets };
    return refusal;
  }
}

async function firstView(request: DashboardRequest) {
  const datasets = (await listDatasets("shares")).map((d) => ({ slug: d.slug, title: d.title, periods: d.periods }));
  const dataset = datasets.find((d) => d.slug === request.dataset) ?? datasets.find((d) => d.slug === DEFAULT_SHARES_DATASET) ?? datasets[0];
  if (!dataset) return null;
  const period = request.period && dataset.periods.includes(request.period) ? request.period : (dataset.periods.at(-1) ?? "");
  const [distribution, metrics, shocks, series, events, names, blocs] = await Promise.all([
    periodDistribution(dataset.slug, period, request.network),
    getMetrics({ dataset: dataset.slug, period, basis: "estimate", efficiency: request.efficiency, network: request.network }),
    getShocks({ dataset: dataset.slug, period, blocksIntoEpoch: 0, network: request.network }),
    getSeries(dataset.slug),
    shockEvents(),
    countryNames(),
    allBlocs(),
  ]);
  return { datasets, dataset: dataset.slug, period, distribution, metrics, shocks, series, events, countryNames: names, blocs };
}
