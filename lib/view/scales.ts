import { interpolateCividis, interpolatePuOr, interpolateViridis } from "d3-scale-chromatic";
import { formatShareShort, formatUsdPerKwh } from "./format";

// Colour scales of the map layers: fixed breaks (so colours compare across periods and datasets),
// colour-blind-safe palettes from d3-scale-chromatic.

export type Stop = { value: number; color: string };
export type Scale = { stops: Stop[]; ticks: { value: number; label: string }[]; title: string; unit: string };

export const NO_DATA_COLOR = { light: "#c9ccd1", dark: "#3a3f48" } as const;

function evenly(breaks: readonly number[], interpolate: (t: number) => string, reverse: boolean): Stop[] {
  return breaks.map((value, i) => {
    const t = i / (breaks.length - 1);
    return { value, color: interpolate(reverse ? 1 - t : t) };
  });
}

export const SHARE_BREAKS = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8] as const;
/** Viridis, reversed so that more hash power reads darker on a light map. */
export const SHARE_SCALE: Scale = {
  title: "Share of network hashrate",
  unit: "%",
  stops: evenly(SHARE_BREAKS, interpolateViridis, true),
  ticks: SHARE_BREAKS.map((value) => ({ value, label: formatShareShort(value) })),
};

export const PRICE_BREAKS = [0.02, 0.03, 0.04, 0.05, 0.07, 0.1, 0.15, 0.25] as const;
/** Cividis, reversed: dearer power darker. */
export const PRICE_SCALE: Scale = {
  title: "Electricity price",
  unit: "USD/kWh",
  stops: evenly(PRICE_BREAKS, interpolateCividis, true),
  ticks: PRICE_BREAKS.map((value) => ({ value, label: formatUsdPerKwh(value) })),
};

/** Cost per BTC ÷ bitcoin price: below 1 mines at a profit (purple), above 1 at a loss (orange). */
export const COST_RATIO_BREAKS = [0.25, 0.5, 0.75, 1, 1.5, 2, 4] as const;
export const COST_SCALE: Scale = {
  title: "Electricity cost per BTC ÷ bitcoin price",
  unit: "ratio",
  stops: evenly(COST_RATIO_BREAKS, interpolatePuOr, true),
  ticks: COST_RATIO_BREAKS.map((value) => ({ value, label: `${value}×` })),
};

/** CSS gradient for a legend, stops spaced evenly as the breaks are listed. */
export function legendGradient(scale: Scale): string {
  return `linear-gradient(to right, ${scale.stops.map((s, i) => `${s.color} ${(i / (scale.stops.length - 1)) * 100}%`).join(", ")})`;
}

export const ENERGY_CATEGORIES = ["hydro", "gas", "wind & solar", "nuclear", "geothermal", "coal", "grid"] as const;
export type EnergyCategory = (typeof ENERGY_CATEGORIES)[number];

/** Okabe–Ito, the colour-blind-safe categorical palette. */
export const ENERGY_COLORS: Record<EnergyCategory, string> = {
  hydro: "#0072B2",
  gas: "#E69F00",
  "wind & solar": "#009E73",
  nuclear: "#CC79A7",
  geothermal: "#D55E00",
  coal: "#000000",
  grid: "#999999",
};

const ENERGY_PATTERNS: [EnergyCategory, RegExp][] = [
  ["hydro", /hydro|\bhpp\b|\bdam\b|itaipu|gerd/],
  ["geothermal", /geothermal/],
  ["nuclear", /nuclear|\bnpp\b/],
  ["gas", /\bgas\b|flare/],
  ["wind & solar", /\bwind\b|solar/],
  ["coal", /coal/],
];

/** The main energy source of a site from the free-text field: the first one it names; plain "grid" otherwise. */
export function energyCategory(source: string | null): EnergyCategory {
  const s = (source ?? "").toLowerCase();
  let best: { category: EnergyCategory; index: number } | null = null;
  for (const [category, pattern] of ENERGY_PATTERNS) {
    const index = s.search(pattern);
    if (index >= 0 && (best === null || index < best.index)) best = { category, index };
  }
  return best?.category ?? "grid";
}
