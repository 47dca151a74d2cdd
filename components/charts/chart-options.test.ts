import type uPlot from "uplot";
import { describe, expect, it } from "vitest";
import { type ChartEnvironment, type ChartSpec, chartOptions, pointsFit, seriesColors, sidesOf, WHOLE_INCRS } from "./chart-options";
import { CHART_PALETTES, MARKER_BAND_PX } from "./chart-theme";
import { periodToUnix } from "./time-axis";

const hhi = { label: "HHI", unit: "0–10 000", axis: "left", color: null, step: false, whole: false } as const;
const nakamoto = { label: "Nakamoto coefficient", unit: "countries", axis: "right", color: null, step: true, whole: true } as const;
const monthly: ChartSpec = { kind: "month", series: [hhi, nakamoto], markerBand: true };

const stepPaths: uPlot.Series.PathBuilder = () => null;
const env = (over: Partial<ChartEnvironment> = {}): ChartEnvironment => ({
  palette: CHART_PALETTES.light,
  measure: (text) => text.length * 6,
  pxRatio: () => 1,
  stepped: () => stepPaths,
  ...over,
});
const build = (spec: ChartSpec, e = env()) => chartOptions(spec, e, { width: 600, height: 200 }, []);

/** The parts of a uPlot instance the callbacks read. */
const fakePlot = (over: { width?: number; height?: number; idxs?: [number, number]; min?: number; max?: number } = {}) =>
  ({
    bbox: { left: 0, top: 0, width: over.width ?? 600, height: over.height ?? 200 },
    series: [{}, { idxs: over.idxs ?? [0, 9] }],
    scales: { x: { min: over.min, max: over.max } },
  }) as unknown as uPlot;

describe("chartOptions", () => {
  it("puts each series on its axis, in the palette's colours, a step line for counts", () => {
    const opts = build(monthly);
    expect(opts.series.slice(1).map((s) => [s.label, s.scale, s.stroke])).toEqual([
      ["HHI (0–10 000)", "left", "#0072B2"],
      ["Nakamoto coefficient (countries)", "right", "#D55E00"],
    ]);
    expect(opts.series[1]?.paths).toBeUndefined();
    expect(opts.series[2]?.paths).toBe(stepPaths);
    expect(Object.keys(opts.scales ?? {})).toEqual(["x", "left", "right"]);
  });

  it("uses the dark palette's lighter colours in dark mode, and a series' own colour first", () => {
    const opts = build({ ...monthly, series: [hhi, { ...nakamoto, color: "#123456" }] }, env({ palette: CHART_PALETTES.dark }));
    expect(opts.series.slice(1).map((s) => s.stroke)).toEqual(["#56B4E9", "#123456"]);
    expect(opts.axes?.[0]?.stroke).toBe(CHART_PALETTES.dark.muted);
  });

  it("draws the grid once (left axis) and whole-number steps only on an axis of whole numbers", () => {
    const [, left, right] = build(monthly).axes ?? [];
    expect(left?.grid?.show).toBe(true);
    expect(right?.grid?.show).toBe(false);
    expect(left?.incrs).toBeUndefined();
    expect(right?.incrs).toBe(WHOLE_INCRS);
  });

  it("leaves room for marker labels above the plot and half a month label where an axis is missing", () => {
    expect(build(monthly).padding).toEqual([MARKER_BAND_PX + 4, 4, 0, 4]);
    expect(build({ kind: "month", series: [hhi], markerBand: false }).padding).toEqual([10, 30, 0, 4]);
    expect(sidesOf({ kind: "day", series: [nakamoto], markerBand: false })).toEqual(["right"]);
  });

  it("shortens an axis title that is taller than the plot, measured with the given text width", () => {
    const [, left] = build(monthly).axes ?? [];
    const label = left?.label as (u: uPlot) => string;
    expect(label(fakePlot({ height: 600 }))).toBe("HHI (0–10 000)");
    const short = label(fakePlot({ height: 60 }));
    expect(short.endsWith("…")).toBe(true);
    expect(short.length * 6).toBeLessThanOrEqual(60);
  });

  it("labels month ticks by month and daily charts by day", () => {
    const [x] = build(monthly).axes ?? [];
    const values = x?.values as (u: uPlot, splits: number[]) => string[];
    expect(values(fakePlot(), [periodToUnix("2021-05")])).toEqual(["May 2021"]);
    const [dayAxis] = build({ kind: "day", series: [hhi], markerBand: false }).axes ?? [];
    const may1 = periodToUnix("2021-05");
    const dayValues = dayAxis?.values as (u: uPlot, splits: number[]) => string[];
    expect(dayValues(fakePlot({ min: may1, max: may1 + 10 * 86_400 }), [may1 + 86_400])[0]).toMatch(/2/);
  });

  it("shows dots on the data points only while they are 12 px apart or more", () => {
    expect(pointsFit(fakePlot({ width: 600, idxs: [0, 9] }), 1, 1)).toBe(true); // 60 px apart
    expect(pointsFit(fakePlot({ width: 600, idxs: [0, 99] }), 1, 1)).toBe(false); // 6 px apart
    expect(pointsFit(fakePlot({ width: 1200, idxs: [0, 99] }), 1, 2)).toBe(false); // 1200 device px = 600 CSS px
  });

  it("gives each series a colour even beyond the palette", () => {
    const many: ChartSpec = { kind: "month", markerBand: false, series: Array.from({ length: 6 }, () => hhi) };
    expect(seriesColors(many, CHART_PALETTES.light)).toEqual([...CHART_PALETTES.light.series, ...CHART_PALETTES.light.series.slice(0, 2)]);
  });
});
