import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import {
  buildRegions,
  NATURAL_EARTH_COUNTRIES,
  NATURAL_EARTH_SOURCE,
  type NaturalEarthFeature,
  type RegionFeature,
  ringsOf,
  serializeRegions,
  US_ATLAS_SOURCE,
  US_STATE_FIPS,
  type UsAtlasTopology,
} from "./build-regions";
import { REGION_GEO_DIR } from "./region-geometry";
import { regionAtPoint, regionGeoJsonFile, regionGeometryCountries } from "./region-shapes";
import { regionByCode, regionsOfCountry } from "./regions";

const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
const committedText = (country: string) => readFileSync(regionGeoJsonFile(country), "utf8");
const committed = (country: string) => (JSON.parse(committedText(country)) as { features: RegionFeature[] }).features;

/** The largest a country's file may be, gzipped: the map loads one on demand when the user zooms into the country. */
const MAX_GZIP_BYTES = 128 * 1024;

describe("US_STATE_FIPS", () => {
  const usAtlas = JSON.parse(readFileSync(requireFromRoot.resolve(US_ATLAS_SOURCE), "utf8")) as UsAtlasTopology;

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
    for (const { id, properties } of usAtlas.objects.states.geometries) {
      expect(regionByCode(US_STATE_FIPS[id] ?? "?")?.name, `FIPS ${id}`).toBe(census.get(properties.name) ?? properties.name);
    }
    expect(new Set(Object.values(US_STATE_FIPS)).size).toBe(Object.keys(US_STATE_FIPS).length);
    expect(Object.keys(US_STATE_FIPS).sort()).toEqual(usAtlas.objects.states.geometries.map((g) => g.id).sort());
  });
});

describe(REGION_GEO_DIR, () => {
  it("is exactly what buildRegions produces from the installed us-atlas and Natural Earth files", () => {
    const us = JSON.parse(readFileSync(requireFromRoot.resolve(US_ATLAS_SOURCE), "utf8")) as UsAtlasTopology;
    const ne = JSON.parse(readFileSync(requireFromRoot.resolve(NATURAL_EARTH_SOURCE), "utf8")) as { features: NaturalEarthFeature[] };
    const built = buildRegions(us, ne.features);
    expect(regionGeometryCountries()).toEqual([...built.keys()]);
    for (const [country, collection] of built) {
      const lines = serializeRegions(collection).split("\n");
      const have = committedText(country).split("\n");
      const first = lines.findIndex((line, i) => line !== have[i]);
      expect(first === -1 && lines.length === have.length, `stale ${country}.json (line ${first + 1}): run \`npx tsx scripts/build-regions.ts\``).toBe(true);
    }
  }, 60_000);

  it("has a file for the US and every Natural Earth country, each small enough to load on demand", () => {
    expect(regionGeometryCountries()).toEqual(["US", ...NATURAL_EARTH_COUNTRIES].sort());
    for (const country of regionGeometryCountries()) {
      expect(gzipSync(committedText(country)).length, country).toBeLessThan(MAX_GZIP_BYTES);
    }
  });

  it("keys every feature by an ISO 3166-2 code of its country, once, without an id", () => {
    for (const country of regionGeometryCountries()) {
      const seen = new Set<string>();
      for (const { properties: p, ...rest } of committed(country)) {
        expect("id" in rest, `${p.code} has an id; maplibre would coerce it, use promoteId`).toBe(false);
        expect(regionByCode(p.code)?.countryIso2, p.code).toBe(country);
        expect(p.name).toBe(regionByCode(p.code)?.name);
        expect(seen.has(p.code), `duplicate ${p.code}`).toBe(false);
        seen.add(p.code);
      }
    }
  });

  it("draws every US state, DC and the five inhabited territories from us-atlas, and Russia's ban regions", () => {
    expect(committed("US").map((f) => f.properties.code)).toEqual(Object.values(US_STATE_FIPS).sort());
    const russia = new Set(committed("RU").map((f) => f.properties.code));
    expect(
      ["RU-DA", "RU-IN", "RU-KB", "RU-KC", "RU-SE", "RU-CE", "UA-14", "UA-09", "UA-23", "UA-65", "RU-IRK", "RU-BU", "RU-ZAB"].filter((c) => !russia.has(c)),
    ).toEqual([]);
    expect(russia.size).toBe(regionsOfCountry("RU").length);
    // Drawn before Kazakhstan's 2022 split, the old outlines are left out rather than put a site in the wrong region.
    expect(committed("KZ").some((f) => ["KZ-10", "KZ-19", "KZ-33", "KZ-35", "KZ-62", "KZ-63"].includes(f.properties.code))).toBe(false);
  });

  it("has closed, planar rings within longitude/latitude bounds (cut at the antimeridian)", () => {
    const problems: string[] = [];
    for (const country of regionGeometryCountries()) {
      for (const feature of committed(country)) {
        for (const ring of ringsOf(feature)) {
          const [first, last] = [ring[0], ring[ring.length - 1]];
          if (ring.length < 4 || first?.[0] !== last?.[0] || first?.[1] !== last?.[1]) problems.push(`${feature.properties.code}: open ring`);
          const lons = ring.map((p) => p[0] ?? Number.NaN);
          if (Math.max(...lons) - Math.min(...lons) > 180) problems.push(`${feature.properties.code}: ring spans the antimeridian`);
          if (ring.some(([x = Number.NaN, y = Number.NaN]) => !(x >= -180 && x <= 180 && y >= -90 && y <= 90)))
            problems.push(`${feature.properties.code}: out of bounds`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each([
    ["US", 30.655, -97.001, "US-TX"], // Rockdale
    ["US", 64.84, -147.72, "US-AK"], // Fairbanks
    ["US", 52.83, 173.18, "US-AK"], // Attu, west of the antimeridian
    ["RU", 56.15, 101.63, "RU-IRK"], // Bratsk
    ["RU", 65.0, 177.0, "RU-CHU"], // Chukotka, east of 180°
    ["RU", 65.0, -175.0, "RU-CHU"], // Chukotka, west of −180°
    ["RU", 48.0, 37.8, "UA-14"], // Donetsk
    ["CN", 43.8, 87.6, "CN-XJ"], // Ürümqi
    ["CA", 45.5, -73.6, "CA-QC"], // Montréal
    ["KZ", 51.73, 75.32, "KZ-55"], // Ekibastuz
    ["US", 40.0, -140.0, null], // the Pacific
    ["KZ", 49.95, 82.6, null], // Öskemen: East Kazakhstan is left out
    ["NO", 66.31, 14.14, undefined], // no Norwegian polygons
  ])("locates %s (%d, %d) in %s", (country, lat, lon, code) => {
    expect(regionAtPoint(country, lat, lon)).toBe(code);
  });
});
