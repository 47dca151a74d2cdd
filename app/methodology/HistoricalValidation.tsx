import { DEFAULT_EFFICIENCY_J_PER_TH, DEFAULT_SHARES_DATASET } from "@/lib/scenario/limits";
import { scenarioDate } from "@/lib/scenario/scenario";
import { retargetsBetween } from "@/lib/services/reference";
import { runSimulation } from "@/lib/services/simulate";
import { formatPeriod, formatSignedPercent, formatShare } from "@/lib/view/format";

/** The ban was announced on 21 May 2021, ~7.6 days into the epoch that began on 13 May: ~1 100 blocks. */
const BAN_DAY = "2021-05-21";
const BLOCKS_INTO_EPOCH = 1100;

function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

const cumulative = (changes: number[]) => changes.reduce<number[]>((acc, c) => [...acc, ((acc.at(-1) ?? 0) + 1) * (1 + c) - 1], []);

/**
 * The simulator run on CBECI's May 2021 shares with China shut down, next to the retargets that
 * actually followed. Computed when the page is served, from the same code and data as the API.
 */
export async function HistoricalValidation() {
  const sim = await runSimulation({
    period: "2021-05",
    dataset: DEFAULT_SHARES_DATASET,
    shutdown: [{ id: "CN", fraction: 1 }],
    blocksIntoEpoch: BLOCKS_INTO_EPOCH,
    horizonDays: 90,
    efficiency: DEFAULT_EFFICIENCY_J_PER_TH,
  });
  const actual = await retargetsBetween("2021-05-20", "2021-07-31");
  const china = actual.filter((r) => r.changePct < 0);
  const simDrops = sim.retargets.filter((r) => r.difficultyChange < -0.005);
  const simCum = cumulative(simDrops.map((r) => r.difficultyChange));
  const actualCum = cumulative(china.map((r) => r.changePct / 100));
  const rows = Math.max(simDrops.length, china.length);
  const secondEpochInterval = sim.timeline.find((t) => simDrops[0] && t.day === Math.ceil(simDrops[0].day))?.blockIntervalMinutes ?? null;

  return (
    <>
      <p>
        We run the simulator on CBECI&apos;s shares for {formatPeriod("2021-05")} — China {formatShare(0.4398)} — shutting China down completely on {BAN_DAY}{" "}
        (the State Council&apos;s announcement), about {BLOCKS_INTO_EPOCH.toLocaleString("en-US")} blocks into the epoch that began on 13 May, with no
        migration, and compare its retargets with the four downward retargets that followed in reality (<code>difficulty_adjustments.csv</code>).
      </p>
      <table className="data" data-testid="validation-table">
        <caption>Downward retargets after the ban: simulated (instant, complete shutdown) vs actual</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Simulated date</th>
            <th scope="col" className="num">
              Simulated change
            </th>
            <th scope="col" className="num">
              Cumulative
            </th>
            <th scope="col">Actual date</th>
            <th scope="col" className="num">
              Actual change
            </th>
            <th scope="col" className="num">
              Cumulative
            </th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => {
            const s = simDrops[i];
            const a = china[i];
            return (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{s ? addDays(BAN_DAY, s.day).slice(0, 10) : "—"}</td>
                <td className="num">{s ? formatSignedPercent(s.difficultyChange) : "—"}</td>
                <td className="num">{s ? formatSignedPercent(simCum[i] ?? null) : "—"}</td>
                <td>{a ? a.dateUtc.slice(0, 10) : "—"}</td>
                <td className="num">{a ? formatSignedPercent(a.changePct / 100) : "—"}</td>
                <td className="num">{a ? formatSignedPercent(actualCum[i] ?? null) : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ul>
        <li>
          <strong>Total drop.</strong> The simulation ends {formatSignedPercent(simCum.at(-1) ?? null)} below the pre-ban difficulty; the four real retargets
          compound to {formatSignedPercent(actualCum.at(-1) ?? null)}. The size of the shock agrees: China&apos;s May share is what went dark.
        </li>
        <li>
          <strong>Timing differs.</strong> The simulator switches China off at once, so the loss lands in {simDrops.length === 2 ? "two" : simDrops.length}{" "}
          retargets (the first blended with the ~{BLOCKS_INTO_EPOCH} normal blocks before the ban). In 2021 the shutdown rolled through provinces over six weeks
          — Inner Mongolia and Xinjiang in May, Qinghai and Yunnan, then Sichuan on 18–20 June — so the loss was spread over four retargets, the biggest (−27.94
          %) on 3 July.
        </li>
        <li>
          <strong>Block interval.</strong> Right after the shutdown the simulation gives {sim.blockIntervalMinutes?.toFixed(1)}-minute blocks, and{" "}
          {secondEpochInterval?.toFixed(1) ?? "—"} minutes after its first retarget. The 13.9-minute average reported for the epoch before the 3 July retarget
          is what a 27.94 % shortfall gives (10 / (1 − 0.2794) = 13.88 min): in reality only part of China&apos;s hashrate was gone in each epoch.
        </li>
        <li>
          <strong>What the model leaves out.</strong> CBECI&apos;s May share is a monthly average of pool geolocation (VPNs hide miners; China reads 0 % in
          July–August and ~20 % again from September); miners were already switching off before 21 May; some Chinese hashrate moved to Kazakhstan and North
          America within weeks (the simulator can model that with migration, not used here); Bitcoin Core measures 2015 intervals per epoch, we use 2016. Dates
          are {scenarioDate("2021-05", 20)} + simulated days.
        </li>
      </ul>
    </>
  );
}
