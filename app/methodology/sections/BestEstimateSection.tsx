import { MIN_NAMED_COUNTRIES } from "@/lib/metrics/best-estimate";
import { STALE_AFTER_MONTHS } from "@/lib/metrics/age";
import type { DatasetSummary } from "@/lib/services/datasets";
import { titleOf } from "./notation";

type Run = { source: string; from: string; to: string; months: number };

/** Consecutive months taken from one source, as one line: "2019-09 … 2022-01 from cbeci-monthly (29 months)". */
function runsOf(sources: readonly { period: string; dataset: string }[]): Run[] {
  const runs: Run[] = [];
  for (const { period, dataset } of sources) {
    const last = runs.at(-1);
    if (last?.source === dataset) Object.assign(last, { to: period, months: last.months + 1 });
    else runs.push({ source: dataset, from: period, to: period, months: 1 });
  }
  return runs;
}

/** How the default dataset is put together, month by month, and how old an estimate may be before it is marked stale. */
export function BestEstimateSection({ sources, datasets }: { sources: readonly { period: string; dataset: string }[]; datasets: readonly DatasetSummary[] }) {
  const titles = new Map(datasets.map((d) => [d.slug, d.title]));
  const partial = datasets.filter((d) => d.kind === "shares" && d.coverage === "partial");
  return (
    <section id="best-estimate" aria-labelledby="best-estimate-h" className="panel">
      <h2 id="best-estimate-h">{titleOf("best-estimate")}</h2>
      <p>
        The dataset every page, route and export uses when none is named, <code>best-estimate</code>, is one history built from the other shares datasets. Each
        month is taken <strong>whole from one source</strong> — never a mix of sources within a month, never an average — by this ranking:
      </p>
      <ol>
        <li>
          Only estimates of the <strong>whole network</strong> enter. A source that describes a sample stays out
          {partial.length > 0 ? (
            <>
              {" "}
              (
              {partial.map((d, i) => (
                <span key={d.slug}>
                  {i > 0 ? ", " : ""}
                  <code>{d.slug}</code>
                </span>
              ))}
              )
            </>
          ) : null}
          : the CCAF 2024 survey covers its 49 firms’ own hashrate, about 48 % of the network and US-heavy by its own account; entered, it would make the United
          States jump to 75 % for one month. It stays available as its own dataset.
        </li>
        <li>
          A month must name at least {MIN_NAMED_COUNTRIES} countries to be a distribution rather than a point estimate (single-country figures such as
          Kazakhstan’s share during its January 2022 blackout are not loaded).
        </li>
        <li>Of the sources left for a month, the one naming the most of the network wins; then the latest retrieval; then the slug.</li>
      </ol>
      <p>
        Months no source covers are gaps: the month slider steps over them and the charts draw a gap, never an interpolation. Each month names its source on the
        map, in the table, in the API (<code>source</code>) and in the exports (<code>source_dataset</code>), because a change between two months can be a
        change of source. The composite is rebuilt with every import, so a newer whole-network estimate becomes its newest month at once.
      </p>
      <table className="data" data-testid="best-estimate-runs">
        <caption className="source">Where each month of the best estimate comes from, now.</caption>
        <thead>
          <tr>
            <th scope="col">Months</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {runsOf(sources).map((r) => (
            <tr key={r.from} data-source={r.source}>
              <td>{r.from === r.to ? r.from : `${r.from} … ${r.to} (${r.months} months)`}</td>
              <td>
                {titles.get(r.source) ?? r.source} (<code>{r.source}</code>)
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 id="age">Age</h3>
      <p>
        Every answer based on a month of shares states its age: <code>asOf</code>, the month, and <code>ageMonths</code>, the whole calendar months from it to
        the current month (UTC). Past {STALE_AFTER_MONTHS} months it is <code>stale</code>, and the dashboard marks it so. With <code>network=latest</code>{" "}
        (“apply to the latest network hashrate”) a month’s shares are multiplied by the newest month of network data: EH/s at today’s network size, on the
        assumption that the shares have not moved since.
      </p>
    </section>
  );
}
