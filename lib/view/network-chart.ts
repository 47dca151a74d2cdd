import type { NetworkAnswer } from "../validation/responses";
import { formatEh, formatPeriod, formatSignedPercent } from "./format";

// What the methodology page's network chart shows of an /api/network answer. The numbers are the
// API's; this only picks them out and formats them (difficulty in units of 10¹², so that its axis
// reads 140 rather than 140 000 000 000 000).

/** Difficulty is charted in units of 10¹². */
export const DIFFICULTY_SCALE = 1e12;
export const DIFFICULTY_UNIT = "× 10¹²";

const difficultyFormat = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dayFormat = new Intl.DateTimeFormat("en-US", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export const formatDifficulty = (difficulty: number) => `${difficultyFormat.format(difficulty / DIFFICULTY_SCALE)} ${DIFFICULTY_UNIT}`;

export type NetworkChartView = {
  /** The months, oldest first (the chart's x axis). */
  periods: string[];
  hashrateEh: number[];
  /** Mean difficulty of each month in units of DIFFICULTY_SCALE. */
  difficulty: number[];
  /** The UTC day of each retarget, for a tick each. */
  ticks: string[];
  newest: { period: string; month: string; hashrate: string; difficulty: string; source: string } | null;
  retargets: { count: number; first: string; latest: { day: string; change: string; height: number } } | null;
};

export function networkChartView(answer: NetworkAnswer): NetworkChartView {
  const newest = answer.months.at(-1);
  const first = answer.retargets[0];
  const latest = answer.retargets.at(-1);
  const day = (time: string) => dayFormat.format(new Date(time));
  return {
    periods: answer.months.map((m) => m.period),
    hashrateEh: answer.months.map((m) => m.hashrateEh),
    difficulty: answer.months.map((m) => m.difficulty / DIFFICULTY_SCALE),
    ticks: answer.retargets.map((r) => r.time.slice(0, 10)),
    newest: newest
      ? {
          period: newest.period,
          month: formatPeriod(newest.period),
          hashrate: formatEh(newest.hashrateEh),
          difficulty: formatDifficulty(newest.difficulty),
          source: newest.source,
        }
      : null,
    retargets:
      first && latest
        ? {
            count: answer.retargets.length,
            first: day(first.time),
            latest: { day: day(latest.time), change: formatSignedPercent(latest.change), height: latest.height },
          }
        : null,
  };
}
