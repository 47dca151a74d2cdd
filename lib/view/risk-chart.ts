import type { RiskResult } from "../validation/responses";
import { formatShareShort } from "./format";
import { formatChance } from "./risk";

// The loss distribution's chart (the risk view): the server's histogram and quantiles placed on an
// SVG, and the same numbers as a table for those who do not see the chart. Only geometry here.

type Input = Pick<RiskResult, "histogram" | "lostShareQuantiles">;

export const LOSS_CHART_SIZE = { width: 320, height: 190 };
const MARGIN = { left: 38, right: 10, top: 40, bottom: 22 };
const MARKER_ROW = 11;
/** Labels closer than this (px) go on separate rows. */
const MARKER_GAP = 30;
/** Bars past both the p99 and the last bin with at least this chance are too small to see: the table lists them. */
const VISIBLE_CHANCE = 0.0001;
const MIN_X_MAX = 0.1;
const Y_TICKS = [0, 0.01, 0.1, 0.5, 1];

export type LossChart = {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bars: { x: number; y: number; width: number; height: number; title: string }[];
  markers: { x: number; labelY: number; label: string; title: string }[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** The largest loss drawn. */
  xMax: number;
  /** Every bin with a chance, for the table. */
  table: { range: string; chance: string }[];
  summary: string;
};

const round = (x: number) => Number(x.toFixed(2));

/**
 * The chart of a risk answer. The y axis is the square root of the chance, fixed from 0 to 100 %,
 * so that "no event" (often most of the mass) and a tail of a few percent are both visible and a
 * bar means the same height after every edit.
 */
export function lossChart(r: Input, size = LOSS_CHART_SIZE): LossChart {
  const { binWidth: w, probabilities: p } = r.histogram;
  const q = r.lostShareQuantiles;
  const plot = { left: MARGIN.left, top: MARGIN.top, right: size.width - MARGIN.right, bottom: size.height - MARGIN.bottom };
  const lastVisible = p.reduce((last, chance, i) => (chance >= VISIBLE_CHANCE ? i : last), 0);
  const needed = Math.max((lastVisible + 1) * w, q.p99, MIN_X_MAX);
  // Up to the next tenth, as far as 100 %.
  const xMax = Math.min(1, Math.ceil(round(needed * 10)) / 10);
  const x = (loss: number) => round(plot.left + (Math.min(loss, xMax) / xMax) * (plot.right - plot.left));
  const y = (chance: number) => round(plot.bottom - Math.sqrt(Math.max(0, Math.min(1, chance))) * (plot.bottom - plot.top));
  const range = (i: number) => `${formatShareShort(i * w)}–${formatShareShort(Math.min(1, (i + 1) * w))}`;

  const bars = p.flatMap((chance, i) => {
    if (chance <= 0 || i * w >= xMax - 1e-9) return [];
    const left = x(i * w);
    const top = y(chance);
    return [
      {
        x: left,
        y: top,
        width: round(Math.max(1, x((i + 1) * w) - left - 1)),
        height: round(plot.bottom - top),
        title: `Loss ${range(i)}: ${formatChance(chance)}`,
      },
    ];
  });

  // Quantiles that coincide share a marker ("p50, p90"); labels too close to the previous one go a row down.
  const byValue = new Map<number, string[]>();
  for (const key of ["p50", "p90", "p95", "p99"] as const) byValue.set(q[key], [...(byValue.get(q[key]) ?? []), key]);
  const rowEnds: number[] = [];
  const markers = [...byValue.entries()]
    .sort(([a], [b]) => a - b)
    .map(([value, keys]) => {
      const at = x(value);
      let row = rowEnds.findIndex((end) => at - end >= MARKER_GAP);
      if (row === -1) row = Math.min(rowEnds.length, 2);
      rowEnds[row] = at;
      const label = keys.join(", ");
      return { x: at, labelY: MARGIN.top - 4 - row * MARKER_ROW, label, title: `${label}: ${formatChance(value)} lost` };
    });

  const step = xMax <= 0.2 ? 0.05 : xMax <= 0.5 ? 0.1 : 0.2;
  const xTicks = Array.from({ length: Math.floor(round(xMax / step)) + 1 }, (_, i) => i * step).map((v) => ({ x: x(v), label: formatShareShort(v) }));
  const yTicks = Y_TICKS.map((v) => ({ y: y(v), label: formatShareShort(v) }));
  const table = p.flatMap((chance, i) => (chance > 0 ? [{ range: range(i), chance: formatChance(chance) }] : []));
  const quantileText = markers.map((m) => m.title).join("; ");
  return {
    width: size.width,
    height: size.height,
    plot,
    bars,
    markers,
    xTicks,
    yTicks,
    xMax,
    table,
    summary: `Chance of each loss of network hashrate, 0 to ${formatShareShort(xMax)}, in bins of ${formatShareShort(w)} (square-root scale). Quantiles: ${quantileText}.`,
  };
}
