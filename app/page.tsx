import { type DashboardInitial, Dashboard } from "@/components/dashboard/Dashboard";
import { LAYER_SCALES } from "@/lib/colors/layer-scales";
import type { Metadata } from "next";
import { dashboardTitle, dashboardView } from "@/lib/services/dashboard";
import { apiUrls } from "@/lib/view/api-urls";
import { parseDashboardState, serializeDashboardState } from "@/lib/view/url-state";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The tab names the month shown and its age, so a saved or shared tab says how current it is. */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: await dashboardTitle(parseDashboardState(await searchParams)) };
}

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
  if ("refused" in view) {
    // Stored figures that break the view (an old database): say which and why, and offer the others.
    const others = view.datasets.filter((d) => d.slug !== view.dataset);
    return (
      <section className="panel" role="alert">
        <h1>The data of {view.dataset} cannot be shown</h1>
        <p>{view.refused}</p>
        {others.length > 0 && (
          <>
            <p>Other datasets:</p>
            <ul>
              {others.map((d) => (
                <li key={d.slug}>
                  <a href={`/${serializeDashboardState({ ...state, dataset: d.slug, period: null })}`}>{d.title}</a>
                </li>
              ))}
            </ul>
          </>
        )}
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
      [apiUrls.distribution(dataset, period, state.network), view.distribution],
      [apiUrls.metrics(dataset, period, state.efficiency, state.network), view.metrics],
      [apiUrls.shocks(dataset, period, state.network), view.shocks],
      [apiUrls.series(dataset), view.series],
      [apiUrls.events(), { events: view.events }],
    ],
  };
  return <Dashboard initial={initial} />;
}
