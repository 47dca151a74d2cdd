/**
 * The committed region geometry (public/geo/regions/<country>.json) as the server uses it: which region
 * contains a point. Node-only (reads the file system): client components import lib/geo/region-geometry.ts.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { REGION_GEO_DIR, type RegionFeatureProperties } from "./region-geometry";

export type { RegionFeatureProperties } from "./region-geometry";

/** Node only: the absolute path of a country's region file, resolved from the working directory (the repo root for scripts, tests and the server). */
export function regionGeoJsonFile(countryIso2: string): string {
  return path.join(process.cwd(), REGION_GEO_DIR, `${countryIso2.toUpperCase()}.json`);
}

/** Node only: the countries that have a region file, sorted. */
export function regionGeometryCountries(): string[] {
  const dir = path.join(process.cwd(), REGION_GEO_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^[A-Z]{2}\.json$/.test(f))
    .map((f) => f.slice(0, 2))
    .sort();
}

/** One polygon of a region (a region of islands has several), with its bounding box: most points are ruled out by the box. */
type Shape = { code: string; west: number; south: number; east: number; north: number; polygon: Polygon };

const shapes = new Map<string, Shape[] | null>();

function shapesOf(countryIso2: string): Shape[] | null {
  const iso2 = countryIso2.toUpperCase();
  const cached = shapes.get(iso2);
  if (cached !== undefined) return cached;
  const file = regionGeoJsonFile(iso2);
  let loaded: Shape[] | null = null;
  if (/^[A-Z]{2}$/.test(iso2) && existsSync(file)) {
    // Our own committed, build-checked asset (lib/geo/build-regions.test.ts): read as the builder wrote it.
    const collection = JSON.parse(readFileSync(file, "utf8")) as { features: Feature<Polygon | MultiPolygon, RegionFeatureProperties>[] };
    loaded = collection.features.flatMap((feature) =>
      (feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates).map((rings) => {
        const outer = rings[0] ?? [];
        const lons = outer.map((p) => p[0] ?? 0);
        const lats = outer.map((p) => p[1] ?? 0);
        const polygon: Polygon = { type: "Polygon", coordinates: rings };
        return { code: feature.properties.code, west: Math.min(...lons), south: Math.min(...lats), east: Math.max(...lons), north: Math.max(...lats), polygon };
      }),
    );
  }
  shapes.set(iso2, loaded);
  return loaded;
}

/**
 * The region of `countryIso2` whose polygon contains the point: its code; null when the country has
 * polygons and none contains the point (a coastal or border site whose approximate point falls outside);
 * undefined when the country has no region polygons. A point on a shared border goes to the first region by code
 * (the files list regions by code).
 */
export function regionAtPoint(countryIso2: string, lat: number, lon: number): string | null | undefined {
  const list = shapesOf(countryIso2);
  if (!list) return undefined;
  for (const s of list) {
    if (lon < s.west || lon > s.east || lat < s.south || lat > s.north) continue;
    if (booleanPointInPolygon([lon, lat], s.polygon)) return s.code;
  }
  return null;
}
