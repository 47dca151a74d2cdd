import type uPlot from "uplot";
import { type ChartPalette, FONT_FAMILY } from "./chart-theme";
import { formatValue, formatX, type PeriodKind } from "./time-axis";

// The hover tooltip: the period under the cursor and each series' value there, beside the cursor
// and kept inside the plot.

export function tooltipPlugin(options: {
  kind: PeriodKind;
  palette: ChartPalette;
  series: readonly { label: string; unit: string }[];
  colors: readonly string[];
}): uPlot.Plugin {
  const { kind, palette, series, colors } = options;
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

  const setCursor = (u: uPlot) => {
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
    head.textContent = formatX(kind, x);
    tooltip.append(head);
    series.forEach((s, i) => {
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

  return { hooks: { init: (u) => u.over.append(tooltip), setCursor } };
}
