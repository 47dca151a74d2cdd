import { ShareLegend } from "@/components/legend/ShareLegend";
import { WorldMap } from "@/components/map/WorldMap";
import { findDataset } from "@/lib/db/datasets";
import { listPeriods, loadDistribution } from "@/lib/db/shares";
import { DEFAULT_SHARES_DATASET } from "@/lib/validation/api";
import { shareMapView } from "@/lib/view/share-map";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const dataset = await findDataset(DEFAULT_SHARES_DATASET);
  const period = dataset ? (await listPeriods(dataset.id)).at(-1) : undefined;
  const distribution = dataset && period ? await loadDistribution(dataset, period) : null;

  if (!dataset || !distribution) {
    return (
      <section className="panel">
        <h1>No hashrate data yet</h1>
        <p>The database holds no CBECI shares. Run <code>npm run db:seed</code> and reload.</p>
      </section>
    );
  }
  const view = shareMapView(distribution, dataset.title);
  return (
    <>
      <h1>{view.title}</h1>
      <p className="lede">
        Where Bitcoin&apos;s hash power physically lives: the latest month of the Cambridge (CBECI) mining map, which
        geolocates the hashers of large pools. Hover a country for its share.
      </p>
      <div className="layout">
        <div>
          <WorldMap values={view.values} label={view.title} noDataTooltip="no estimate" />
          <ShareLegend unattributed={view.facts.find((f) => f.label.startsWith("Unattributed"))?.value ?? ""} />
        </div>
        <aside className="panel" aria-labelledby="by-country">
          <h2 id="by-country">By country</h2>
          <dl className="facts">
            {view.facts.map((f) => (
              <div key={f.label} style={{ display: "contents" }}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
          <table className="data" data-testid="share-table">
            <thead>
              <tr>
                <th scope="col">Country</th>
                <th scope="col" className="num">Share</th>
                <th scope="col" className="num">Hashrate</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.iso2} data-iso2={r.iso2}>
                  <td>{r.name}</td>
                  <td className="num">{r.share}</td>
                  <td className="num">{r.hashrate}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="source">
            Source: <a href={dataset.url}>{dataset.publisher}</a>. {dataset.licence}.
          </p>
        </aside>
      </div>
    </>
  );
}
