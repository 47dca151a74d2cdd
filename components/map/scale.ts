import { interpolateViridis } from "d3-scale-chromatic";

// A fixed share scale for every period and dataset, so that colours can be compared over time.
// Breaks are closer together at the low end, where most countries sit; colours are viridis,
// reversed so that more hash power reads darker on a light map.
export const SHARE_BREAKS = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8] as const;

export const NO_DATA_COLOR = { light: "#c9ccd1", dark: "#3a3f48" } as const;

export function shareColor(index: number): string {
  return interpolateViridis(1 - index / (SHARE_BREAKS.length - 1));
}

export const SHARE_STOPS: readonly { value: number; color: string }[] = SHARE_BREAKS.map((value, i) => ({ value, color: shareColor(i) }));

/** CSS gradient for the legend, with the stops evenly spaced as the breaks are listed. */
export const SHARE_LEGEND_GRADIENT = `linear-gradient(to right, ${SHARE_STOPS.map((s, i) => `${s.color} ${(i / (SHARE_STOPS.length - 1)) * 100}%`).join(", ")})`;
