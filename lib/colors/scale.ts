// Value → colour for the map's choropleth layers: one pure function that the map (through feature
// state) and its legend both use, so what the legend promises is what the map paints. No colour
// library here: this runs in the browser (the scales themselves are built on the server, layer-scales.ts).

export type Stop = { value: number; color: string };
export type Scale = { stops: Stop[]; ticks: { value: number; label: string }[]; title: string; unit: string };
export type ColorScheme = "light" | "dark";

/** Countries without a value: a neutral grey that reads as "nothing here" on either background. */
export const NO_DATA_COLOR: Record<ColorScheme, string> = { light: "#c9ccd1", dark: "#3a3f48" };

type Rgb = readonly [number, number, number];

/** "#rrggbb" or "rgb(r, g, b)" (what d3's interpolators return) → channels 0–255. */
export function parseColor(css: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1] ?? "", 16), parseInt(hex[2] ?? "", 16), parseInt(hex[3] ?? "", 16)];
  const rgb = /^rgb\(\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*\)$/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`not a colour this scale understands: "${css}" (expected #rrggbb or rgb(r, g, b))`);
}

export function toHex([r, g, b]: Rgb): string {
  const channel = (c: number) =>
    Math.round(Math.min(255, Math.max(0, c)))
      .toString(16)
      .padStart(2, "0");
  return `#${channel(r)}${channel(g)}${channel(b)}`;
}

/**
 * The colour of `value` on a scale of ascending stops: the stop's own colour at a stop, linear in
 * RGB between two stops (as maplibre's and CSS's gradients blend), clamped to the end colours
 * outside them. No value (null, NaN, ±∞) is the no-data grey of the colour scheme.
 */
export function colorFor(scale: Pick<Scale, "stops">, value: number | null, scheme: ColorScheme = "light"): string {
  const { stops } = scale;
  const first = stops[0];
  const last = stops.at(-1);
  if (value === null || !Number.isFinite(value) || !first || !last) return NO_DATA_COLOR[scheme];
  if (value <= first.value) return toHex(parseColor(first.color));
  if (value >= last.value) return toHex(parseColor(last.color));
  const upper = stops.findIndex((s) => s.value > value);
  const a = stops[upper - 1] ?? first;
  const b = stops[upper] ?? last;
  const t = (value - a.value) / (b.value - a.value);
  const from = parseColor(a.color);
  const to = parseColor(b.color);
  return toHex([from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t, from[2] + (to[2] - from[2]) * t]);
}

/**
 * The legend's colour bar: one colour per tick, spaced evenly as the ticks are listed. Between two
 * ticks CSS blends linearly in RGB, which is what colorFor does between two stops.
 */
export function legendGradient(scale: Scale): string {
  const n = scale.ticks.length;
  const at = (i: number) => (n > 1 ? (i / (n - 1)) * 100 : 0);
  return `linear-gradient(to right, ${scale.ticks.map((t, i) => `${colorFor(scale, t.value)} ${at(i)}%`).join(", ")})`;
}
