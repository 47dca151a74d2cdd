"use client";

import "uplot/dist/uPlot.min.css";
import type uPlot from "uplot";
import { type CSSProperties, type JSX, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import {
  DAY_TICK_SPACE_PX,
  dayTickLabel,
  dayTicks,
  dayTickUnit,
  formatMonth,
  formatTick,
  formatValue,
  formatX,
  isWholeNumberSeries,
  monthTicks,
  nearestIndex,
  parsePeriods,
  type PeriodKind,
  toUnix,
} from "./time-axis";

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
export type TimeChartMarker = { x: string; label: string };

export type TimeChartProps = {
  /**
   * x axis, ascending: either all "YYYY-MM" months or all "YYYY-MM-DD" days (UTC). Mixing the two,
   * or any other string, throws a RangeError while rendering.
   */
  periods: string[];
  /** One or two series, each on the left or the right y axis; `values[i]` belongs to `periods[i]`. */
  series: TimeChartSeries[];
  markers?: TimeChartMarker[];
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

type Scheme = "light" | "dark";

type Palette = {
  text: string;
  muted: string;
  grid: string;
  axis: string;
  marker: string;
  highlight: string;
  labelBg: string;
  tooltipBg: string;
  tooltipBorder: string;
  series: readonly string[];
};

// Okabe-Ito colours. On the dark background the blue and vermilion are too dim to read, so their
// lighter siblings in the same palette (sky blue, orange) take their places.
const PALETTES: Record<Scheme, Palette> = {
  light: {
    text: "#1b1d21",
    muted: "#5b616b",
    grid: "rgba(27, 29, 33, 0.09)",
    axis: "rgba(27, 29, 33, 0.35)",
    marker: "#5b616b",
    highlight: "#1b1d21",
    labelBg: "rgba(247, 247, 244, 0.85)",
    tooltipBg: "#ffffff",
    tooltipBorder: "#d9dbd6",
    series: ["#0072B2", "#D55E00", "#009E73", "#CC79A7"],
  },
  dark: {
    text: "#e9eaec",
    muted: "#a1a7b0",
    grid: "rgba(233, 234, 236, 0.1)",
    axis: "rgba(233, 234, 236, 0.35)",
    marker: "#a1a7b0",
    highlight: "#e9eaec",
    labelBg: "rgba(20, 22, 26, 0.85)",
    tooltipBg: "#1d2026",
    tooltipBorder: "#30343c",
    series: ["#56B4E9", "#E69F00", "#009E73", "#CC79A7"],
  },
};

const DARK_QUERY = "(prefers-color-scheme: dark)";

function subscribeScheme(onChange: () => void): () => void {
  const mql = typeof window.matchMedia === "function" ? window.matchMedia(DARK_QUERY) : null;
  if (!mql) return () => {};
  mql.addEventListener("change", onChange);
  return () => mql.removeEventListener("change", onChange);
}
const clientScheme = (): Scheme => (typeof window.matchMedia === "function" && window.matchMedia(DARK_QUERY).matches ? "dark" : "light");
const serverScheme = (): Scheme => "light";

const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const AXIS_FONT = `12px ${FONT_FAMILY}`;
const AXIS_LABEL_FONT = `600 12px ${FONT_FAMILY}`;
const MARKER_FONT_PX = 11;
/** Room above the plotting area for marker labels. */
const MARKER_BAND_PX = 18;
/** First guess at the legend's height; the real one is measured once the chart is in the DOM. */
const LEGEND_GUESS_PX = 30;
const MIN_PLOT_PX = 60;

const srOnly: CSSProperties = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clip: "rect(0, 0, 0, 0)",
  whiteSpace: "nowrap",
  border: 0,
};

const seriesName = (s: { label: string; unit: string }) => (s.unit ? `${s.label} (${s.unit})` : s.label);

let measureCtx: CanvasRenderingContext2D | null | undefined;
function textWidth(text: string, font: string): number {
  if (measureCtx === undefined) measureCtx = document.createElement("canvas").getContext("2d");
  if (!measureCtx) return text.length * 7;
  measureCtx.font = font;
  return measureCtx.measureText(text).width;
}

/** `text`, cut and ended with "…" where needed to fit `maxPx` (at least one character survives). */
function ellipsize(text: string, maxPx: number, font: string): string {
  if (!(maxPx > 0) || textWidth(text, font) <= maxPx) return text;
  let n = text.length - 1;
  while (n > 1 && textWidth(`${text.slice(0, n).trimEnd()}…`, font) > maxPx) n--;
  return `${text.slice(0, n).trimEnd()}…`;
}

const WHOLE_INCRS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1e3, 2e3, 2.5e3, 5e3, 1e4, 2e4, 5e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * A time-series chart over monthly or daily periods, drawn by uPlot on a canvas: one or two series on a left
 * and a right y axis, dashed event markers, an optional "current" period line and a hover tooltip.
 * uPlot is imported lazily so that it stays out of the page's first-load JavaScript; until it is
 * there a placeholder holds exactly `height` px. Screen readers get the numbers from a visually
 * hidden table beside the chart image.
 */
export function TimeChart({ periods, series, markers, height, ariaLabel, testId, highlight, onSelect, className }: TimeChartProps): JSX.Element {
  const wrapperRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");
  const empty = periods.length === 0;
  const scheme = useSyncExternalStore(subscribeScheme, clientScheme, serverScheme);

  // Throws a RangeError for months mixed with days (or a string that is neither).
  const { kind, xs } = useMemo(() => parsePeriods(periods), [periods]);
  const data = useMemo<uPlot.AlignedData>(() => [xs, ...series.map((s) => s.values)], [xs, series]);

  // Values the long-lived chart reads at draw/event time, kept current without rebuilding it.
  const live = useRef({ periods, xs, data, markers, highlight, onSelect, height });
  useEffect(() => {
    live.current = { periods, xs, data, markers, highlight, onSelect, height };
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
  });

  useEffect(() => {
    let cancelled = false;
    let chart: uPlot | null = null;
    let observer: ResizeObserver | null = null;
    const wrapper = wrapperRef.current;
    const host = hostRef.current;
    if (!wrapper || !host) return;
    const spec = JSON.parse(structure) as {
      scheme: Scheme;
      kind: PeriodKind;
      series: (Required<Pick<TimeChartSeries, "label" | "unit" | "axis">> & { color: string | null; step: boolean; whole: boolean })[];
      markerBand: boolean;
      selectable: boolean;
      empty: boolean;
    };
    const palette = PALETTES[spec.scheme];
    if (spec.empty) return; // nothing to plot: the placeholder says so

    (async () => {
      let UPlot: typeof uPlot;
      try {
        UPlot = (await import("uplot")).default;
      } catch {
        if (!cancelled) setStatus("failed");
        return;
      }
      if (cancelled) return;

      const colors = spec.series.map((s, i) => s.color ?? palette.series[i % palette.series.length] ?? palette.text);
      const usesAxis = (side: "left" | "right") => spec.series.some((s) => s.axis === side);
      const sides = (["left", "right"] as const).filter(usesAxis);

      const yAxis = (side: "left" | "right", first: boolean): uPlot.Axis => {
        const onSide = spec.series.filter((s) => s.axis === side);
        const whole = onSide.every((s) => s.whole);
        const axisTitle = onSide.map((s) => seriesName(s)).join(" · ");
        return {
          scale: side,
          side: side === "left" ? 3 : 1,
          // Rotated along the plot's height; shortened with an ellipsis when taller than the plot.
          label: (u) => ellipsize(axisTitle, u.bbox.height / UPlot.pxRatio, AXIS_LABEL_FONT),
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
          size: (_u, values) => Math.ceil(8 + Math.max(0, ...(values ?? []).map((v) => textWidth(String(v ?? ""), AXIS_FONT)))),
        };
      };

      const drawOverlays = (u: uPlot) => {
        const { markers: ms, highlight: hl } = live.current;
        const ctx = u.ctx;
        const px = UPlot.pxRatio;
        const { left, top, width, height: h } = u.bbox;
        const xMin = u.scales.x?.min;
        const xMax = u.scales.x?.max;
        if (xMin == null || xMax == null) return;
        const xPos = (period: string): number | null => {
          let t: number;
          try {
            t = toUnix(spec.kind, period); // one of the other kind, or no period at all: not drawn
          } catch {
            return null;
          }
          if (t < xMin || t > xMax) return null;
          return Math.round(u.valToPos(t, "x", true)) + 0.5;
        };
        ctx.save();
        if (hl) {
          const x = xPos(hl);
          if (x != null) {
            ctx.strokeStyle = palette.highlight;
            ctx.lineWidth = 2 * px;
            ctx.setLineDash([]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + h);
            ctx.stroke();
          }
        }
        if (ms && ms.length > 0) {
          ctx.font = `${MARKER_FONT_PX * px}px ${FONT_FAMILY}`;
          ctx.textBaseline = "alphabetic";
          ctx.textAlign = "left"; // uPlot leaves whatever its last axis used
          // Labels sit in the band above the plot; one that would overlap its neighbour drops a row.
          const rows: [number, number][][] = [];
          for (const m of ms) {
            const x = xPos(m.x);
            if (x == null) continue;
            ctx.strokeStyle = palette.marker;
            ctx.lineWidth = 1 * px;
            ctx.setLineDash([4 * px, 3 * px]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + h);
            ctx.stroke();

            const tw = ctx.measureText(m.label).width;
            const pad = 3 * px;
            const rightEdge = left + width;
            const x0 = x + pad + tw <= rightEdge ? x + pad : Math.max(left, x - pad - tw);
            const span: [number, number] = [x0 - pad, x0 + tw + pad];
            let row = rows.findIndex((r) => r.every(([a, b]) => span[1] < a || span[0] > b));
            if (row < 0) row = rows.push([]) - 1;
            rows[row]?.push(span);
            const baseline = top - 5 * px + row * (MARKER_FONT_PX + 4) * px;
            ctx.fillStyle = palette.labelBg;
            ctx.fillRect(span[0], baseline - (MARKER_FONT_PX + 1) * px, span[1] - span[0], (MARKER_FONT_PX + 4) * px);
            ctx.fillStyle = palette.text;
            ctx.fillText(m.label, x0, baseline);
          }
        }
        ctx.restore();
      };

      const tooltip = document.createElement("div");
      Object.assign(tooltip.style, {
        position: "absolute",
        top: "0",
        left: "0",
        display: "none",
        pointerEvents: "none",
        zIndex: "10",
        background: palette.tooltipBg,
        color: palette.text,
        border: `1px solid ${palette.tooltipBorder}`,
        borderRadius: "6px",
        padding: "4px 8px",
        font: `12px/1.4 ${FONT_FAMILY}`,
        whiteSpace: "nowrap",
        boxShadow: "0 2px 8px rgb(0 0 0 / 0.2)",
      } satisfies Partial<CSSStyleDeclaration>);

      const updateTooltip = (u: uPlot) => {
        const idx = u.cursor.idx;
        const left = u.cursor.left ?? -1;
        const x = idx == null ? undefined : u.data[0][idx];
        if (idx == null || x == null || left < 0) {
          tooltip.style.display = "none";
          return;
        }
        tooltip.replaceChildren();
        const head = document.createElement("div");
        head.style.fontWeight = "600";
        head.textContent = formatX(spec.kind, x);
        tooltip.append(head);
        spec.series.forEach((s, i) => {
          const v = u.data[i + 1]?.[idx];
          const line = document.createElement("div");
          const swatch = document.createElement("span");
          Object.assign(swatch.style, {
            display: "inline-block",
            width: "10px",
            height: "3px",
            marginRight: "6px",
            verticalAlign: "middle",
            background: colors[i] ?? palette.text,
          });
          const unit = v != null && s.unit ? ` ${s.unit}` : "";
          line.append(swatch, `${s.label}: ${formatValue(v)}${unit}`);
          tooltip.append(line);
        });
        tooltip.style.display = "block";
        const overW = u.over.clientWidth;
        const tipW = tooltip.offsetWidth;
        const tipLeft = left + 12 + tipW <= overW ? left + 12 : Math.max(0, left - 12 - tipW);
        tooltip.style.transform = `translate(${Math.round(tipLeft)}px, ${Math.max(0, Math.round((u.cursor.top ?? 0) - 10))}px)`;
      };

      const opts: uPlot.Options = {
        width: Math.max(1, wrapper.clientWidth),
        height: Math.max(MIN_PLOT_PX, live.current.height - LEGEND_GUESS_PX),
        // Without a y axis on a side, room for half a centred month label at that end.
        padding: [spec.markerBand ? MARKER_BAND_PX + 4 : 10, sides.includes("right") ? 4 : 30, 0, sides.includes("left") ? 4 : 30],
        scales: {
          x: { time: true },
          ...Object.fromEntries(sides.map((side) => [side, { auto: true }])),
        },
        series: [
          { label: xTitle(spec.kind), value: (_u, v) => (v == null ? "--" : formatX(spec.kind, v)) },
          ...spec.series.map<uPlot.Series>((s, i) => ({
            label: seriesName(s),
            scale: s.axis,
            stroke: colors[i],
            width: 2,
            spanGaps: false,
            value: (_u, v) => formatValue(v),
            points: { show: (u: uPlot, si: number) => pointsFit(u, si), size: 5, fill: colors[i] },
            ...(s.step ? { paths: UPlot.paths.stepped?.({ align: 1 }) } : {}),
          })),
        ],
        axes: [
          {
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
                  splits: (u: uPlot, _i: number, min: number, max: number) => dayTicks(min, max, u.bbox.width / UPlot.pxRatio, DAY_TICK_SPACE_PX),
                  values: (u: uPlot, splits: number[]) => {
                    const unit = dayTickUnit(u.scales.x?.min ?? NaN, u.scales.x?.max ?? NaN, u.bbox.width / UPlot.pxRatio, DAY_TICK_SPACE_PX);
                    return splits.map((v) => dayTickLabel(v, unit));
                  },
                }
              : {
                  splits: (u: uPlot, _i: number, min: number, max: number) => monthTicks(min, max, u.bbox.width / UPlot.pxRatio),
                  values: (_u: uPlot, splits: number[]) => splits.map((v) => formatMonth(v)),
                }),
          },
          ...sides.map((side, i) => yAxis(side, i === 0)),
        ],
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
            const x = u.data[0][i];
            return x == null ? [left, top] : [Math.round(u.valToPos(x, "x")), top];
          },
        },
        legend: { show: true, live: false },
        plugins: [{ hooks: { draw: drawOverlays, setCursor: updateTooltip } }],
      };

      try {
        chart = new UPlot(opts, live.current.data, host);
      } catch {
        setStatus("failed");
        return;
      }
      chartRef.current = chart;
      const u = chart;
      u.root.style.color = palette.text;
      u.over.append(tooltip);
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
      cancelled = true;
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

  // Markers, the highlighted period and the height are read at draw time.
  const markerKey = JSON.stringify(markers ?? []);

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

const xTitle = (kind: PeriodKind) => (kind === "day" ? "Date" : "Month");

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

/** Dots on the data points only while they are at least 12 px apart. */
function pointsFit(u: uPlot, seriesIdx: number): boolean {
  const s = u.series[seriesIdx];
  const [i0, i1] = s?.idxs ?? [0, 0];
  const n = i1 - i0 + 1;
  return n > 0 && u.bbox.width / (window.devicePixelRatio || 1) / n >= 12;
}
