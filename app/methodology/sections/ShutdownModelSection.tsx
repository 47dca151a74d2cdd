import { BLOCKS_PER_EPOCH, MAX_RETARGET_FACTOR, TARGET_BLOCK_MINUTES } from "@/lib/metrics/shock";
import styles from "../methodology.module.css";
import { A, b, CLAMP_LOW, f_c, Formula, H, kazakhstan, L, M, num, pct, s_c, signedPct, sp_c, sumS, titleOf, u } from "./notation";

export function ShutdownModelSection() {
  return (
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
        {f_c} is the fraction of country <var>c</var> that goes dark (1 for a full ban; the shock table at <code>/api/shocks</code> shuts each country and each
        bloc down in full, one at a time). A bloc expands to its member countries. A country named twice (alone and inside a bloc) combines as independent
        outages,{" "}
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
          The clamp is Bitcoin’s own limit: one retarget moves difficulty by at most ×{MAX_RETARGET_FACTOR} up or ÷{MAX_RETARGET_FACTOR} down. With {b} = 0 the
          factor is simply 1 − {L}, so <code>difficultyChange</code> = −{L} until {L} passes 3/4, where the clamp holds it at −75 %. Bitcoin Core measures the
          time between the first and the last block of an epoch (2015 intervals) against a two-week target (2016 × 10 minutes); HashAtlas uses 2016 intervals
          throughout and ignores this off-by-one (about 0.05 %).
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
  );
}
