import type { Map as MaplibreMap, MapGeoJSONFeature } from "maplibre-gl";
import type { MapBounds } from "@/lib/view/site-view";

// Reading what the map holds: a rendered feature's properties, and the map's own view.

export function stringProp(feature: MapGeoJSONFeature | undefined, key: string): string | null {
  const value: unknown = feature?.properties[key];
  return typeof value === "string" ? value : null;
}

/** The grid cell of a server's cluster, as [[west, south], [east, north]]; null for anything else. */
export function cellOf(feature: MapGeoJSONFeature): [[number, number], [number, number]] | null {
  const props: Record<string, unknown> = feature.properties;
  const { west, south, east, north } = props;
  if (typeof west !== "number" || typeof south !== "number" || typeof east !== "number" || typeof north !== "number") return null;
  return [
    [west, south],
    [east, north],
  ];
}

export function boundsOf(map: MaplibreMap): MapBounds {
  const b = map.getBounds();
  return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth(), zoom: map.getZoom() };
}
