import { backtests } from "@/lib/services/backtests";
import { dashboardLink, formatDrop, formatPoints, sourceLabel } from "@/lib/view/backtests";
import { formatShare, formatSignedPercent } from "@/lib/view/format";
import styles from "../methodology.module.css";
import { titleOf } from "./notation";

/** Every recorded shock the sources let us rebuild, the simulator's loss beside the one measured, and what the model leaves out. Computed when the page is served, by the service /api/backtests answers from. */
export async function BacktestsSection() {
  const { rows, meanAbsoluteError, meanSignedError, notBacktested } = await backtests();
  return (
    <section id="backtests" aria-labelledby="backtests-h" className="panel">
      <h2 id="backtests-h">{titleOf("backtests")}</h2>
      <p>
        Each shock the sources measured is rebuilt as the simulator input that stands for it: the affected countries (a US state counts as the United States),
        the fraction of each that went dark as the sources report it — a nationwide ban or blackout takes all of it, a pool of the country its own relative
        drop, curtailed megawatts their share of the country&apos;s mining power — and the shares of the newest month of the best estimate <em>before</em> the
        month the shock began in. The predicted drop is the simulator&apos;s lost share; the observed drop is the fall in network hashrate the sources measured,
        before against trough on one provider&apos;s figures, or the range of the sources where they disagree. The error is predicted − observed, to a
        range&apos;s nearest end (0 inside it). Retargets: the real ones from the shock to the first on or after its end and the rebound after it, beside the
        simulator&apos;s, with the miners&apos; return after the outage. The same answer is served as JSON by <a href="/api/backtests">/api/backtests</a>;{" "}
        <code>docs/methodology.md</code> states the rules (Backtests).
      </p>
      <p data-testid="backtests-mae">
        Mean absolute error over {rows.length} shocks: <strong>{meanAbsoluteError === null ? "—" : formatPoints(meanAbsoluteError, false)}</strong>
        {meanSignedError === null ? null : (
          <>
            {" "}
            (mean signed error {formatPoints(meanSignedError)}:{" "}
            {meanSignedError < 0 ? "the simulator falls short of the falls measured" : "the simulator overshoots"}
            ).
          </>
        )}
      </p>
      <div className={styles.tableScroll} role="region" aria-label="Backtests of real shocks" tabIndex={0}>
        <table className={`data ${styles.backtests}`} data-testid="backtests-table">
          <caption className="source">The simulator against the shocks that really happened (percentages of network hashrate; pp: percentage points).</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Date</th>
              <th scope="col">Scenario</th>
              <th scope="col" className="num">
                Observed drop
              </th>
              <th scope="col" className="num">
                Predicted
              </th>
              <th scope="col" className="num">
                Error
              </th>
              <th scope="col">Retargets: observed, simulated</th>
              <th scope="col">Sources</th>
              <th scope="col">What the model leaves out</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-id={r.id}>
                <th scope="row" data-field="event">
                  {r.name}
                  <span className={styles.slug}>
                    <code>{r.id}</code>
                  </span>
                </th>
                <td data-field="date" className={styles.nowrap}>
                  <time dateTime={r.date}>{r.date}</time>
                  {r.endDate === r.date ? null : (
                    <>
                      {" "}
                      …<br />
                      <time dateTime={r.endDate}>{r.endDate}</time>
                    </>
                  )}
                </td>
                <td data-field="scenario">
                  {r.scenario.countries.map((c) => (
                    <span key={c.iso2} className={styles.nowrap}>
                      {c.name}: {formatShare(c.share)} × {formatShare(c.fraction)} dark
                    </span>
                  ))}
                  <span className={styles.slug}>
                    shares of {r.scenario.period};{" "}
                    {r.scenario.outageDays === null ? "nothing comes back" : `back after ${r.scenario.outageDays} day${r.scenario.outageDays > 1 ? "s" : ""}`};{" "}
                    {r.scenario.blocksIntoEpoch} blocks into the epoch
                  </span>
                  <details>
                    <summary>How</summary>
                    <p>Fraction: {r.scenario.fractionBasis}.</p>
                    <p>Shares: {r.scenario.periodBasis}.</p>
                    <p>Dates: {r.scenario.windowBasis}.</p>
                    <p>
                      <a href={dashboardLink(r.scenario)}>Open this scenario in the simulator</a>
                    </p>
                  </details>
                </td>
                <td className={`num ${styles.nowrap}`} data-field="observed">
                  {formatDrop(r.observedDrop)}
                </td>
                <td className="num" data-field="predicted">
                  {formatShare(r.predictedDrop)}
                </td>
                <td className={`num ${styles.nowrap}`} data-field="error">
                  {formatPoints(r.error.signed)}
                </td>
                <td data-field="retargets">
                  <ol className={styles.compact}>
                    {r.observedRetargets.map((o, i) => {
                      const p = r.predictedRetargets[i];
                      return (
                        <li key={o.height}>
                          <span className={styles.nowrap}>
                            <time dateTime={o.time}>{o.time.slice(0, 10)}</time> <span data-field="observed-change">{formatSignedPercent(o.change)}</span>
                          </span>
                          <span className={`${styles.nowrap} ${styles.simulated}`}>
                            {p ? (
                              <>
                                sim. <time dateTime={p.date}>{p.date}</time> <span data-field="predicted-change">{formatSignedPercent(p.change)}</span>
                              </>
                            ) : (
                              "sim. —"
                            )}
                          </span>
                        </li>
                      );
                    })}
                  </ol>
                </td>
                <td data-field="sources">
                  <ul className={styles.compact}>
                    {r.sources.map((s) => (
                      <li key={s.url}>
                        <a href={s.url} rel="noreferrer" title={s.measuredBy}>
                          {sourceLabel(s.url)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </td>
                <td data-field="left-out">
                  <ul className={styles.compact}>
                    {r.leftOut.map((text) => (
                      <li key={text}>{text}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 id="backtests-figures">The figures behind each observed drop</h3>
      <dl className={styles.caveatList} data-testid="backtests-figures">
        {rows.map((r) => (
          <div key={r.id} data-id={r.id}>
            <dt>{r.name}</dt>
            <dd>
              <ul className={styles.compact}>
                {r.observedFigures.map((f, i) => (
                  <li key={i}>
                    {f.text} ({f.dateLabel}; {f.measuredBy}){f.drop === null ? "" : `: ${formatShare(f.drop)}`}
                    {f.leftOut ? <em> — left out: {f.leftOut}</em> : null}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
      <h3 id="not-backtested">Recorded shocks not backtested</h3>
      <ul data-testid="not-backtested">
        {notBacktested.map((n) => (
          <li key={n.id} data-id={n.id}>
            <strong>{n.name}</strong> (<time dateTime={n.date}>{n.date}</time>, <code>{n.id}</code>): {n.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
