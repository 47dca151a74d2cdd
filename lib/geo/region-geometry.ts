// Where the region geometry is served, and what its features carry. Imports nothing: the browser loads it.

/** Properties of a feature of public/geo/regions/<country>.json; features carry no `id` (use promoteId: "code"). */
export interface RegionFeatureProperties {
  /** ISO 3166-2 code, as lib/geo/regions.ts lists it ("US-TX"); always one of the file's country. */
  code: string;
  /** The ISO 3166-2 name. */
  name: string;
}

/** The folder of the region files, relative to the repository root; each is served at /geo/regions/<country>.json. */
export const REGION_GEO_DIR = "public/geo/regions";

/** The URL of a country's region geometry (ISO 3166-1 alpha-2, upper case). */
export function regionGeometryUrl(countryIso2: string): string {
  return `/geo/regions/${countryIso2.toUpperCase()}.json`;
}
