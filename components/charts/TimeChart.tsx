"use client";

import "uplot/dist/uPlot.min.css";
import type uPlot from "uplot";
import { type CSSProperties, type JSX, useEffect, useMemo, useRef, useState } from "react";
import { useColorScheme } from "@/components/hooks/useColorScheme";
import type { ColorScheme } from "@/lib/colors/scale";
import { type ChartSpec, chartOptions, seriesColors, seriesName, xTitle } from "./chart-options";
import { CHART_PALETTES, LEGEND_GUESS_PX, MIN_PLOT_PX } from "./chart-theme";
import { type Marker, overlayPlugin } from "./overlay-plugin";
import { canvasTextWidth } from "./text-measure";
import { tooltipPlugin } from "./tooltip-plugin";
import { formatValue, formatX, isWholeNumberSeries, nearestIndex, parsePeriods, withMonthGaps } from "./time-axis";

export type TimeChartSeries = {
  label: string;
  unit: string;
  values: (number | null)[];
  axis: "left" | "right";
  /** Any CSS colour; defaults to an Okabe-Ito colour (colour-blind safe) chosen by position. */
  color?: string;
  /** Draw as a step line (the value holds until the next period), e.g. for counts. */
  step?: boolean;
};

/** A vertical dashed line with a small label; `x` is a period of the same kind as `periods` ("YYYY-MM" or "YYYY-MM-DD"). */
export type TimeChartMarker = Marker;

export type TimeChartProps = {
  /**
   * x axis, ascending: either all "YYYY-MM" months or all "YYYY-MM-DD" days (UTC). Mixing the two,
   * or any other string, throws a RangeError while rendering.
   */
  periods: string[];
  /** One or two series, each on the left or the right y axis; `values[i]` belongs to `periods[i]`. */
  series: TimeChartSeries[];
  markers?: TimeChartMarker[];
  /** Moments too many to label (e.g. difficulty retargets), as "YYYY-MM-DD" days on either kind of axis: short ticks along the bottom of the plot. */
  ticks?: readonly string[];
  /** Total height in px (legend included), reserved before and after loading. */
  height: number;
  /** Accessible name of the chart image; also the caption of the screen-reader table. */
  ariaLabel: string;
  /** data-testid on the outer wrapper. */
  testId?: string;
  /** A period (of the same kind as `periods`) to mark as "current" with a solid vertical line. */
  highlight?: string;
  /** Clicking the plot selects the nearest period (a string of `periods`). */
  onSelect?: (period: string) => void;
  /** Extra class on the outer wrapper (e.g. for margins). */
  className?: string;
};

/** What the chart is built from: the options' spec, and the colour scheme, clickability and emptiness. */
type Structure = ChartSpec & { scheme: ColorScheme; selectable: boolean; empty: boolean };

const srOnly: CSSProperties = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clipPath: "inset(50%)",
  whiteSpace: "nowrap",
  border: 0,
};

/**
 * A time-series chart over monthly or daily periods, drawn by uPlot on a canvas: one or two series on a left
 * and a right y axis, dashed event markers, an optional "current" period line and a hover tooltip.
 * uPlot is imported lazily so that it stays out of the page's first-load JavaScript; until it is
 * there a placeholder holds exactly `height` px. Screen readers get the numbers from a visually
 * hidden table beside the chart image.
 */
export function TimeChart({ periods, series, markers, ticks, height, ariaLabel, testId, highlight, onSelect, className }: TimeChartProps): JSX.Element {
  const wrapperRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");
  const empty = periods.length === 0;
  const scheme = useColorScheme();

  // Throws a RangeError for months mixed with days (or a string that is neither).
  const { kind, xs } = useMemo(() => parsePeriods(periods), [periods]);
  // Missing months are drawn as gaps; clicks and the table still go by the real periods (xs).
  const data = useMemo<uPlot.AlignedData>(
    () =>
      withMonthGaps(
        kind,
        periods,
        series.map((s) => s.values),
      ),
    [kind, periods, series],
  );

  // Values the long-lived chart reads at draw/event time, kept current without rebuilding it.
  const live = useRef({ periods, xs, data, markers, ticks, highlight, onSelect, height });
  useEffect(() => {
    live.current = { periods, xs, data, markers, ticks, highlight, onSelect, height };
  });

  // What the chart is built from; anything else is applied to the existing chart.
  const structure = JSON.stringify({
    scheme,
    kind,
    series: series.map((s) => ({
      label: s.label,
      unit: s.unit,
      axis: s.axis,
      color: s.color ?? null,
      step: !!s.step,
      whole: isWholeNumberSeries(s.values),
    })),
    markerBand: (markers?.length ?? 0) > 0,
    selectable: !!onSelect,
    empty: periods.length === 0,
  } satisfies Structure);

  useEffect(() => {
    // An object, not a let: the async build below reads it after awaits (TypeScript would narrow a let).
    const run = { cancelled: false };
    let chart: uPlot | null = null;
    let observer: ResizeObserver | null = null;
    const wrapper = wrapperRef.current;
    const host = hostRef.current;
    if (!wrapper || !host) return;
    const spec = JSON.parse(structure) as Structure;
    if (spec.empty) return; // nothing to plot: the placeholder says so
    const palette = CHART_PALETTES[spec.scheme];

    void (async () => {
      let UPlot: typeof uPlot;
      try {
        UPlot = (await import("uplot")).default;
      } catch {
        if (!run.cancelled) setStatus("failed");
        return;
      }
      if (run.cancelled) return;

      const pxRatio = () => UPlot.pxRatio;
      const opts = chartOptions(
        spec,
        { palette, measure: canvasTextWidth, pxRatio, stepped: UPlot.paths.stepped },
        { width: Math.max(1, wrapper.clientWidth), height: Math.max(MIN_PLOT_PX, live.current.height - LEGEND_GUESS_PX) },
        [
          overlayPlugin({ kind: spec.kind, palette, pxRatio, state: () => live.current }),
          tooltipPlugin({ kind: spec.kind, palette, series: spec.series, colors: seriesColors(spec, palette) }),
        ],
      );
      try {
        chart = new UPlot(opts, live.current.data, host);
      } catch {
        setStatus("failed");
        return;
      }
      chartRef.current = chart;
      const u = chart;
      u.root.style.color = palette.text;
      if (spec.selectable) u.over.style.cursor = "pointer";
      u.over.addEventListener("click", (e) => {
        const select = live.current.onSelect;
        if (!select) return;
        const x = u.posToVal(e.clientX - u.over.getBoundingClientRect().left, "x");
        const i = nearestIndex(live.current.xs, x); // binary search over the current x values
        const period = i < 0 ? undefined : live.current.periods[i];
        if (period) select(period);
      });

      // Width follows the wrapper; the plot takes whatever height the legend leaves.
      const legend = u.root.querySelector<HTMLElement>(".u-legend");
      if (legend) {
        // uPlot makes every legend part an inline-block, so on a narrow chart a long label drops
        // below its swatch; inline text wraps beside it instead.
        legend.style.fontSize = "13px";
        for (const el of legend.querySelectorAll<HTMLElement>(".u-label")) el.style.display = "inline";
      }
      const fit = () => {
        const width = Math.max(1, Math.floor(wrapper.clientWidth));
        const legendH = legend ? Math.ceil(legend.getBoundingClientRect().height) : 0;
        const plotH = Math.max(MIN_PLOT_PX, live.current.height - legendH);
        if (width !== u.width || plotH !== u.height) u.setSize({ width, height: plotH });
      };
      observer = new ResizeObserver(fit);
      observer.observe(wrapper);
      if (legend) observer.observe(legend);
      fit();
      setStatus("ready");
    })();

    return () => {
      run.cancelled = true;
      observer?.disconnect();
      chart?.destroy();
      if (chartRef.current === chart) chartRef.current = null;
    };
  }, [structure]);

  // New values on the same structure: swap the data in place (parents often pass equal arrays anew).
  useEffect(() => {
    const u = chartRef.current;
    if (u && !sameData(u.data, data)) u.setData(data);
  }, [data]);

  // Markers, ticks, the highlighted period and the height are read at draw time.
  const markerKey = JSON.stringify([markers ?? [], ticks ?? []]);

  // Thousands of rows for a daily chart: built only when the data changes, not on status changes.
  const tableRows = useMemo(
    () =>
      periods.map((p, i) => (
        <tr key={p}>
          <th scope="row">{formatX(kind, xs[i] ?? NaN)}</th>
          {series.map((s, j) => (
            <td key={j}>{formatValue(s.values[i])}</td>
          ))}
        </tr>
      )),
    [periods, kind, xs, series],
  );
  useEffect(() => {
    const u = chartRef.current;
    if (!u) return;
    const legendH = Math.ceil(u.root.querySelector(".u-legend")?.getBoundingClientRect().height ?? 0);
    const plotH = Math.max(MIN_PLOT_PX, height - legendH);
    if (plotH !== u.height) u.setSize({ width: u.width, height: plotH });
    else u.redraw(false, false);
  }, [markerKey, highlight, height]);

  return (
    <div ref={wrapperRef} data-testid={testId} className={className} style={{ position: "relative", height, overflow: "hidden" }}>
      <div role="img" aria-label={ariaLabel} aria-busy={!empty && status === "loading"} style={{ height: "100%" }}>
        <div ref={hostRef} />
        {(empty || status !== "ready") && (
          <div
            style={{
              position: "absolute",
              inset: 0,
              display: "flex",
              alignItems: "center",
              justifyContent: "center",
              fontSize: "0.85rem",
              opacity: 0.65,
            }}
          >
            {empty ? "No data to chart." : status === "loading" ? "Loading chart…" : "The chart could not be loaded."}
          </div>
        )}
      </div>
      <table className="sr-only" style={srOnly}>
        <caption>{ariaLabel}</caption>
        <thead>
          <tr>
            <th scope="col">{xTitle(kind)}</th>
            {series.map((s, j) => (
              <th scope="col" key={j}>
                {seriesName(s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{tableRows}</tbody>
      </table>
    </div>
  );
}

function sameData(a: uPlot.AlignedData, b: uPlot.AlignedData): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x: ArrayLike<number | null | undefined> | undefined = a[i];
    const y: ArrayLike<number | null | undefined> | undefined = b[i];
    if (!x || !y || x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}
