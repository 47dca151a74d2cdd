import { NetworkChart } from "@/components/charts/NetworkChart";
import { titleOf } from "./notation";

export function NetworkSection() {
  return (
    <section id="network" aria-labelledby="network-h" className="panel">
      <h2 id="network-h">{titleOf("network")}</h2>
      <p>
        The network hashrate <var>H</var> that shares are applied to, and the retargets the shutdown model is checked against, are the network’s own figures.
        The seeded ones are derived from block headers: per month the hashrate (EH/s) — the expected work of 2016 · <var>D</var> · 2<sup>32</sup> hashes per
        retarget epoch, spread evenly over the epoch and averaged over the month — and the time-weighted mean difficulty; and every retarget with its block
        height, time (UTC) and change.
      </p>
      <p>
        They come from every dataset of kind <code>network</code> and <code>retargets</code>: the seeded <code>network-monthly</code> and{" "}
        <code>difficulty-adjustments</code>, and whatever <code>npm run sync</code> added from a node or a mempool instance, or an import. Where two hold the
        same month or retarget, one is taken, never a blend: a seeded dataset first, then the oldest; so adding data only ever adds months and retargets. Each
        month and retarget names the dataset it came from.
      </p>
      <NetworkChart />
    </section>
  );
}
