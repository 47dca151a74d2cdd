import type uPlot from "uplot";
import type { ChartPalette } from "./chart-theme";
import { FONT_FAMILY, MARKER_FONT_PX, TICK_PX } from "./chart-theme";
import { dayToUnix, type PeriodKind, toUnix } from "./time-axis";

// The chart's overlays, painted on uPlot's canvas after each draw: the highlighted ("current")
// period as a solid line, event markers as dashed lines labelled in the band above the plot, and
// moments (e.g. difficulty retargets, too many to label) as short ticks along the bottom of the plot.

export type Marker = { x: string; label: string };

/**
 * What the overlays show, read at draw time (it changes without the chart being rebuilt). Ticks are
 * "YYYY-MM-DD" days whatever the axis: a day has its place on a monthly axis too.
 */
export type OverlayState = { markers?: readonly Marker[]; highlight?: string; ticks?: readonly string[] };

/** Unix seconds of a tick's day, or null for anything that is not a day (not drawn). */
function tickTime(day: string): number | null {
  try {
    return dayToUnix(day);
  } catch {
    return null;
  }
}

/**
 * The row (0 = top) a label spanning [from, to] takes: the first row where it overlaps no label
 * placed before it, else a new row. `rows` is updated with the label.
 */
export function labelRow(rows: [number, number][][], span: [number, number]): number {
  let row = rows.findIndex((r) => r.every(([a, b]) => span[1] < a || span[0] > b));
  if (row < 0) row = rows.push([]) - 1;
  rows[row]?.push(span);
  return row;
}

export function overlayPlugin(options: { kind: PeriodKind; palette: ChartPalette; pxRatio: () => number; state: () => OverlayState }): uPlot.Plugin {
  const { kind, palette } = options;
  const draw = (u: uPlot) => {
    const { markers, highlight, ticks } = options.state();
    const ctx = u.ctx;
    const px = options.pxRatio();
    const { left, top, width, height } = u.bbox;
    const xMin = u.scales.x?.min;
    const xMax = u.scales.x?.max;
    if (xMin == null || xMax == null) return;
    const xPos = (period: string): number | null => {
      let t: number;
      try {
        t = toUnix(kind, period); // one of the other kind, or no period at all: not drawn
      } catch {
        return null;
      }
      if (t < xMin || t > xMax) return null;
      return Math.round(u.valToPos(t, "x", true)) + 0.5;
    };
    const vertical = (x: number) => {
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
    };
    ctx.save();
    if (ticks && ticks.length > 0) {
      ctx.strokeStyle = palette.marker;
      ctx.lineWidth = 1 * px;
      ctx.setLineDash([]);
      ctx.beginPath();
      const bottom = top + height;
      for (const day of ticks) {
        const t = tickTime(day);
        if (t === null || t < xMin || t > xMax) continue;
        const x = Math.round(u.valToPos(t, "x", true)) + 0.5;
        ctx.moveTo(x, bottom);
        ctx.lineTo(x, bottom - TICK_PX * px);
      }
      ctx.stroke();
    }
    const current = highlight ? xPos(highlight) : null;
    if (current != null) {
      ctx.strokeStyle = palette.highlight;
      ctx.lineWidth = 2 * px;
      ctx.setLineDash([]);
      vertical(current);
    }
    if (markers && markers.length > 0) {
      ctx.font = `${MARKER_FONT_PX * px}px ${FONT_FAMILY}`;
      ctx.textBaseline = "alphabetic";
      ctx.textAlign = "left"; // uPlot leaves whatever its last axis used
      // Labels sit in the band above the plot; one that would overlap its neighbour drops a row.
      const rows: [number, number][][] = [];
      for (const m of markers) {
        const x = xPos(m.x);
        if (x == null) continue;
        ctx.strokeStyle = palette.marker;
        ctx.lineWidth = 1 * px;
        ctx.setLineDash([4 * px, 3 * px]);
        vertical(x);

        const tw = ctx.measureText(m.label).width;
        const pad = 3 * px;
        const x0 = x + pad + tw <= left + width ? x + pad : Math.max(left, x - pad - tw);
        const span: [number, number] = [x0 - pad, x0 + tw + pad];
        const row = labelRow(rows, span);
        const baseline = top - 5 * px + row * (MARKER_FONT_PX + 4) * px;
        ctx.fillStyle = palette.labelBg;
        ctx.fillRect(span[0], baseline - (MARKER_FONT_PX + 1) * px, span[1] - span[0], (MARKER_FONT_PX + 4) * px);
        ctx.fillStyle = palette.text;
        ctx.fillText(m.label, x0, baseline);
      }
    }
    ctx.restore();
  };
  return { hooks: { draw } };
}
