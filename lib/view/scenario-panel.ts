import type { SimulateResult as Result } from "../validation/responses";
import { formatDays, formatEh, formatInteger, formatMinutes, formatShare, formatSignedPercent } from "./format";

// The simulate answer → what the scenario panel shows. Loaded with the panel (on demand), so it
// stays out of the dashboard's first load; lib/view/scenario.ts keeps what the map needs.

export function scenarioView(r: Result, names: ReadonlyMap<string, string>) {
  const name = (iso2: string | null) => (iso2 ? (names.get(iso2) ?? iso2) : "—");
  const row = (label: string, pick: (s: Result["before"]) => string) => ({ label, before: pick(r.before), after: pick(r.after), end: pick(r.end) });
  return {
    headline: r.halted
      ? "Every block producer is gone: the chain halts."
      : `${formatShare(r.lostShare)} of hashrate (${formatEh(r.hashrateLostEh)}) goes dark; blocks slow to ${formatMinutes(r.blockIntervalMinutes)} until the next retarget.`,
    majorityWarning: r.majority ? `${name(r.majority.country)} would hold ${formatShare(r.majority.share)} of the remaining hashrate — a majority.` : null,
    rows: [
      row("HHI", (s) => (s.hhi === null ? "—" : formatInteger(s.hhi))),
      row("Nakamoto coefficient", (s) => (s.nakamoto === null ? "none" : String(s.nakamoto))),
      row("Top country", (s) => `${name(s.topCountry)} (${formatShare(s.top1)})`),
      row("Network hashrate", (s) => formatEh(s.networkHashrateEh)),
      row("Electricity per BTC", (s) => (s.kwhPerBtc === null ? "—" : `${formatInteger(s.kwhPerBtc)} kWh`)),
    ],
    facts: [
      { label: "Block interval until the retarget", value: formatMinutes(r.blockIntervalMinutes), testId: "sim-interval" },
      { label: "Next retarget", value: r.daysToRetarget === null ? "never (halted)" : `in ${formatDays(r.daysToRetarget)}`, testId: "sim-retarget-days" },
      { label: "Difficulty change at that retarget", value: formatSignedPercent(r.difficultyChange), testId: "sim-difficulty" },
      { label: "Retargets in the horizon", value: retargetSummary(r.retargets), testId: "sim-retargets" },
      {
        label: "Block interval back within 1 % of 10 min",
        value: r.recoveryDay === null ? `not within ${r.horizonDays} days` : `day ${r.recoveryDay}`,
        testId: "sim-recovery",
      },
      { label: "Hashrate migrated by the horizon", value: formatEh(r.migratedEh), testId: "sim-migrated" },
    ],
    chart: {
      days: r.timeline.map((t) => t.day),
      hashrate: r.timeline.map((t) => t.hashrateEh),
      interval: r.timeline.map((t) => t.blockIntervalMinutes),
      // Only retargets that move difficulty by 1 % or more are marked: the rest would bury the chart.
      retargets: r.retargets
        .filter((t) => Math.abs(t.difficultyChange) >= 0.01)
        .slice(0, 8)
        .map((t) => ({ day: Math.floor(t.day), label: formatSignedPercent(t.difficultyChange) })),
    },
  };
}

/** "−47.67 %, +1.84 %, … and 14 more within ±0.1 %" */
export function retargetSummary(retargets: readonly { difficultyChange: number }[]): string {
  if (retargets.length === 0) return "none";
  const notable = retargets.filter((t) => Math.abs(t.difficultyChange) >= 0.001);
  const shown = notable.slice(0, 6).map((t) => formatSignedPercent(t.difficultyChange));
  const rest = retargets.length - shown.length;
  return `${retargets.length}: ${shown.join(", ") || "all within ±0.1 %"}${rest > 0 && shown.length > 0 ? `, and ${rest} more${notable.length <= 6 ? " within ±0.1 %" : ""}` : ""}`;
}

/** The timeline as CSV rows (header first), for "export this scenario". */
export function scenarioCsvRows(r: Result): (string | number | null)[][] {
  const retargetDays = new Map(r.retargets.map((t) => [Math.floor(t.day), t.difficultyChange]));
  return [
    ["day", "hashrate_eh", "block_interval_minutes", "difficulty_relative", "blocks_mined", "retarget_difficulty_change"],
    ...r.timeline.map((t) => [t.day, t.hashrateEh, t.blockIntervalMinutes, t.difficulty, t.blocksMined, retargetDays.get(t.day) ?? null]),
  ];
}
