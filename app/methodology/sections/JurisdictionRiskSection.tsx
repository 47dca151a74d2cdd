import { CBECI_2021_05 } from "@/lib/metrics/fixtures";
import { BASE_ANNUAL_RATE, BASE_FRACTION, BLOC_ANNUAL_RATE, BLOC_FRACTION, FRACTION_BY_KIND, SHOCK_RECORD_START } from "@/lib/risk/defaults";
import { DEFAULT_RISK_DRAWS, DEFAULT_RISK_HORIZON_DAYS, LOSS_HISTOGRAM_BINS, MAX_EXACT_EVENTS } from "@/lib/risk/limits";
import { riskOf } from "@/lib/risk/model";
import styles from "../methodology.module.css";
import { Formula, L, M, num, pct, s_c, titleOf, u } from "./notation";

// docs/methodology.md#jurisdiction-risk, with a worked example computed by the model itself.

const EXAMPLE_EVENTS = [
  { id: "CN", name: "China", members: ["CN"], probability: 0.3, fraction: 1 },
  { id: "KZ", name: "Kazakhstan (half)", members: ["KZ"], probability: 0.2, fraction: 0.5 },
  { id: "EAEU", name: "EAEU (AM, BY, KG, KZ, RU)", members: ["AM", "BY", "KG", "KZ", "RU"], probability: 0.05, fraction: 1 },
];
const example = riskOf({ distribution: CBECI_2021_05, events: EXAMPLE_EVENTS, blocksIntoEpoch: 0, draws: DEFAULT_RISK_DRAWS, seed: 1 });

const p_i = (
  <>
    <var>p</var>
    <sub>
      <var>i</var>
    </sub>
  </>
);
const f_i = (
  <>
    <var>f</var>
    <sub>
      <var>i</var>
    </sub>
  </>
);
const off_c = (
  <>
    offline
    <sub>
      <var>c</var>
    </sub>
  </>
);

export function JurisdictionRiskSection() {
  return (
    <section id="jurisdiction-risk" aria-labelledby="jurisdiction-risk-h" className="panel">
      <h2 id="jurisdiction-risk-h">{titleOf("jurisdiction-risk")}</h2>
      <p>
        Given how likely each shutdown is, how much hash power is at risk within a horizon, and who contributes most to that risk? An <em>event</em>{" "}
        <var>i</var> is a country or a bloc that happens with probability {p_i} and then takes the fraction {f_i} of each member’s hashrate offline. Events are
        independent; a bloc event takes all its members at once, which is how correlation enters. In an outcome, country <var>c</var> is offline by
      </p>
      <Formula testId="def-risk-offline">
        {off_c} = 1 − Π (1 − {f_i}) over the events that happened and include <var>c</var>, &nbsp; {L} = Σ<sub>c</sub> {s_c} · {off_c}
      </Formula>
      <p>
        and everything else about the outcome is the shutdown model’s: {u} never goes offline and counts in what is left, a majority is a country with more than
        half of what is left, {L} = 1 halts the chain.
      </p>

      <h3 id="risk-figures">Figures</h3>
      <dl className={styles.defs}>
        <dt>
          <code>expectedLostShare</code>
        </dt>
        <dd>
          Exact in either method:{" "}
          <M>
            E[{off_c}] = 1 − Π (1 − {p_i} {f_i})
          </M>{" "}
          over the events that include <var>c</var>, and{" "}
          <M>
            E[{L}] = Σ<sub>c</sub> {s_c} · E[{off_c}]
          </M>
          .
        </dd>
        <dt>
          <code>lostShareQuantiles</code>, <code>probabilityLossAbove</code>, <code>probabilityMajority</code>, <code>probabilityHalted</code>
        </dt>
        <dd>
          The q-quantile is the smallest loss ℓ with <M>P({L} ≤ ℓ) ≥ q</M> (q = 0.5, 0.9, 0.95, 0.99); <M>P({L} &gt; x)</M> for x = 0.1, 0.2, 0.3, 0.5; the
          chance that one country then holds a majority; the chance that {L} = 1. A histogram of {L} has {LOSS_HISTOGRAM_BINS} bins.
        </dd>
        <dt>
          <code>difficultyChange</code>, <code>blockIntervalMinutes</code>, <code>expectedHhiAfter</code>
        </dt>
        <dd>
          The retarget rule at the expected loss over the outcomes that do not halt and at each quantile (<code>null</code> where that loss halts); the expected
          HHI of the survivors over the outcomes that do not halt.
        </dd>
        <dt>
          <code>contributions</code>
        </dt>
        <dd data-testid="def-risk-contributions">
          Country <var>c</var>’s part is{" "}
          <M>
            {s_c} · E[{off_c}]
          </M>
          . It is split over the events that hit <var>c</var> in proportion to their hazards{" "}
          <M>
            −ln(1 − {p_i} {f_i})
          </M>
          , which add up: <M>1 − E[{off_c}] = exp(−Σ hazards)</M>. An event’s part is the sum of its shares over its members; events certain to take{" "}
          <var>c</var> offline (<M>p · f = 1</M>) share it equally. Both lists add up to <code>expectedLostShare</code>.
        </dd>
        <dt>Method</dt>
        <dd>
          With at most {MAX_EXACT_EVENTS} uncertain events (0 &lt; p &lt; 1) every outcome is enumerated (<code>exact</code>); with more,{" "}
          <code>monte-carlo</code> draws (default {num(DEFAULT_RISK_DRAWS)}) with a seed, so the same request gives the same answer, and a standard error for
          each sampled figure. Events of probability 0 change nothing; events of probability 1 always happen.
        </dd>
      </dl>

      <h3 id="risk-defaults">Default probabilities: a starting point, not a forecast</h3>
      <p data-testid="def-risk-defaults">
        A request with no events gets every country with a share and every bloc at a default, from the recorded shocks since {SHOCK_RECORD_START}: a country
        with <var>n</var> recorded shocks in <var>Y</var> years happens at the rate <var>n</var>/<var>Y</var> a year, so within the horizon (default{" "}
        {DEFAULT_RISK_HORIZON_DAYS} days) with <M>P = 1 − exp(−rate · days / 365.25)</M>, taking the mean fraction of its shocks’ kinds (ban{" "}
        {FRACTION_BY_KIND.ban}, blackout {FRACTION_BY_KIND.blackout}, restriction {FRACTION_BY_KIND.restriction}, tariff {FRACTION_BY_KIND.tariff}). A country
        without a recorded shock gets {BASE_ANNUAL_RATE} a year and fraction {BASE_FRACTION}; a bloc acting together {BLOC_ANNUAL_RATE} a year and fraction{" "}
        {BLOC_FRACTION}. Users change them; the answer marks each default, and the export states its numbers.
      </p>

      <h3 id="risk-example">Worked example</h3>
      <p>
        CBECI’s May 2021 shares, with China shut down with probability 0.3, half of Kazakhstan with 0.2 and the EAEU with 0.05: the expected loss is{" "}
        <span data-testid="risk-example-expected">{pct(example.expectedLostShare)}</span>, the 95th percentile {pct(example.lostShareQuantiles.p95)}, the chance
        of losing more than 30 % {pct(example.probabilityLossAbove["0.3"])}, and the chance that one country then holds a majority{" "}
        {pct(example.probabilityMajority)} ({example.method}).
      </p>
      <table className="data" data-testid="risk-example-contributions">
        <caption>Each event’s part of the expected loss (they add up to {pct(example.expectedLostShare)})</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">p</th>
            <th scope="col">f</th>
            <th scope="col">Part of E[L]</th>
          </tr>
        </thead>
        <tbody>
          {EXAMPLE_EVENTS.map((e, i) => (
            <tr key={e.id}>
              <th scope="row">{e.name}</th>
              <td>{e.probability}</td>
              <td>{e.fraction}</td>
              <td>{pct(example.contributions.events[i] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
