/**
 * The committed world geometry (public/geo/world.json, served at
 * /geo/world.json) as other code sees it. The maplibre source should use
 * `promoteId: "iso2"`: features carry no `id`, because maplibre turns
 * numeric-looking ids into numbers.
 *
 * Node-only (reads the file system): client components may only
 * `import type` from here.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface WorldFeatureProperties {
  /** ISO 3166-1 alpha-2, or the user-assigned "XK" for Kosovo. */
  iso2: string;
  iso3: string;
  /** Zero-padded 3-digit string ("076"), never a number. */
  isoNumeric: string;
  /** English common name, the same as CountryRecord.name in lib/geo/countries.ts. */
  name: string;
}

/** Path of the asset relative to the repository root. */
export const WORLD_GEOJSON_PATH = "public/geo/world.json";

/** Node only: the asset's absolute path, resolved from the working directory (the repo root for scripts and tests). */
export function worldGeoJsonFile(): string {
  return path.join(process.cwd(), WORLD_GEOJSON_PATH);
}

/** Node only: the iso2 codes that have a shape on the map. */
export function loadWorldIso2(): Set<string> {
  const parsed = JSON.parse(readFileSync(worldGeoJsonFile(), "utf8")) as {
    features: { properties: WorldFeatureProperties }[];
  };
  return new Set(parsed.features.map((f) => f.properties.iso2));
}
