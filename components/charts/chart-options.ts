import type uPlot from "uplot";
import { AXIS_FONT, AXIS_LABEL_FONT, type ChartPalette, MARKER_BAND_PX } from "./chart-theme";
import { ellipsize, type MeasureText } from "./text-measure";
import {
  DAY_TICK_SPACE_PX,
  dayTickLabel,
  dayTicks,
  dayTickUnit,
  formatMonth,
  formatTick,
  formatValue,
  formatX,
  monthTicks,
  type PeriodKind,
} from "./time-axis";

// The uPlot options of the time chart, from what the chart is built of. Pure: what the browser
// provides (text measurement, the pixel ratio, uPlot's step-path builder) comes in as arguments.

/** One series as the chart is built from it (values are swapped in without a rebuild). */
export type SpecSeries = { label: string; unit: string; axis: "left" | "right"; color: string | null; step: boolean; whole: boolean };

/** Everything the chart's structure depends on; a change of any of it rebuilds the chart. */
export type ChartSpec = { kind: PeriodKind; series: SpecSeries[]; markerBand: boolean };

export type ChartEnvironment = {
  palette: ChartPalette;
  measure: MeasureText;
  /** Device pixels per CSS pixel, read when uPlot calls back (it changes with the browser's zoom). */
  pxRatio: () => number;
  /** uPlot's stepped path builder (uPlot.paths.stepped), for step series. */
  stepped?: (opts: { align: 1 }) => uPlot.Series.PathBuilder;
};

/** Nice steps for axes whose values are all whole numbers (no 2.5 countries). */
export const WHOLE_INCRS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1e3, 2e3, 2.5e3, 5e3, 1e4, 2e4, 5e4, 1e5, 1e6, 1e7, 1e8, 1e9];

export const seriesName = (s: { label: string; unit: string }) => (s.unit ? `${s.label} (${s.unit})` : s.label);

export const xTitle = (kind: PeriodKind) => (kind === "day" ? "Date" : "Month");

/** Each series' colour: its own, else the palette's by position. */
export function seriesColors(spec: ChartSpec, palette: ChartPalette): string[] {
  return spec.series.map((s, i) => s.color ?? palette.series[i % palette.series.length] ?? palette.text);
}

/** The y axes in use, left first. */
export function sidesOf(spec: ChartSpec): ("left" | "right")[] {
  return (["left", "right"] as const).filter((side) => spec.series.some((s) => s.axis === side));
}

function yAxis(spec: ChartSpec, env: ChartEnvironment, side: "left" | "right", first: boolean): uPlot.Axis {
  const { palette, measure } = env;
  const onSide = spec.series.filter((s) => s.axis === side);
  const whole = onSide.every((s) => s.whole);
  const axisTitle = onSide.map(seriesName).join(" · ");
  return {
    scale: side,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- uPlot.Axis.Side is an ambient const enum, which isolated modules cannot name: 3 is Left, 1 Right
    side: side === "left" ? 3 : 1,
    // Rotated along the plot's height; shortened with an ellipsis when taller than the plot.
    label: (u) => ellipsize(axisTitle, u.bbox.height / env.pxRatio(), AXIS_LABEL_FONT, measure),
    labelFont: AXIS_LABEL_FONT,
    labelSize: 20,
    labelGap: 2,
    font: AXIS_FONT,
    stroke: palette.muted,
    gap: 4,
    grid: { show: first, stroke: palette.grid, width: 1 },
    ticks: { show: true, stroke: palette.axis, width: 1, size: 4 },
    ...(whole ? { incrs: WHOLE_INCRS } : {}),
    values: (_u, splits, _i, _space, incr) => splits.map((v) => formatTick(v, incr)),
    // uPlot asks for the size before it has any tick labels (null), whatever its types say.
    size: (_u: uPlot, values: readonly (string | null)[] | null) => Math.ceil(8 + Math.max(0, ...(values ?? []).map((v) => measure(v ?? "", AXIS_FONT)))),
  };
}

function xAxis(spec: ChartSpec, env: ChartEnvironment): uPlot.Axis {
  const { palette } = env;
  const plotWidth = (u: uPlot) => u.bbox.width / env.pxRatio();
  return {
    scale: "x",
    font: AXIS_FONT,
    stroke: palette.muted,
    grid: { show: true, stroke: palette.grid, width: 1 },
    ticks: { show: true, stroke: palette.axis, width: 1, size: 4 },
    gap: 4,
    size: 28,
    ...(spec.kind === "day"
      ? {
          // Both callbacks derive the unit from the same scale and width, so they agree.
          splits: (u: uPlot, _i: number, min: number, max: number) => dayTicks(min, max, plotWidth(u), DAY_TICK_SPACE_PX),
          values: (u: uPlot, splits: number[]) => {
            const unit = dayTickUnit(u.scales.x?.min ?? NaN, u.scales.x?.max ?? NaN, plotWidth(u), DAY_TICK_SPACE_PX);
            return splits.map((v) => dayTickLabel(v, unit));
          },
        }
      : {
          splits: (u: uPlot, _i: number, min: number, max: number) => monthTicks(min, max, plotWidth(u)),
          values: (_u: uPlot, splits: number[]) => splits.map((v) => formatMonth(v)),
        }),
  };
}

/** Dots on the data points only while they are at least 12 px apart. */
export function pointsFit(u: uPlot, seriesIdx: number, pxRatio: number): boolean {
  const s = u.series[seriesIdx];
  const [i0, i1] = s?.idxs ?? [0, 0];
  const n = i1 - i0 + 1;
  return n > 0 && u.bbox.width / pxRatio / n >= 12;
}

export function chartOptions(spec: ChartSpec, env: ChartEnvironment, size: { width: number; height: number }, plugins: uPlot.Plugin[]): uPlot.Options {
  const colors = seriesColors(spec, env.palette);
  const sides = sidesOf(spec);
  return {
    width: size.width,
    height: size.height,
    // Without a y axis on a side, room for half a centred month label at that end.
    padding: [spec.markerBand ? MARKER_BAND_PX + 4 : 10, sides.includes("right") ? 4 : 30, 0, sides.includes("left") ? 4 : 30],
    scales: {
      x: { time: true },
      ...Object.fromEntries(sides.map((side) => [side, { auto: true }])),
    },
    series: [
      // The legend asks with no value (null) while the cursor is off the data, whatever uPlot's types say.
      { label: xTitle(spec.kind), value: (_u: uPlot, v: number | null) => (v == null ? "--" : formatX(spec.kind, v)) },
      ...spec.series.map<uPlot.Series>((s, i) => ({
        label: seriesName(s),
        scale: s.axis,
        stroke: colors[i],
        width: 2,
        spanGaps: false,
        value: (_u, v) => formatValue(v),
        points: { show: (u: uPlot, si: number) => pointsFit(u, si, env.pxRatio()), size: 5, fill: colors[i] },
        ...(s.step && env.stepped ? { paths: env.stepped({ align: 1 }) } : {}),
      })),
    ],
    axes: [xAxis(spec, env), ...sides.map((side, i) => yAxis(spec, env, side, i === 0))],
    cursor: {
      y: false,
      // No drag-zoom. The snapped crosshair makes uPlot see every click as the end of a drag,
      // which by default it swallows; a no-op lets clicks through to onSelect.
      drag: { x: false, y: false, setScale: false, click: () => {} },
      points: { size: 8, width: 2 },
      // The crosshair snaps to the nearest period.
      move: (u, left, top) => {
        if (left < 0) return [left, top];
        const i = u.posToIdx(left);
        const x: number | undefined = u.data[0][i]; // undefined past the last period
        return x == null ? [left, top] : [Math.round(u.valToPos(x, "x")), top];
      },
    },
    legend: { show: true, live: false },
    plugins,
  };
}
