// The sites layer's categorical colours: a site's main energy source, read from free text.

const ENERGY_CATEGORIES = ["hydro", "gas", "wind & solar", "nuclear", "geothermal", "coal", "grid"] as const;
type EnergyCategory = (typeof ENERGY_CATEGORIES)[number];

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
