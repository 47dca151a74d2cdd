import { buildDistribution, type Distribution, type ShareRow } from "../metrics/distribution";
import type { DatasetRef } from "../db/datasets";
import { memo } from "../db/data-version";
import { networkHashrateByPeriod } from "../db/network";
import { shareRows } from "../db/shares";
import { requireSharesDataset } from "./datasets";
import { NotFound } from "./errors";

// The one lookup of a shares dataset's months and distributions, cached per data version. The
// dashboard page, /api/distribution, /api/country, /api/periods, the metrics, shocks, simulation
// and export all read a (dataset, period) through it, so they cannot disagree on a month.

type SharesData = { dataset: DatasetRef; periods: string[]; distributions: ReadonlyMap<string, Distribution> };

/** Every month of a shares dataset, built from its rows (one query) and the network hashrate. */
function sharesData(slug: string): Promise<SharesData> {
  return memo(`shares:${slug}`, async () => {
    const dataset = await requireSharesDataset(slug);
    const [rows, network] = await Promise.all([shareRows(dataset.id), networkHashrateByPeriod()]);
    const byPeriod = new Map<string, ShareRow[]>();
    for (const { period, ...row } of rows) {
      const list = byPeriod.get(period);
      if (list) list.push(row);
      else byPeriod.set(period, [row]);
    }
    const distributions = new Map([...byPeriod].map(([period, list]) => [period, buildDistribution(dataset.slug, period, list, network.get(period) ?? null)]));
    return { dataset, periods: [...distributions.keys()], distributions };
  });
}

/** The months a shares dataset covers, oldest first. */
export async function sharesPeriods(slug: string): Promise<{ dataset: string; periods: string[] }> {
  const { dataset, periods } = await sharesData(slug);
  return { dataset: dataset.slug, periods };
}

/** The distribution of one month (default: the latest); NotFound names the months there are. */
export async function periodDistribution(slug: string, period: string | undefined): Promise<Distribution> {
  const { dataset, periods, distributions } = await sharesData(slug);
  const distribution = distributions.get(period ?? periods.at(-1) ?? "");
  if (!distribution) {
    const range = periods.length ? ` (it covers ${periods[0]} … ${periods.at(-1)}: ${periods.join(", ")})` : "";
    throw new NotFound(`dataset "${dataset.slug}" has no data for period ${period ?? "(none)"}${range}`, "period");
  }
  return distribution;
}

/** Every month's distribution, oldest first. */
export async function distributionSeries(slug: string): Promise<Distribution[]> {
  return [...(await sharesData(slug)).distributions.values()];
}

export type CountryHistoryRow = { period: string; share: number | null; hashrateEh: number | null; rank: number | null };

/** One country's share in every month of a dataset, with its rank among the attributed countries. */
export async function countryHistory(slug: string, iso2: string): Promise<{ dataset: string; history: CountryHistoryRow[] }> {
  const { dataset, distributions } = await sharesData(slug);
  const history = [...distributions.values()].map((d) => {
    const index = d.countries.findIndex((c) => c.iso2 === iso2);
    const row = index >= 0 ? d.countries[index] : undefined;
    return { period: d.period, share: row?.share ?? null, hashrateEh: row?.hashrateEh ?? null, rank: row && row.share > 0 ? index + 1 : null };
  });
  return { dataset: dataset.slug, history };
}
