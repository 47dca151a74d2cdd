import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from "maplibre-gl";
import { NO_DATA_COLOR, SHARE_STOPS } from "./scale";

export const COUNTRY_SOURCE = "countries";
export const WORLD_GEOJSON_URL = "/geo/world.json";

export type MapTheme = "light" | "dark";

const PALETTE = {
  light: { background: "#dfe6ec", border: "#ffffff", hover: "#1b1d21" },
  dark: { background: "#1a2230", border: "#14161a", hover: "#ffffff" },
} as const;

/** Fill colour from the feature state `value` (a share 0–1); countries without a value are "no data". */
export function fillColor(theme: MapTheme): ExpressionSpecification {
  return [
    "case",
    ["==", ["typeof", ["feature-state", "value"]], "number"],
    ["interpolate", ["linear"], ["feature-state", "value"], ...SHARE_STOPS.flatMap((s) => [s.value, s.color])],
    NO_DATA_COLOR[theme],
  ] as ExpressionSpecification;
}

/** The map's layers, as data: recolouring happens through feature state, never by rebuilding these. */
export function countryLayers(theme: MapTheme): LayerSpecification[] {
  const palette = PALETTE[theme];
  return [
    { id: "country-fill", type: "fill", source: COUNTRY_SOURCE, paint: { "fill-color": fillColor(theme), "fill-opacity": 1 } },
    { id: "country-border", type: "line", source: COUNTRY_SOURCE, paint: { "line-color": palette.border, "line-width": 0.5 } },
    {
      id: "country-hover",
      type: "line",
      source: COUNTRY_SOURCE,
      paint: { "line-color": palette.hover, "line-width": ["case", ["boolean", ["feature-state", "hover"], false], 2, 0] },
    },
  ];
}

/** A fully inline style: no tile server, sprite or glyph URL, so nothing leaves the machine. */
export function baseStyle(theme: MapTheme): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: "background", type: "background", paint: { "background-color": PALETTE[theme].background } }],
  };
}
