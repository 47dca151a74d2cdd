import type { NetworkBasis } from "../metrics/distribution";
import { listDatasets } from "../db/datasets";
import { networkMonths } from "../db/network";
import { listPowerPrices } from "../db/prices";
import { listSites } from "../db/sites";
import {
  buildMetadata,
  COLUMNS,
  type DatasetInfo,
  distributionRows,
  type ExportFile,
  exportFilenames,
  jsonRows,
  type Metadata,
  metricsRows,
  networkRows,
  priceRows,
  type Row,
  scenarioRows,
  seriesRows,
  shockRows,
  siteRows,
  toCsv,
} from "../io/export";
import { DEFAULT_SHARES_DATASET } from "../scenario/limits";
import { formatMigration, formatShutdown, SCENARIO_PARAMS, scenarioOf } from "../scenario/scenario";
import type { ExportRequest, ExportWhat } from "../validation/export";
import { appVersion } from "../version";
import { datasetSlugs, requireDataset } from "./datasets";
import { periodDistribution, sharesPeriods } from "./distribution";
import { NotFound } from "./errors";
import { getMetrics, getSeries, getShocks } from "./metrics";
import { networkFigures } from "./network";
import { runSimulation } from "./simulate";
import { gatherRisk } from "./export-risk";

// GET /api/export and `npm run export`: one code path from a validated query to the file. The rows
// come from the same services the API answers with (lib/services/metrics, simulate, distribution), so
// every exported number is the API's number.

type Gathered = {
  rows: Row[];
  /** The query as resolved, for the metadata. */
  query: Metadata["query"];
  file: { dataset: string; period: string | null; extra?: string | null };
  /** Slugs of the datasets the rows draw on (computed only when metadata is asked for). */
  sources: () => Promise<string[]>;
  scenario?: Record<string, unknown>;
  risk?: Record<string, unknown>;
};

/**
 * The months of a shares dataset asked for: every one (all), one, or the default. A month it lacks
 * (or a dataset that is unknown or holds no shares) is refused by the distribution lookup.
 */
async function periodsOf(slug: string, period: string | undefined, fallback: "all" | "latest"): Promise<string[]> {
  const wanted = period ?? fallback;
  if (wanted !== "all") return [(await periodDistribution(slug, wanted === "latest" ? undefined : wanted)).period];
  const { periods } = await sharesPeriods(slug);
  if (periods.length === 0) throw new NotFound(`dataset "${slug}" has no periods`, "period");
  return periods;
}

/** The shares dataset, the datasets its months are taken from (best estimate), and the network datasets of the months whose hashrate they use. */
async function sharesSources(slug: string, periods: readonly string[], network: NetworkBasis = "period"): Promise<string[]> {
  const distributions = await Promise.all(periods.map((p) => periodDistribution(slug, p, network)));
  const fromNetwork = new Set(
    distributions.flatMap((d) => (d.networkHashrateSource !== "dataset" && d.networkHashratePeriod ? [d.networkHashratePeriod] : [])),
  );
  const months = fromNetwork.size > 0 ? (await networkMonths()).filter((m) => fromNetwork.has(m.period)) : [];
  return distinct([slug, ...distributions.map((d) => d.source.dataset), ...months.map((m) => m.source)]);
}

/** A sites or prices dataset filter: it must exist and be of that kind. */
async function requireDatasetOfKind(slug: string | undefined, kind: "sites" | "prices"): Promise<void> {
  if (slug !== undefined) await requireDataset(slug, kind, (held) => `what=${kind} needs a ${kind} dataset; "${slug}" holds ${held}`);
}

const distinct = (values: Iterable<string | null | undefined>) => [...new Set([...values].filter((v): v is string => typeof v === "string"))];

const periodLabel = (periods: readonly string[], asked: string | undefined) => (asked === "all" ? "all" : (periods[0] ?? "all"));

async function gather(q: ExportRequest): Promise<Gathered> {
  const slug = q.dataset ?? DEFAULT_SHARES_DATASET;
  switch (q.what) {
    case "metrics": {
      const periods = await periodsOf(slug, q.period, "latest");
      const reports = await Promise.all(
        periods.map((period) => getMetrics({ dataset: slug, period, basis: "estimate", efficiency: q.efficiency, network: q.network })),
      );
      const label = periodLabel(periods, q.period);
      return {
        rows: metricsRows(reports),
        query: { what: q.what, dataset: slug, period: label, basis: "estimate", efficiency: q.efficiency, network: q.network },
        file: { dataset: slug, period: label },
        sources: () => sharesSources(slug, periods, q.network),
      };
    }
    case "series": {
      const periods = await periodsOf(slug, q.period, "all");
      const wanted = new Set(periods);
      const { rows } = await getSeries(slug);
      const label = periodLabel(periods, q.period ?? "all");
      return {
        rows: seriesRows(rows.filter((r) => wanted.has(r.period))),
        query: { what: q.what, dataset: slug, period: label },
        file: { dataset: slug, period: label },
        sources: () => sharesSources(slug, periods),
      };
    }
    case "shocks": {
      const periods = await periodsOf(slug, q.period, "latest");
      const tables = await Promise.all(periods.map((period) => getShocks({ dataset: slug, period, blocksIntoEpoch: q.blocksIntoEpoch, network: q.network })));
      const label = periodLabel(periods, q.period);
      return {
        rows: shockRows(tables),
        query: { what: q.what, dataset: slug, period: label, network: q.network, [SCENARIO_PARAMS.blocksIntoEpoch]: q.blocksIntoEpoch },
        file: { dataset: slug, period: label },
        sources: async () => [...(await sharesSources(slug, periods, q.network)), ...(await datasetSlugs("blocs"))],
      };
    }
    case "distribution": {
      const periods = await periodsOf(slug, q.period, "latest");
      const parts = await Promise.all(
        periods.map(async (period) => ({
          distribution: await periodDistribution(slug, period, q.network),
          report: await getMetrics({ dataset: slug, period, basis: "estimate", efficiency: q.efficiency, network: q.network }),
        })),
      );
      const label = periodLabel(periods, q.period);
      return {
        rows: distributionRows(parts),
        query: { what: q.what, dataset: slug, period: label, efficiency: q.efficiency, network: q.network },
        file: { dataset: slug, period: label },
        sources: async () => [
          ...(await sharesSources(slug, periods, q.network)),
          ...distinct(parts.flatMap((p) => p.report.countries.map((c) => c.powerPrice?.dataset))),
        ],
      };
    }
    case "sites": {
      await requireDatasetOfKind(q.dataset, "sites");
      const sites = (await listSites()).filter((s) => q.dataset === undefined || s.dataset === q.dataset);
      return {
        rows: siteRows(sites),
        query: { what: q.what, dataset: q.dataset ?? null },
        file: { dataset: q.dataset ?? "all-datasets", period: null },
        sources: () => Promise.resolve(distinct(sites.map((s) => s.dataset))),
      };
    }
    case "prices": {
      await requireDatasetOfKind(q.dataset, "prices");
      const prices = (await listPowerPrices()).filter((p) => q.dataset === undefined || p.dataset === q.dataset);
      return {
        rows: priceRows(prices),
        query: { what: q.what, dataset: q.dataset ?? null },
        file: { dataset: q.dataset ?? "all-datasets", period: null },
        sources: () => Promise.resolve(distinct(prices.map((p) => p.dataset))),
      };
    }
    case "network":
      return gatherNetwork(q.period);
    case "scenario":
      return gatherScenario(q, slug);
    case "risk":
      return gatherRisk(q.risk, slug, q.period);
  }
}

/** The network's months and retargets: all of them, or one month's (which must have network data). */
async function gatherNetwork(period: string | undefined): Promise<Gathered> {
  const month = period === undefined || period === "all" ? null : period;
  const figures = await networkFigures(month ? { from: month, to: month } : {});
  if (month && figures.months.length === 0) {
    const { months } = await networkFigures();
    throw new NotFound(
      `no network data for ${month} (the network data covers ${months[0]?.period ?? "no month"} … ${months.at(-1)?.period ?? "no month"})`,
      "period",
    );
  }
  return {
    rows: networkRows(figures),
    query: { what: "network", period: month ?? "all" },
    // The file names no dataset: it draws on all of them (see source).
    file: { dataset: "", period: month ?? "all" },
    sources: () => Promise.resolve(distinct([...figures.months, ...figures.retargets].map((r) => r.source))),
  };
}

/** The simulation of the scenario the query describes (its parameters were read by lib/scenario's grammar). */
async function gatherScenario(q: ExportRequest, slug: string): Promise<Gathered> {
  const [period = ""] = await periodsOf(slug, q.period, "latest");
  const scenario = scenarioOf(q, slug, period);
  const result = await runSimulation(scenario);
  const { timeline: _timeline, retargets, ...summary } = result;
  const ids = result.shutdown.map((s) => s.id);
  return {
    rows: scenarioRows(result),
    query: {
      what: q.what,
      dataset: slug,
      period,
      [SCENARIO_PARAMS.shutdown]: formatShutdown(scenario.shutdown),
      [SCENARIO_PARAMS.blocksIntoEpoch]: scenario.blocksIntoEpoch,
      [SCENARIO_PARAMS.migration]: q.migration ? formatMigration(q.migration) : null,
      [SCENARIO_PARAMS.horizonDays]: scenario.horizonDays,
      [SCENARIO_PARAMS.efficiency]: scenario.efficiency,
    },
    file: { dataset: slug, period, extra: ids.join("-") },
    scenario: { ...summary, firstRetarget: retargets[0] ?? null, retargetCount: retargets.length },
    sources: async () => [
      ...(await sharesSources(slug, [period])),
      ...(result.shutdown.some((s) => s.kind === "bloc") ? await datasetSlugs("blocs") : []),
      ...(scenario.migration?.weighting === "cheap-power" ? await datasetSlugs("prices") : []),
    ],
  };
}

/** Provenance of the datasets named, in the order given (each once). */
async function datasetInfo(slugs: readonly string[]): Promise<DatasetInfo[]> {
  const all = new Map((await listDatasets()).map((d) => [d.slug, d]));
  return distinct(slugs).flatMap((slug) => {
    const d = all.get(slug);
    return d
      ? [
          {
            slug: d.slug,
            kind: d.kind,
            title: d.title,
            publisher: d.publisher,
            url: d.url,
            licence: d.licence,
            retrievedAt: d.retrievedAt,
            method: d.method,
            caveats: d.caveats,
          },
        ]
      : [];
  });
}

/**
 * The export file for a validated query: CSV (RFC 4180, formula-safe), JSON `{ metadata, rows }`,
 * or with `metadata` only the metadata JSON. `now` stamps the metadata (tests pin it).
 */
export async function exportData(q: ExportRequest, options: { now?: Date } = {}): Promise<ExportFile> {
  const what: ExportWhat = q.what;
  const gathered = await gather(q);
  const columns = COLUMNS[what];
  const files = exportFilenames({ what, ...gathered.file }, q.format);
  if (q.format === "csv" && !q.metadata) return { filename: files.data, kind: "csv", body: toCsv(columns, gathered.rows) };
  const metadata = buildMetadata({
    what,
    version: appVersion(),
    generatedAt: options.now ?? new Date(),
    query: { ...gathered.query, format: q.format },
    files,
    columns,
    rowCount: gathered.rows.length,
    datasets: await datasetInfo(await gathered.sources()),
    ...(gathered.scenario ? { scenario: gathered.scenario } : {}),
    ...(gathered.risk ? { risk: gathered.risk } : {}),
  });
  if (q.metadata) return { filename: files.metadata, kind: "metadata", body: `${JSON.stringify(metadata, null, 2)}\n` };
  return { filename: files.data, kind: "json", body: `${JSON.stringify({ metadata, rows: jsonRows(columns, gathered.rows) }, null, 2)}\n` };
}
