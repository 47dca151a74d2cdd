import { type DatasetSummary } from "@/lib/services/datasets";
import styles from "../methodology.module.css";
import { num, titleOf } from "./notation";

/** Sources in the order a reader needs them: the hashrate estimates first, reference lists last. */
const KIND_ORDER = ["shares", "network", "retargets", "prices", "sites", "events", "observations", "shocks", "blocs"];
function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
}

function periodsOf(d: DatasetSummary): string | null {
  if (d.periods.length === 0) return null;
  if (d.periods.length <= 4) return `period${d.periods.length > 1 ? "s" : ""} ${d.periods.join(", ")}`;
  return `${d.periods[0]} … ${d.periods.at(-1)} (${d.periods.length} periods)`;
}

export function SourcesSection({ datasets: loaded }: { datasets: readonly DatasetSummary[] }) {
  const datasets = [...loaded].sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || a.slug.localeCompare(b.slug));
  return (
    <section id="sources" aria-labelledby="sources-h" className="panel">
      <h2 id="sources-h">{titleOf("sources")}</h2>
      <p>
        Every fact row in the database points to one of these datasets; rows taken from a specific report also carry their own source URL (see{" "}
        <code>/api/export</code>). The list below is read from the database at request time (<code>/api/datasets</code> serves the same).
      </p>
      {datasets.length === 0 ? (
        <p>
          No datasets are loaded. Run <code>npm run db:seed</code> and reload.
        </p>
      ) : (
        <div className={styles.tableScroll}>
          <table className={`data ${styles.sources}`} data-testid="sources-table">
            <caption className="source">Datasets loaded, with provenance ({datasets.length}).</caption>
            <thead>
              <tr>
                <th scope="col">Dataset</th>
                <th scope="col">Publisher</th>
                <th scope="col">Licence / attribution</th>
                <th scope="col">Retrieved</th>
                <th scope="col">Newest period</th>
                <th scope="col">Method</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => {
                const periods = periodsOf(d);
                return (
                  <tr key={d.slug} data-slug={d.slug}>
                    <td>
                      {d.title}
                      <span className={styles.slug}>
                        <code>{d.slug}</code> · {d.kind} · {num(d.rows)} rows{periods ? ` · ${periods}` : ""}
                      </span>
                    </td>
                    <td>
                      <a href={d.url} rel="noreferrer">
                        {d.publisher}
                      </a>
                    </td>
                    <td data-field="licence">{d.licence}</td>
                    <td data-field="retrieved">
                      <time dateTime={d.retrievedAt}>{d.retrievedAt}</time>
                    </td>
                    <td data-field="newest">{d.periods.at(-1) ?? "—"}</td>
                    <td>{d.method ?? "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h3 id="dataset-caveats">Known caveats of each dataset</h3>
      <dl className={styles.caveatList} data-testid="dataset-caveats">
        {datasets.map((d) => (
          <div key={d.slug} data-slug={d.slug}>
            <dt>
              {d.title} (<code>{d.slug}</code>)
            </dt>
            <dd>{d.caveats ?? "None recorded."}</dd>
          </div>
        ))}
      </dl>

      <h3 id="countries-and-shapes">Countries and map shapes</h3>
      <ul>
        <li>
          <strong>Country list</strong>: ISO 3166-1 alpha-2, alpha-3 and numeric codes from the npm package{" "}
          <a href="https://github.com/michaelwittig/node-i18n-iso-countries" rel="noreferrer">
            i18n-iso-countries
          </a>{" "}
          (MIT licence), short names and regions from{" "}
          <a href="https://github.com/mledoze/countries" rel="noreferrer">
            world-countries
          </a>{" "}
          (Open Database License, ODbL 1.0); Kosovo is <code>XK</code>. Codes are ISO 3166-1 alpha-2 throughout.
        </li>
        <li>
          <strong>Map shapes</strong>: Natural Earth admin-0 countries at 1:50m (
          <a href="https://www.naturalearthdata.com/" rel="noreferrer">
            naturalearthdata.com
          </a>
          , public domain), via the npm package{" "}
          <a href="https://github.com/topojson/world-atlas" rel="noreferrer">
            world-atlas
          </a>
          , converted by <code>scripts/build-geo.ts</code> into <code>/geo/world.json</code>, which this server serves itself. Borders are Natural Earth’s
          de-facto boundaries and imply no position on disputed territory.
        </li>
      </ul>
    </section>
  );
}
