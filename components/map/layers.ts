import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from "maplibre-gl";
import { ENERGY_COLORS } from "@/lib/colors/energy";
import { type ColorScheme, NO_DATA_COLOR } from "@/lib/colors/scale";
import { COUNTRY_SOURCE, HATCH_IMAGE, SITE_SOURCE } from "./sources";

// The map's layers and style, as typed data. Recolouring goes through feature state and paint
// properties; these specs are never rebuilt to change a colour. Loaded with maplibre, after the
// page's first load (the names the map component needs before are sources.ts).

/** The map follows the page's colour scheme. */
export type MapTheme = ColorScheme;

/** A diagonal hatch tile, drawn in memory (the style has no sprite to load). */
export function hatchImage(theme: MapTheme): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  const [r, g, b] = theme === "dark" ? [200, 200, 200] : [60, 60, 60];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size === 0 || (x + y + 1) % size === 0;
      const i = (y * size + x) * 4;
      data.set(on ? [r, g, b, 220] : [0, 0, 0, 0], i);
    }
  }
  return { width: size, height: size, data };
}

export const PALETTE = {
  light: { background: "#dfe6ec", border: "#ffffff", hover: "#1b1d21", selected: "#d62728", siteStroke: "#ffffff" },
  dark: { background: "#1a2230", border: "#14161a", hover: "#ffffff", selected: "#ff7f7f", siteStroke: "#14161a" },
} as const;

/**
 * Fill colour: the colour the map stored per country in feature state (colorFor, lib/colors/scale.ts,
 * the function the legend draws with); countries without one are "no data".
 */
export function fillColor(theme: MapTheme): ExpressionSpecification {
  return ["case", ["==", ["typeof", ["feature-state", "color"]], "string"], ["to-color", ["feature-state", "color"]], NO_DATA_COLOR[theme]];
}

export function countryLayers(theme: MapTheme): LayerSpecification[] {
  const palette = PALETTE[theme];
  return [
    { id: "country-fill", type: "fill", source: COUNTRY_SOURCE, paint: { "fill-color": fillColor(theme) } },
    { id: "country-border", type: "line", source: COUNTRY_SOURCE, paint: { "line-color": palette.border, "line-width": 0.5 } },
    // Shut-down countries: grey fill (their share is removed) under a hatch, filtered by ISO code.
    { id: "country-shutdown", type: "fill", source: COUNTRY_SOURCE, filter: ["in", ["get", "iso2"], ["literal", []]], paint: { "fill-pattern": HATCH_IMAGE } },
    {
      id: "country-hover",
      type: "line",
      source: COUNTRY_SOURCE,
      paint: { "line-color": palette.hover, "line-width": ["case", ["boolean", ["feature-state", "hover"], false], 1.5, 0] },
    },
    {
      id: "country-selected",
      type: "line",
      source: COUNTRY_SOURCE,
      paint: { "line-color": palette.selected, "line-width": ["case", ["boolean", ["feature-state", "selected"], false], 2.5, 0] },
    },
  ];
}

const energyColor: ExpressionSpecification = [
  "match",
  ["get", "energy"],
  ...Object.entries(ENERGY_COLORS).flatMap(([k, v]) => [k, v]),
  ENERGY_COLORS.grid,
] as unknown as ExpressionSpecification; // maplibre's expression types cannot express variadic match arms; the style validator checks them

/** A cluster: the map's own (point_count), or one the server counted on its grid (kind "cell"). */
const isCluster: ExpressionSpecification = ["any", ["has", "point_count"], ["==", ["get", "kind"], "cell"]];

/**
 * Sites: clusters when many overlap (sized by the sites they hold, which the source sums), single sites
 * sized by √MW and coloured by energy source.
 */
export function siteLayers(theme: MapTheme): LayerSpecification[] {
  const stroke = PALETTE[theme].siteStroke;
  return [
    {
      id: "site-clusters",
      type: "circle",
      source: SITE_SOURCE,
      filter: isCluster,
      paint: {
        "circle-color": theme === "dark" ? "#e9eaec" : "#3b3f46",
        "circle-opacity": 0.85,
        "circle-radius": ["interpolate", ["linear"], ["get", "sites"], 2, 10, 50, 20, 1000, 34, 100000, 44],
        "circle-stroke-color": stroke,
        "circle-stroke-width": 1.5,
      },
    },
    {
      id: "site-points",
      type: "circle",
      source: SITE_SOURCE,
      filter: ["!", isCluster],
      paint: {
        "circle-color": energyColor,
        "circle-opacity": 0.9,
        // Area proportional to MW; sites of unknown capacity get the smallest circle.
        "circle-radius": ["interpolate", ["linear"], ["sqrt", ["get", "capacityMw"]], 0, 3, 10, 6, 40, 16],
        "circle-stroke-color": stroke,
        "circle-stroke-width": 1,
      },
    },
  ];
}

/** A fully inline style: no tile server, sprite or glyph URL, so nothing leaves the machine. */
export function baseStyle(theme: MapTheme): StyleSpecification {
  return { version: 8, sources: {}, layers: [{ id: "background", type: "background", paint: { "background-color": PALETTE[theme].background } }] };
}
