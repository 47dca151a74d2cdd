import { type DashboardInitial, Dashboard } from "@/components/dashboard/Dashboard";
import { getMetrics, getSeries, getShocks } from "@/lib/api/metrics";
import { listDatasets } from "@/lib/db/datasets";
import { allBlocs, allShockEvents, countryNames } from "@/lib/db/reference";
import { findDataset } from "@/lib/db/datasets";
import { loadDistribution } from "@/lib/db/shares";
import { apiUrls } from "@/lib/view/api-urls";
import { LAYER_SCALES } from "@/lib/colors/layer-scales";
import { parseDashboardState } from "@/lib/view/url-state";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Loads the first view on the server (no loading flash), then the dashboard takes over in the browser. */
export default async function HomePage({ searchParams }: Props) {
  const state = parseDashboardState(await searchParams);
  const datasets = (await listDatasets("shares")).map((d) => ({ slug: d.slug, title: d.title, periods: d.periods }));
  const dataset = datasets.find((d) => d.slug === state.dataset) ?? datasets.find((d) => d.slug === "cbeci-monthly") ?? datasets[0];
  if (!dataset) {
    return (
      <section className="panel">
        <h1>No hashrate data yet</h1>
        <p>
          The database holds no hashrate shares. Run <code>npm run db:seed</code> and reload.
        </p>
      </section>
    );
  }
  const period = state.period && dataset.periods.includes(state.period) ? state.period : (dataset.periods.at(-1) ?? "");
  const ref = await findDataset(dataset.slug);
  const [distribution, metrics, shocks, series, events, names, blocs] = await Promise.all([
    ref ? loadDistribution(ref, period) : null,
    getMetrics({ dataset: dataset.slug, period, basis: "estimate", efficiency: state.efficiency }),
    getShocks({ dataset: dataset.slug, period, blocksIntoEpoch: 0 }),
    getSeries(dataset.slug),
    allShockEvents(),
    countryNames(),
    allBlocs(),
  ]);
  const initial: DashboardInitial = {
    state: { ...state, dataset: dataset.slug },
    scales: LAYER_SCALES,
    datasets,
    countryNames: [...names],
    blocs: blocs.map((b) => ({ id: b.id, name: b.name, members: b.members })),
    answers: [
      [apiUrls.distribution(dataset.slug, period), distribution],
      [apiUrls.metrics(dataset.slug, period, state.efficiency), metrics],
      [apiUrls.shocks(dataset.slug, period), shocks],
      [apiUrls.series(dataset.slug), series],
      [apiUrls.events(), { events }],
    ],
  };
  return <Dashboard initial={initial} />;
}
