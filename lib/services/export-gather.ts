import { networkMonths } from "../db/network";
import { listPowerPrices } from "../db/prices";
import { dataVersion } from "../db/data-version";
import { siteExportPages, totalSites } from "../db/sites";
import { distributionRows, type Metadata, metricsRows, networkRows, priceRows, scenarioRows, seriesRows, shockRows, siteRows } from "../io/export";
import { DEFAULT_SHARES_DATASET } from "../scenario/limits";
import { formatMigration, formatShutdown, SCENARIO_PARAMS, scenarioOf } from "../scenario/scenario";
import type { ExportRequest } from "../validation/export";
import { datasetSlugs, requireDataset } from "./datasets";
import type { PeriodDistribution } from "./distribution";
import { NotFound } from "./errors";
import { type MonthSources, monthsOf, rowsPerMonth } from "./export-months";
import { gatherRegions } from "./export-regions";
import { gatherRisk } from "./export-risk";
import { mapGivingWay, type RowSource, rowsInMemory } from "./export-stream";
import { estimateMetrics, getSeries, metricsReference, monthShockCount, monthShocks, shockReference } from "./metrics";
import { networkFigures } from "./network";
import { runSimulation } from "./simulate";

/** Sites per page of the sites export: a few milliseconds of reading. */
const SITE_EXPORT_PAGE = 1_000;

// What each export holds, read and checked before its first byte: the query as resolved, the file's
// name, the datasets it draws on, and its rows — produced later, a month at a time, as the file is
// written. The rows come from the same services the API answers with (lib/services/metrics,
// simulate, distribution), so every exported number is the API's number. Every month is checked
// before the first byte and read again as the file is written (lib/services/export-months.ts): a
// file is one version of the data — a dataset replaced while it is written cuts the file off.

export type Gathered = {
  rows: RowSource;
  /** The query as resolved, for the metadata. */
  query: Metadata["query"];
  file: { dataset: string; period: string | null; extra?: string | null };
  /** Slugs of the datasets the rows draw on (computed only when metadata is asked for). */
  sources: () => Promise<string[]>;
  scenario?: Record<string, unknown>;
  risk?: Record<string, unknown>;
  regions?: Record<string, unknown>;
};

/** The shares dataset, the datasets its months are taken from (best estimate), and the network datasets of the months whose hashrate they use. */
async function sharesSources(slug: string, months: readonly { sources: MonthSources }[]): Promise<string[]> {
  const fromNetwork = new Set(months.flatMap((m) => (m.sources.network ? [m.sources.network] : [])));
  const network = fromNetwork.size > 0 ? (await networkMonths()).filter((m) => fromNetwork.has(m.period)) : [];
  return distinct([slug, ...months.map((m) => m.sources.dataset), ...network.map((m) => m.source)]);
}

/** Sites read a page at a time as the file is written (any number of them); a write in between cuts the file off rather than mixing two versions. */
function sitesInPages(datasetId: number | undefined): RowSource {
  return {
    count: () => totalSites(datasetId === undefined ? {} : { datasetId }),
    parts: async function* () {
      const version = await dataVersion();
      for await (const page of siteExportPages(datasetId, SITE_EXPORT_PAGE)) {
        if ((await dataVersion()) !== version) throw new Error("the sites changed while the export was written; download it again");
        yield siteRows(page);
      }
    },
  };
}

/** A sites or prices dataset filter: it must exist and be of that kind. */
async function requireDatasetOfKind(slug: string | undefined, kind: "sites" | "prices"): Promise<void> {
  if (slug !== undefined) await requireDataset(slug, kind, (held) => `what=${kind} needs a ${kind} dataset; "${slug}" holds ${held}`);
}

export const distinct = (values: Iterable<string | null | undefined>) => [...new Set([...values].filter((v): v is string => typeof v === "string"))];

const periodLabel = (months: readonly { period: string }[], asked: string | undefined) => (asked === "all" ? "all" : (months[0]?.period ?? "all"));
const none = () => undefined;

export async function gather(q: ExportRequest): Promise<Gathered> {
  const slug = q.dataset ?? DEFAULT_SHARES_DATASET;
  switch (q.what) {
    case "metrics": {
      const [{ months, each }, reference] = await Promise.all([monthsOf(slug, q.period, "latest", q.network, none), metricsReference()]);
      const label = periodLabel(months, q.period);
      return {
        rows: rowsPerMonth(
          { months, each },
          () => 1,
          (d) => metricsRows([estimateMetrics(d, reference, q.efficiency)]),
        ),
        query: { what: q.what, dataset: slug, period: label, basis: "estimate", efficiency: q.efficiency, network: q.network },
        file: { dataset: slug, period: label },
        sources: () => sharesSources(slug, months),
      };
    }
    case "series": {
      const [{ months }, { rows }] = await Promise.all([monthsOf(slug, q.period, "all", undefined, none), getSeries(slug)]);
      const wanted = new Set(months.map((d) => d.period));
      const label = periodLabel(months, q.period ?? "all");
      return {
        rows: rowsInMemory(seriesRows(rows.filter((r) => wanted.has(r.period)))),
        query: { what: q.what, dataset: slug, period: label },
        file: { dataset: slug, period: label },
        sources: () => sharesSources(slug, months),
      };
    }
    case "shocks": {
      const reference = await shockReference();
      const shocks = await monthsOf(slug, q.period, "latest", q.network, (d) => monthShockCount(d, reference));
      const label = periodLabel(shocks.months, q.period);
      return {
        rows: rowsPerMonth(
          shocks,
          (count) => count,
          (d) => shockRows([monthShocks(d, reference, q.blocksIntoEpoch)]),
        ),
        query: { what: q.what, dataset: slug, period: label, network: q.network, [SCENARIO_PARAMS.blocksIntoEpoch]: q.blocksIntoEpoch },
        file: { dataset: slug, period: label },
        sources: async () => [...(await sharesSources(slug, shocks.months)), ...(await datasetSlugs("blocs"))],
      };
    }
    case "distribution": {
      const [countries, reference] = await Promise.all([monthsOf(slug, q.period, "latest", q.network, (d) => d.countries.length), metricsReference()]);
      const report = (d: PeriodDistribution) => estimateMetrics(d, reference, q.efficiency);
      const label = periodLabel(countries.months, q.period);
      return {
        rows: rowsPerMonth(
          countries,
          (count) => count,
          (d) => distributionRows([{ distribution: d, report: report(d) }]),
        ),
        query: { what: q.what, dataset: slug, period: label, efficiency: q.efficiency, network: q.network },
        file: { dataset: slug, period: label },
        // The power prices each month draws on: the months read once more, only for the metadata.
        sources: async () => [
          ...(await sharesSources(slug, countries.months)),
          ...distinct((await mapGivingWay(countries.each(), (d) => report(d).countries.map((c) => c.powerPrice?.dataset))).flat()),
        ],
      };
    }
    case "sites": {
      const dataset =
        q.dataset === undefined
          ? undefined
          : await requireDataset(q.dataset, "sites", (held) => `what=sites needs a sites dataset; "${q.dataset}" holds ${held}`);
      return {
        rows: sitesInPages(dataset?.id),
        query: { what: q.what, dataset: q.dataset ?? null },
        file: { dataset: q.dataset ?? "all-datasets", period: null },
        sources: async () => (dataset ? [dataset.slug] : await datasetSlugs("sites")),
      };
    }
    case "prices": {
      await requireDatasetOfKind(q.dataset, "prices");
      const prices = (await listPowerPrices()).filter((p) => q.dataset === undefined || p.dataset === q.dataset);
      return {
        rows: rowsInMemory(priceRows(prices)),
        query: { what: q.what, dataset: q.dataset ?? null },
        file: { dataset: q.dataset ?? "all-datasets", period: null },
        sources: () => Promise.resolve(distinct(prices.map((p) => p.dataset))),
      };
    }
    case "network":
      return gatherNetwork(q.period);
    case "scenario":
      return gatherScenario(q, slug);
    case "risk": {
      const { rows, ...risk } = await gatherRisk(q.risk, slug, q.period);
      return { ...risk, rows: rowsInMemory(rows) };
    }
    case "regions": {
      const { rows, ...regions } = await gatherRegions({ country: q.country ?? "", basis: q.basis, dataset: slug, period: q.period });
      return { ...regions, rows: rowsInMemory(rows) };
    }
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
    rows: rowsInMemory(networkRows(figures)),
    query: { what: "network", period: month ?? "all" },
    // The file names no dataset: it draws on all of them (see source).
    file: { dataset: "", period: month ?? "all" },
    sources: () => Promise.resolve(distinct([...figures.months, ...figures.retargets].map((r) => r.source))),
  };
}

/** The simulation of the scenario the query describes (its parameters were read by lib/scenario's grammar). */
async function gatherScenario(q: ExportRequest, slug: string): Promise<Gathered> {
  const { months } = await monthsOf(slug, q.period, "latest", undefined, none);
  const period = months[0]?.period ?? "";
  const scenario = scenarioOf(q, slug, period);
  const result = await runSimulation(scenario);
  const { timeline: _timeline, retargets, ...summary } = result;
  const ids = result.shutdown.map((s) => s.id);
  return {
    rows: rowsInMemory(scenarioRows(result)),
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
      ...(await sharesSources(slug, months)),
      ...(result.shutdown.some((s) => s.kind === "bloc") ? await datasetSlugs("blocs") : []),
      ...(scenario.migration?.weighting === "cheap-power" ? await datasetSlugs("prices") : []),
    ],
  };
}
