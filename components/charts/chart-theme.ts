import type { ColorScheme } from "@/lib/colors/scale";

// Colours, fonts and fixed sizes of the time chart.

export type ChartPalette = {
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
export const CHART_PALETTES: Record<ColorScheme, ChartPalette> = {
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

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const AXIS_FONT = `12px ${FONT_FAMILY}`;
export const AXIS_LABEL_FONT = `600 12px ${FONT_FAMILY}`;
export const MARKER_FONT_PX = 11;
/** Length of a tick along the bottom of the plot (e.g. a difficulty retarget). */
export const TICK_PX = 7;
/** Room above the plotting area for marker labels. */
export const MARKER_BAND_PX = 18;
/** First guess at the legend's height; the real one is measured once the chart is in the DOM. */
export const LEGEND_GUESS_PX = 30;
export const MIN_PLOT_PX = 60;
