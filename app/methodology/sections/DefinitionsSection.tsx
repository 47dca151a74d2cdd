import { DEFAULT_EFFICIENCY_J_PER_TH } from "@/lib/metrics/energy";
import { PRICE_TYPE_PREFERENCE } from "@/lib/metrics/prices";
import styles from "../methodology.module.css";
import { eps, Formula, H, M, s2_c, s_c, sumC, TEN_K, titleOf, u, w_c } from "./notation";

export function DefinitionsSection() {
  return (
    <section id="definitions" aria-labelledby="definitions-h" className="panel">
      <h2 id="definitions-h">{titleOf("definitions")}</h2>

      <h3 id="shares">Shares and the unattributed bucket</h3>
      <p>
        A <em>distribution</em> is what every metric consumes: for one dataset and one month, a weight {w_c} per country <var>c</var> (a share, EH/s or MW) plus
        the weight of the unattributed bucket (CBECI’s “Other”, or the part of the network a source does not name). The metrics normalise each month, so the
        shares {s_c} are fractions of the total <em>including</em> the unattributed bucket {u}:
      </p>
      <Formula testId="def-shares">
        {s_c} = {w_c} / (Σ
        <sub>
          <var>k</var>
        </sub>{" "}
        <var>w</var>
        <sub>
          <var>k</var>
        </sub>{" "}
        + <var>w</var>
        <sub>other</sub>), &nbsp; {u} = <var>w</var>
        <sub>other</sub> / (Σ
        <sub>
          <var>k</var>
        </sub>{" "}
        <var>w</var>
        <sub>
          <var>k</var>
        </sub>{" "}
        + <var>w</var>
        <sub>other</sub>), &nbsp; so &nbsp;{sumC} {s_c} + {u} = 1.
      </Formula>
      <p>
        CBECI’s published percentages of a month sum to 100 ± 0.02 % (rounding); normalising removes that residue. Secondary estimates that name only a few
        countries store {u} = 1 − (the named shares). A country listed with zero weight stays in the distribution with <M>{s_c} = 0</M>. In every formula below,
        “over attributed countries” means the sum runs over named countries only; {u} never enters it.
      </p>

      <h3 id="network-hashrate">Network hashrate of a period</h3>
      <p>
        The network hashrate {H} of a month (EH/s) is the dataset’s <strong>own absolute total</strong> where every row of that month carries an absolute figure
        (CBECI publishes EH/s per country, so its months sum to its own total); otherwise it is the month’s value in <code>network-monthly</code>, derived from
        block headers (expected work 2016 · <var>D</var> · 2<sup>32</sup> hashes per retarget epoch, spread over the epoch and summed by month). A country’s
        EH/s is {s_c} · {H}.
      </p>

      <h3 id="concentration">Concentration indices</h3>
      <dl className={styles.defs}>
        <dt>
          <code>hhi</code>
        </dt>
        <dd data-testid="def-hhi">
          Herfindahl–Hirschman index over attributed countries; the unattributed mass counts as fully dispersed (it adds nothing):
          <Formula>
            hhi = {TEN_K} · {sumC} {s2_c}
          </Formula>
        </dd>
        <dt>
          <code>hhiUpper</code>
        </dt>
        <dd data-testid="def-hhi-upper">
          The same as if the unattributed mass were one jurisdiction:
          <Formula>
            hhiUpper = hhi + {TEN_K} · {u}
            <sup>2</sup>
          </Formula>
        </dd>
        <dt>
          <code>effectiveJurisdictions</code>
        </dt>
        <dd>
          <M>{TEN_K} / hhi</M>, the number of equal-sized jurisdictions that would give the same HHI; <code>null</code> when nothing is attributed (hhi = 0).
          Because hhi is the lower bound, this is the upper bound of the effective number.
        </dd>
        <dt>
          <code>concentration</code>
        </dt>
        <dd data-testid="def-bands">
          A band read from <code>hhi</code>: <strong>low</strong> if hhi &lt; 1000, <strong>moderate</strong> if 1000 ≤ hhi ≤ 1800, <strong>high</strong> if hhi
          &gt; 1800. 1800 is the “highly concentrated” line of the 2023 U.S. Merger Guidelines (Department of Justice and Federal Trade Commission).
        </dd>
        <dt>
          <code>nakamoto</code>
        </dt>
        <dd>
          The smallest <var>k</var> such that the <var>k</var> largest attributed shares sum to more than 0.5 (compared with a tolerance of 10<sup>−12</sup> so
          that rounding cannot move the threshold); <code>null</code> when the attributed shares never exceed 0.5 together — always the case when {u} ≥ 0.5. The
          unattributed bucket is never one of the <var>k</var>.
        </dd>
        <dt>
          <code>top1</code>, <code>top3</code>
        </dt>
        <dd>
          Concentration ratios: the largest attributed share, and the sum of the three largest (of the total including {u}). <code>topCountry</code> is the
          country holding <code>top1</code>.
        </dd>
        <dt>
          <code>entropyBits</code>
        </dt>
        <dd>
          Shannon entropy of the attributed shares, in bits (terms with {s_c} = 0 count as 0; {u} contributes nothing):
          <Formula>
            entropyBits = −{sumC} {s_c} · log<sub>2</sub> {s_c}
          </Formula>
        </dd>
      </dl>

      <h3 id="basis">Basis: estimates or sites</h3>
      <p>
        <code>basis=estimate</code> (the default) uses a shares dataset as published. <code>basis=sites</code> builds the distribution from the mining-site list
        instead, for comparison:
      </p>
      <ul>
        <li>
          only sites whose status is <strong>operating</strong> count (the status is the latest the source note gives and is applied to every month);
        </li>
        <li>
          a site counts with its stated EH/s, else with <M>capacityMw ÷ {eps}</M> (MW ÷ J/TH = EH/s), {eps} being the efficiency parameter (default{" "}
          {DEFAULT_EFFICIENCY_J_PER_TH} J/TH); operating sites with neither figure are left out and counted in the response (<code>sitesWithoutSize</code>), as
          is the share of EH/s converted from capacity;
        </li>
        <li>
          the network hashrate of the month minus the sites’ total is the <strong>unattributed</strong> weight (floored at 0).
        </li>
      </ul>

      <h3 id="power-price">Power price of a country</h3>
      <p>Each country gets one power price (USD/kWh) per month, chosen from its price rows in three steps:</p>
      <ol>
        <li>
          <strong>whole-country rows before subdivisions</strong>: rows for a province or state (e.g. Quebec) are used only when the country has no
          whole-country row;
        </li>
        <li>
          <strong>the most comparable price type</strong> available: {PRICE_TYPE_PREFERENCE.join(" > ")} (what large consumers pay first, household prices last)
          — type beats recency;
        </li>
        <li>
          <strong>the latest row dated at or before the month</strong>, else the earliest row after it. A row’s date is the first month it covers (“2024” →
          2024-01, “2024-S2” → 2024-07).
        </li>
      </ol>
    </section>
  );
}
