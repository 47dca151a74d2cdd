import { type DashboardInitial, Dashboard } from "@/components/dashboard/Dashboard";
import { LAYER_SCALES } from "@/lib/colors/layer-scales";
import { dashboardView } from "@/lib/services/dashboard";
import { apiUrls } from "@/lib/view/api-urls";
import { parseDashboardState } from "@/lib/view/url-state";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Loads the first view on the server (no loading flash), then the dashboard takes over in the browser. */
export default async function HomePage({ searchParams }: Props) {
  const state = parseDashboardState(await searchParams);
  const view = await dashboardView(state);
  if (!view) {
    return (
      <section className="panel">
        <h1>No hashrate data yet</h1>
        <p>
          The database holds no hashrate shares. Run <code>npm run db:seed</code> and reload.
        </p>
      </section>
    );
  }
  const { dataset, period } = view;
  const initial: DashboardInitial = {
    state: { ...state, dataset },
    scales: LAYER_SCALES,
    datasets: view.datasets,
    countryNames: [...view.countryNames],
    blocs: view.blocs.map((b) => ({ id: b.id, name: b.name, members: b.members })),
    answers: [
      [apiUrls.distribution(dataset, period), view.distribution],
      [apiUrls.metrics(dataset, period, state.efficiency), view.metrics],
      [apiUrls.shocks(dataset, period), view.shocks],
      [apiUrls.series(dataset), view.series],
      [apiUrls.events(), { events: view.events }],
    ],
  };
  return <Dashboard initial={initial} />;
}
