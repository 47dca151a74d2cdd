import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DomainError } from "@/lib/services/errors";
import { getSeries } from "@/lib/services/metrics";
import { type DatasetSummary, listDatasets } from "@/lib/services/datasets";
import { bandOf } from "@/lib/metrics/concentration";
import { costPerBtcUsd, DEFAULT_EFFICIENCY_J_PER_TH, kwhPerBtc } from "@/lib/metrics/energy";
import { PRICE_TYPE_PREFERENCE } from "@/lib/metrics/prices";
import type { SeriesRow } from "@/lib/metrics/report";
import { BLOCKS_PER_EPOCH, MAX_RETARGET_FACTOR, retargetAfterLoss, TARGET_BLOCK_MINUTES } from "@/lib/metrics/shock";
import { blockSubsidyForPeriod } from "@/lib/metrics/subsidy";
import { DEFAULT_SHARES_DATASET } from "@/lib/scenario/limits";
import { HistoricalValidation } from "./HistoricalValidation";
import styles from "./methodology.module.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Methodology — HashAtlas" };

// ---------------------------------------------------------------------------------------------
// Number formatting: SI style, a narrow no-break space between groups of three digits.

const NNBSP = "\u202F";
function num(n: number, digits = 0): string {
  // "min2": group only from five digits on (10 000, but 2016 and 1800 stay whole), as SI style does.
  return new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: "min2" }).format(n).replace(/,/g, NNBSP);
}
function pct(fraction: number, digits = 2): string {
  return `${num(fraction * 100, digits)}${NNBSP}%`;
}
function signedPct(fraction: number, digits = 2): string {
  return `${fraction < 0 ? "−" : "+"}${pct(Math.abs(fraction), digits)}`;
}
const TEN_K = num(10_000);

// ---------------------------------------------------------------------------------------------
// Math typography in plain HTML: <var> for variables, <sub>/<sup> for indices and powers.

const s_c = (
  <>
    <var>s</var>
    <sub>
      <var>c</var>
    </sub>
  </>
);
const s2_c = (
  <>
    <var>s</var>
    <sub>
      <var>c</var>
    </sub>
    <sup>2</sup>
  </>
);
const sp_c = (
  <>
    <var>s</var>′
    <sub>
      <var>c</var>
    </sub>
  </>
);
const f_c = (
  <>
    <var>f</var>
    <sub>
      <var>c</var>
    </sub>
  </>
);
const w_c = (
  <>
    <var>w</var>
    <sub>
      <var>c</var>
    </sub>
  </>
);
const u = <var>u</var>;
const L = <var>L</var>;
const b = <var>b</var>;
const A = <var>A</var>;
const H = <var>H</var>;
const eps = <var>ε</var>;
const sumC = (
  <>
    Σ
    <sub>
      <var>c</var>
    </sub>
  </>
);
const sumS = (
  <>
    Σ
    <sub>
      <var>c</var>∈<var>S</var>
    </sub>
  </>
);

function M({ children }: { children: ReactNode }) {
  return <span className={styles.math}>{children}</span>;
}
function Formula({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <span className={styles.formula} role="math" data-testid={testId}>
      {children}
    </span>
  );
}

// ---------------------------------------------------------------------------------------------
// Facts computed with the very functions the API uses, so the page cannot drift from the code.

const CLAMP_LOW = `1/${MAX_RETARGET_FACTOR}`;
const kazakhstan = { share: 0.1322, ...retargetAfterLoss(0.1322, 0) };
const example = { eh: 1000, jPerTh: 20, usdPerKwh: 0.09, subsidy: 3.125 };
const exampleKwh = kwhPerBtc(example.eh, example.jPerTh, example.subsidy);
const exampleCost = costPerBtcUsd(exampleKwh, example.usdPerKwh);
const defaultKwhAt1000 = kwhPerBtc(1000, DEFAULT_EFFICIENCY_J_PER_TH, 3.125);
const halvingMay2020 = blockSubsidyForPeriod("2020-05");
const halvingApr2024 = blockSubsidyForPeriod("2024-04");

const SECTIONS = [
  { id: "definitions", title: "Metric definitions" },
  { id: "shutdown-model", title: "Shutdown (shock) model" },
  { id: "historical-validation", title: "Historical validation: the 2021 China ban" },
  { id: "energy", title: "Energy cost of one bitcoin" },
  { id: "other", title: "The unattributed bucket (CBECI “Other”)" },
  { id: "sources", title: "Data sources" },
  { id: "caveats", title: "Known caveats" },
] as const;

type SectionId = (typeof SECTIONS)[number]["id"];
function titleOf(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)?.title ?? id;
}

/** How the unattributed bucket moves HHI in the loaded CBECI series (null when it is not loaded). */
async function otherBracket() {
  let rows: SeriesRow[];
  try {
    rows = (await getSeries(DEFAULT_SHARES_DATASET)).rows;
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
  if (rows.length === 0) return null;
  const byU = [...rows].sort((a, b) => a.unattributedShare - b.unattributedShare);
  const widest = [...rows].sort((a, b) => b.hhiUpper - b.hhi - (a.hhiUpper - a.hhi))[0];
  const straddling = rows.filter((r) => bandOf(r.hhi) !== bandOf(r.hhiUpper));
  const lowest = byU[0];
  const highest = byU.at(-1);
  if (!lowest || !highest || !widest) return null;
  return { months: rows.length, lowest, highest, widest, straddling };
}

/** Sources in the order a reader needs them: the hashrate estimates first, reference lists last. */
const KIND_ORDER = ["shares", "network", "retargets", "prices", "sites", "events", "shocks", "blocs"];
function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
}

function periodsOf(d: DatasetSummary): string | null {
  if (d.periods.length === 0) return null;
  if (d.periods.length <= 4) return `period${d.periods.length > 1 ? "s" : ""} ${d.periods.join(", ")}`;
  return `${d.periods[0]} … ${d.periods.at(-1)} (${d.periods.length} periods)`;
}

export default async function MethodologyPage() {
  const [loaded, bracket] = await Promise.all([listDatasets(), otherBracket()]);
  const datasets = [...loaded].sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || a.slug.localeCompare(b.slug));

  return (
    <article className={styles.page}>
      <h1>Methodology</h1>
      <p className="lede">
        How HashAtlas turns published hashrate estimates into concentration indices, shutdown scenarios and an energy cost per bitcoin: every definition as the
        code computes it, where each number comes from, and what it cannot tell you.
      </p>
      <p className={styles.cite}>
        To cite: “HashAtlas, <em>Methodology</em>, section <em>name</em>”, with the slug of the dataset you used (e.g. <code>cbeci-monthly</code>) and the
        original source and retrieval date listed under <a href="#sources">Data sources</a>. The <a href="/api-docs">API</a> and its exports use these same
        definitions. Shares are fractions 0–1 (shown as percentages here); HHI is on the 0–{TEN_K} scale.
      </p>
      <p className={styles.cite}>
        The written definition this page follows is <code>docs/methodology.md</code> in the HashAtlas repository: the code, this page and the exports state the
        same definitions, and the figures here are computed live by the functions the API uses.
      </p>

      <nav className={`panel ${styles.toc}`} aria-labelledby="toc-heading">
        <h2 id="toc-heading">On this page</h2>
        <ol>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ol>
      </nav>

      {/* ------------------------------------------------------------------------------------ */}
      <section id="definitions" aria-labelledby="definitions-h" className="panel">
        <h2 id="definitions-h">{titleOf("definitions")}</h2>

        <h3 id="shares">Shares and the unattributed bucket</h3>
        <p>
          A <em>distribution</em> is what every metric consumes: for one dataset and one month, a weight {w_c} per country <var>c</var> (a share, EH/s or MW)
          plus the weight of the unattributed bucket (CBECI’s “Other”, or the part of the network a source does not name). The metrics normalise each month, so
          the shares {s_c} are fractions of the total <em>including</em> the unattributed bucket {u}:
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
          countries store {u} = 1 − (the named shares). A country listed with zero weight stays in the distribution with <M>{s_c} = 0</M>. In every formula
          below, “over attributed countries” means the sum runs over named countries only; {u} never enters it.
        </p>

        <h3 id="network-hashrate">Network hashrate of a period</h3>
        <p>
          The network hashrate {H} of a month (EH/s) is the dataset’s <strong>own absolute total</strong> where every row of that month carries an absolute
          figure (CBECI publishes EH/s per country, so its months sum to its own total); otherwise it is the month’s value in <code>network-monthly</code>,
          derived from block headers (expected work 2016 · <var>D</var> · 2<sup>32</sup> hashes per retarget epoch, spread over the epoch and summed by month).
          A country’s EH/s is {s_c} · {H}.
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
            A band read from <code>hhi</code>: <strong>low</strong> if hhi &lt; 1000, <strong>moderate</strong> if 1000 ≤ hhi ≤ 1800, <strong>high</strong> if
            hhi &gt; 1800. 1800 is the “highly concentrated” line of the 2023 U.S. Merger Guidelines (Department of Justice and Federal Trade Commission).
          </dd>
          <dt>
            <code>nakamoto</code>
          </dt>
          <dd>
            The smallest <var>k</var> such that the <var>k</var> largest attributed shares sum to more than 0.5 (compared with a tolerance of 10<sup>−12</sup>{" "}
            so that rounding cannot move the threshold); <code>null</code> when the attributed shares never exceed 0.5 together — always the case when {u} ≥
            0.5. The unattributed bucket is never one of the <var>k</var>.
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
          <code>basis=estimate</code> (the default) uses a shares dataset as published. <code>basis=sites</code> builds the distribution from the mining-site
          list instead, for comparison:
        </p>
        <ul>
          <li>
            only sites whose status is <strong>operating</strong> count (the status is the latest the source note gives and is applied to every month);
          </li>
          <li>
            a site counts with its stated EH/s, else with <M>capacityMw ÷ {eps}</M> (MW ÷ J/TH = EH/s), {eps} being the efficiency parameter (default{" "}
            {DEFAULT_EFFICIENCY_J_PER_TH} J/TH); operating sites with neither figure are left out and counted in the response (<code>sitesWithoutSize</code>),
            as is the share of EH/s converted from capacity;
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
            <strong>the most comparable price type</strong> available: {PRICE_TYPE_PREFERENCE.join(" > ")} (what large consumers pay first, household prices
            last) — type beats recency;
          </li>
          <li>
            <strong>the latest row dated at or before the month</strong>, else the earliest row after it. A row’s date is the first month it covers (“2024” →
            2024-01, “2024-S2” → 2024-07).
          </li>
        </ol>
      </section>

      {/* ------------------------------------------------------------------------------------ */}
      <section id="shutdown-model" aria-labelledby="shutdown-model-h" className="panel">
        <h2 id="shutdown-model-h">{titleOf("shutdown-model")}</h2>
        <p>
          A shutdown of the set of jurisdictions <var>S</var> takes their hashrate off the network at once. The model is mechanical and immediate: no one moves,
          no one switches on new machines (migration is a separate, optional simulation).
        </p>

        <h3 id="lost-share">What is lost</h3>
        <Formula testId="def-lost-share">
          {L} = {sumS} {f_c} · {s_c}
        </Formula>
        <p>
          {f_c} is the fraction of country <var>c</var> that goes dark (1 for a full ban; the shock table at <code>/api/shocks</code> shuts each country and
          each bloc down in full, one at a time). A bloc expands to its member countries. A country named twice (alone and inside a bloc) combines as
          independent outages,{" "}
          <M>
            <var>f</var> = 1 − (1 − <var>f</var>
            <sub>1</sub>)(1 − <var>f</var>
            <sub>2</sub>)
          </M>
          . The unattributed bucket cannot be shut down: nobody can switch off “the rest of the world”.
        </p>
        <dl className={styles.defs}>
          <dt>
            <code>lostShare</code>
          </dt>
          <dd>
            <M>{L}</M>, as above.
          </dd>
          <dt>
            <code>hashrateLostEh</code>
          </dt>
          <dd>
            <M>
              {L} · {H}
            </M>
            , with {H} the network hashrate of the period (rule above); <code>null</code> when {H} is unknown.
          </dd>
          <dt>
            <code>survivors</code>
          </dt>
          <dd>
            Shares renormalise over what is left; the unattributed bucket survives whole:
            <Formula testId="def-survivors">
              {sp_c} = {s_c} · (1 − {f_c}) / (1 − {L}), &nbsp; <var>u</var>′ = {u} / (1 − {L})
            </Formula>
            <code>hhiAfter</code> and <code>nakamotoAfter</code> are <code>hhi</code> and <code>nakamoto</code> of the survivors.
          </dd>
          <dt>
            <code>blockIntervalMinutes</code>
          </dt>
          <dd>
            Until the next retarget blocks come every{" "}
            <M>
              {TARGET_BLOCK_MINUTES} / (1 − {L})
            </M>{" "}
            minutes.
          </dd>
          <dt>
            <code>daysToRetarget</code>
          </dt>
          <dd>
            Difficulty retargets every {num(BLOCKS_PER_EPOCH)} blocks. With {b} blocks of the epoch already mined at 10 minutes when the shock hits (
            <code>blocksIntoEpoch</code>, an integer 0–{BLOCKS_PER_EPOCH - 1}, default 0):
            <Formula>
              daysToRetarget = ({num(BLOCKS_PER_EPOCH)} − {b}) · {TARGET_BLOCK_MINUTES} / (1 − {L}) / 1440
            </Formula>
          </dd>
          <dt>
            <code>difficultyChange</code>
          </dt>
          <dd data-testid="def-clamp">
            The epoch’s actual timespan blends the blocks before and after the shock:
            <Formula>
              {A} = {b} · {TARGET_BLOCK_MINUTES} + ({num(BLOCKS_PER_EPOCH)} − {b}) · {TARGET_BLOCK_MINUTES} / (1 − {L}) &nbsp;minutes
            </Formula>
            <Formula>
              factor = clamp({num(BLOCKS_PER_EPOCH)} · {TARGET_BLOCK_MINUTES} / {A}, {CLAMP_LOW}, {MAX_RETARGET_FACTOR}), &nbsp; difficultyChange = factor − 1
            </Formula>
            The clamp is Bitcoin’s own limit: one retarget moves difficulty by at most ×{MAX_RETARGET_FACTOR} up or ÷{MAX_RETARGET_FACTOR} down. With {b} = 0
            the factor is simply 1 − {L}, so <code>difficultyChange</code> = −{L} until {L} passes 3/4, where the clamp holds it at −75 %. Bitcoin Core measures
            the time between the first and the last block of an epoch (2015 intervals) against a two-week target (2016 × 10 minutes); HashAtlas uses 2016
            intervals throughout and ignores this off-by-one (about 0.05 %).
          </dd>
          <dt>
            <code>majority</code>
          </dt>
          <dd>
            The surviving country whose <M>{sp_c} &gt; 0.5</M>, if any (the unattributed bucket is never a majority).
          </dd>
          <dt>
            <code>halted</code>
          </dt>
          <dd>
            <M>{L} = 1</M> (to within 10<sup>−12</sup>) halts the chain: no block would ever come, so the result says <code>halted: true</code>,{" "}
            <code>hashrateLostEh</code> is the whole network and the interval, the retarget, the survivors’ indices and the majority are <code>null</code>;
            nothing is divided by zero. This can only happen when {u} = 0.
          </dd>
        </dl>

        <h3 id="shock-example">Worked example</h3>
        <p>
          Kazakhstan held {pct(kazakhstan.share)} of hashrate in January 2022 (CBECI). Shutting it down at the start of an epoch gives blocks every{" "}
          {num(kazakhstan.blockIntervalMinutes, 2)} minutes, the retarget after {num(kazakhstan.daysToRetarget, 1)} days and a difficulty change of{" "}
          {signedPct(kazakhstan.difficultyChange)}. During the real internet shutdown of 5–7 January 2022 the network hashrate fell by about 13.4 % (205 → 177
          EH/s).
        </p>
      </section>

      {/* ------------------------------------------------------------------------------------ */}
      <section id="historical-validation" aria-labelledby="historical-validation-h" className="panel">
        <h2 id="historical-validation-h">{titleOf("historical-validation")}</h2>
        <HistoricalValidation />
      </section>

      {/* ------------------------------------------------------------------------------------ */}
      <section id="energy" aria-labelledby="energy-h" className="panel">
        <h2 id="energy-h">{titleOf("energy")}</h2>
        <p>The electricity the whole network burns per bitcoin issued, and what it costs at a country’s power price:</p>
        <Formula testId="def-kwh">
          kWh per BTC = <var>H</var>
          <sub>TH</sub> · {eps} · 600 / (3.6 × 10<sup>6</sup>) / (subsidy + fees per block)
        </Formula>
        <Formula testId="def-cost">
          cost per BTC in <var>c</var> = kWh per BTC · <var>p</var>
          <sub>
            <var>c</var>
          </sub>
        </Formula>
        <ul>
          <li>
            <var>H</var>
            <sub>TH</sub> is the network hashrate of the period in TH/s (EH/s × 10<sup>6</sup>), by the rule above; 600 s is one block; 3.6 × 10<sup>6</sup> J
            is one kWh.
          </li>
          <li>
            {eps} is the fleet efficiency in J/TH, a user parameter (<code>efficiency</code>); the default {DEFAULT_EFFICIENCY_J_PER_TH} J/TH is the fleet
            average of the 2024 Cambridge mining survey.
          </li>
          <li>
            The subsidy is the protocol’s block subsidy at the period: 12.5 BTC before 2020-05-11, 6.25 BTC from 2020-05-11, 3.125 BTC from 2024-04-19. A month
            with a halving gets the day-weighted mean (May 2020: {num(halvingMay2020, 3)} BTC; April 2024: {num(halvingApr2024, 3)} BTC).
          </li>
          <li>
            <strong>Fees are not counted</strong> (fees per block = 0): the figure is energy per bitcoin of subsidy, an upper bound of energy per bitcoin
            earned.
          </li>
          <li>
            <var>p</var>
            <sub>
              <var>c</var>
            </sub>{" "}
            is country <var>c</var>’s power price chosen by the <a href="#power-price">price rule</a>; the cost is blank where a country has no price.
          </li>
        </ul>
        <p>
          Worked example: at {num(example.eh)} EH/s, {example.jPerTh} J/TH and ${example.usdPerKwh.toFixed(2)}/kWh with a 3.125 BTC subsidy, one bitcoin takes{" "}
          {num(exampleKwh)} kWh and costs about <strong>${num(Math.round(exampleCost / 1000))}k</strong> in electricity (${num(exampleCost)}), in line with
          press estimates that the power for one bitcoin can cost more than $100{NNBSP}000 in the dearest parts of the United States. At the default{" "}
          {DEFAULT_EFFICIENCY_J_PER_TH} J/TH the same network needs {num(defaultKwhAt1000)} kWh per bitcoin.
        </p>
      </section>

      {/* ------------------------------------------------------------------------------------ */}
      <section id="other" aria-labelledby="other-h" className="panel">
        <h2 id="other-h">{titleOf("other")}</h2>
        <p>
          CBECI’s mining map names a handful of countries each month and puts the combined share of every country it does not list under{" "}
          <strong>“Other”</strong>. HashAtlas stores that row as the <strong>unattributed bucket</strong> (no country code), never as a country, for three
          reasons:
        </p>
        <ul>
          <li>
            It is many jurisdictions at once. Treating it as one would add {u}
            <sup>2</sup> to the HHI, could make it the “largest country” in <code>top1</code> or <code>nakamoto</code>, and would paint a meaningless country on
            the map.
          </li>
          <li>
            No government can switch it off, so a shutdown cannot include it: it always survives and renormalises to{" "}
            <M>
              {u} / (1 − {L})
            </M>
            .
          </li>
          <li>
            The same bucket holds what other sources leave unnamed (1 − the named shares), so estimates that name three countries and estimates that name ten
            are handled alike.
          </li>
        </ul>
        <p>
          Its effect on HHI is bracketed rather than guessed. <code>hhi</code> treats {u} as fully dispersed (infinitely many tiny jurisdictions, contributing
          0); <code>hhiUpper</code> = hhi + {TEN_K} · {u}
          <sup>2</sup> treats it as one jurisdiction. However the unattributed mass is really split, the true HHI lies between the two. The other indices (
          <code>nakamoto</code>, <code>top1</code>, <code>top3</code>, <code>entropyBits</code>) ignore {u}; the band is read from <code>hhi</code>.
        </p>
        {bracket && (
          <p data-testid="other-bracket">
            In the {bracket.months} CBECI months loaded here, “Other” ranges from {pct(bracket.lowest.unattributedShare)} ({bracket.lowest.period}) to{" "}
            {pct(bracket.highest.unattributedShare)} ({bracket.highest.period}); the bracket is widest in {bracket.widest.period} (hhi {num(bracket.widest.hhi)}
            , hhiUpper {num(bracket.widest.hhiUpper)}).{" "}
            {bracket.straddling.length === 0
              ? "In no month does it straddle a band boundary."
              : `It straddles a band boundary in ${bracket.straddling
                  .map((r) => `${r.period} (${num(r.hhi)} ${bandOf(r.hhi)} vs ${num(r.hhiUpper)} ${bandOf(r.hhiUpper)})`)
                  .join(", ")}.`}{" "}
            For sources that name only a few countries (the Hashrate Index snapshots) {u} is large and <code>hhi</code> is a lower bound only.
          </p>
        )}
      </section>

      {/* ------------------------------------------------------------------------------------ */}
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

      {/* ------------------------------------------------------------------------------------ */}
      <section id="caveats" aria-labelledby="caveats-h" className="panel">
        <h2 id="caveats-h">{titleOf("caveats")}</h2>
        <ul>
          <li>
            <strong>Pool geolocation and VPNs.</strong> CBECI geolocates the IP addresses of hashers at four large pools (about a third of network hashrate) and
            scales them to the network. Miners behind VPNs or proxies are counted where the exit node is: after the ban China reads{" "}
            <strong>0 % in July and August 2021</strong> and about 20 % again from September 2021 (covert mining, as CCAF noted), and the asterisks on Germany
            and Ireland are CCAF’s footnote that their shares are likely inflated by such routing. Treat China after mid-2021 as a lower bound.
          </li>
          <li>
            <strong>Survey bias (CCAF 2024 survey).</strong> 49 firms reporting about 48 % of network hashrate, self-selected and weighted towards listed North
            American miners: the United States’ 75.4 % is of the surveyed hashrate, not of the network. It is not comparable with the pool-geolocation series,
            so a change between January 2022 and September 2024 is partly a change of method.
          </li>
          <li>
            <strong>Proprietary Hashrate Index estimates.</strong> Luxor’s heatmap method is undisclosed and the numbers reach HashAtlas through news reports;
            the October 2025 snapshot names only three countries, so most of the network is unattributed and the indices are lower bounds.
          </li>
          <li>
            <strong>Approximate site coordinates.</strong> Site latitude and longitude are town or county centroids, and empty where the location is
            undisclosed; “MW” may be nameplate, energized or contracted capacity; the list is not a census, and the sites basis applies each site’s latest
            status to every month.
          </li>
          <li>
            <strong>Mixed price definitions.</strong> Power prices mix industrial, business, miner tariffs, wholesale and household prices of different years,
            converted to USD at the rates noted per row; the EIA national industrial average is above what large miners negotiate. The price rule prefers
            comparable types over recent ones, and the energy cost inherits every one of these differences.
          </li>
          <li>
            <strong>Bloc membership is fixed as of 2025-06-30</strong> and applied to every period: a 2019 scenario for BRICS includes the members that joined
            in 2024 and 2025 (Saudi Arabia, which has not confirmed membership, is left out).
          </li>
          <li>
            <strong>Network hashrate is inferred</strong>, not observed: it is the expected work implied by difficulty and block times, within −1.0 … +1.6 % of
            CBECI’s monthly totals; dates after 2025-01-12 are reconstructed from the retarget rule.
          </li>
          <li>
            <strong>The shock model is a first-order estimate</strong>: immediate, no migration (unless simulated), no change in fees or miner behaviour, and
            the 2015/2016 interval off-by-one described above.
          </li>
        </ul>
      </section>
    </article>
  );
}
