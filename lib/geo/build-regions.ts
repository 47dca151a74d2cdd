/**
 * Builds the region geometry (public/geo/regions/<country>.json): US states from us-atlas (US Census,
 * public domain), other countries' first-level subdivisions from Natural Earth's 1:10m admin-1 file
 * (public domain; the 1:50m one covers only a few countries), simplified, cut at the antimeridian with
 * build-world's cutting, and keyed by ISO 3166-2 code as lib/geo/regions.ts lists them. A feature belongs
 * to the country its ISO code names, as every region does (lib/geo/regions.ts), whatever country Natural
 * Earth draws it under.
 *
 * Pure: no file or network access, so the build script and the drift test produce identical bytes
 * (reading the inputs: lib/geo/region-inputs.ts; what was built from what: lib/geo/region-manifest.ts).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { geoArea } from "d3-geo";
// The topojson packages publish no type declarations; the few calls below are narrowed right after.
// @ts-expect-error -- untyped module, see Topojson below
import * as topojsonClient from "topojson-client";
// @ts-expect-error -- untyped module, see Topojson below
import * as topojsonServer from "topojson-server";
// @ts-expect-error -- untyped module, see Topojson below
import * as topojsonSimplify from "topojson-simplify";
import * as isoCountries from "i18n-iso-countries";

import { cleanPlanar, cutAtAntimeridian, signedArea } from "./build-world";
import { regionByCode } from "./regions";
import type { RegionFeatureProperties } from "./region-geometry";

export type { RegionFeatureProperties } from "./region-geometry";
export type RegionFeature = Feature<Polygon | MultiPolygon, RegionFeatureProperties>;
export type RegionFeatureCollection = FeatureCollection<Polygon | MultiPolygon, RegionFeatureProperties>;

/** The us-atlas file (a dev dependency): states, DC and the territories, ids are FIPS state codes. */
export const US_ATLAS_SOURCE = "us-atlas/states-10m.json";

/** FIPS state code (us-atlas ids) → ISO 3166-2. Every us-atlas feature must be listed: an unknown id fails the build. */
export const US_STATE_FIPS: Readonly<Record<string, string>> = {
  "01": "US-AL", "02": "US-AK", "04": "US-AZ", "05": "US-AR", "06": "US-CA", "08": "US-CO", "09": "US-CT", "10": "US-DE",
  "11": "US-DC", "12": "US-FL", "13": "US-GA", "15": "US-HI", "16": "US-ID", "17": "US-IL", "18": "US-IN", "19": "US-IA",
  "20": "US-KS", "21": "US-KY", "22": "US-LA", "23": "US-ME", "24": "US-MD", "25": "US-MA", "26": "US-MI", "27": "US-MN",
  "28": "US-MS", "29": "US-MO", "30": "US-MT", "31": "US-NE", "32": "US-NV", "33": "US-NH", "34": "US-NJ", "35": "US-NM",
  "36": "US-NY", "37": "US-NC", "38": "US-ND", "39": "US-OH", "40": "US-OK", "41": "US-OR", "42": "US-PA", "44": "US-RI",
  "45": "US-SC", "46": "US-SD", "47": "US-TN", "48": "US-TX", "49": "US-UT", "50": "US-VT", "51": "US-VA", "53": "US-WA",
  "54": "US-WV", "55": "US-WI", "56": "US-WY", "60": "US-AS", "66": "US-GU", "69": "US-MP", "72": "US-PR", "78": "US-VI",
}; // prettier-ignore

/**
 * The countries drawn from Natural Earth: those with located mining sites in the seed, and China and
 * Kazakhstan for the published regional shares. Norway and Iceland are not: Natural Earth still has
 * Norway's pre-2020 counties and Iceland's regions where ISO now lists municipalities.
 */
export const NATURAL_EARTH_COUNTRIES = ["AE", "AR", "BT", "CA", "CN", "ET", "FI", "GE", "KZ", "MY", "OM", "PY", "RU", "SE", "SV"] as const;

/** Natural Earth features (by adm1_code) whose iso_3166_2 is not the current ISO code. */
export const NATURAL_EARTH_CODE_FIXES: Readonly<Record<string, string>> = {
  "KAZ-3202": "KZ-11", // Aqmola
  "KAZ-3195": "KZ-15", // Aqtöbe
  "KAZ-4829": "KZ-75", // Almaty City
  "KAZ-3198": "KZ-23", // Atyrau
  "KAZ-3201": "KZ-27", // West Kazakhstan
  "KAZ-3252": "KZ-31", // Zhambyl
  "KAZ-3196": "KZ-39", // Qostanay
  "KAZ-3197": "KZ-43", // Qyzylorda
  "KAZ-3236": "KZ-47", // Mangghystau
  "KAZ-3205": "KZ-55", // Pavlodar
  "KAZ-3204": "KZ-59", // North Kazakhstan
  "KAZ-4830": "KZ-71", // Astana
  "OMN-2424": "OM-BS", // Al Batinah North (ISO code changed from OM-BA)
  "OMN-2406": "OM-SJ", // Ash Sharqiyah South (from OM-SH)
};

/**
 * Natural Earth features left out, each with why. A polygon drawn before a region was split would put a
 * site of the new region in the old one; those regions get no polygon (sites fall back to their address,
 * the map to a circle at the centroid).
 */
export const NATURAL_EARTH_LEFT_OUT: Readonly<Record<string, string>> = {
  "KAZ-3207": "Almaty Region before Zhetisu (KZ-33) was split off in 2022",
  "KAZ-3203": "Qaraghandy Region before Ulytau (KZ-62) was split off in 2022",
  "KAZ-3206": "East Kazakhstan before Abay (KZ-10) was split off in 2022",
  "KAZ-3251": "South Kazakhstan before Shymkent (KZ-79) became a city region and the rest Türkistan (2018)",
  "ETH-3129": "Southern Nations, Nationalities and Peoples before Sidama, South West, Central and South Ethiopia were split off (2020-2023)",
  "RUS+99?": "an unnamed Natural Earth placeholder without an ISO code",
  "PFA+00?": "Paracel Islands: disputed, no ISO 3166-2 code",
  "ARE-344": "Neutral Zone: no ISO 3166-2 code",
  "ARE-347": "Neutral Zone: no ISO 3166-2 code",
};

/** Decimals kept: 0.001° is about 100 m, finer than the sites' town-centroid coordinates. */
export const REGION_PRECISION = 3;

/**
 * Simplification threshold in square degrees (the area of the triangle a vertex makes with its neighbours,
 * Visvalingam): keeps the shape at country zoom while bringing Russia from ~7 MB to the size in SOURCES.
 */
export const REGION_MIN_WEIGHT = 0.002;

/** The largest a country's file may be, gzipped: the map loads one on demand when the user zooms into the country. */
export const REGION_MAX_GZIP_BYTES = 128 * 1024;

/**
 * Parts of a region smaller than this (square degrees; about 60 km² at the equator) are dropped: small islands,
 * most of the Arctic archipelago's specks. A region's largest part is always kept, however small.
 */
export const REGION_MIN_RING_AREA = 0.005;

export interface NaturalEarthProperties {
  adm1_code: string;
  iso_3166_2: string;
  iso_a2: string;
  adm0_a3: string;
  name: string;
}
export type NaturalEarthFeature = Feature<Polygon | MultiPolygon, NaturalEarthProperties>;
export interface UsAtlasTopology {
  type: "Topology";
  objects: { states: { type: "GeometryCollection"; geometries: { id: string; properties: { name: string } }[] } };
}

interface Topojson {
  feature(topology: unknown, object: unknown): FeatureCollection<Polygon | MultiPolygon> | Feature<Polygon | MultiPolygon>;
  topology(objects: Record<string, FeatureCollection>): unknown;
  presimplify(topology: unknown): unknown;
  simplify(topology: unknown, minWeight: number): unknown;
}
const topojson: Topojson = {
  feature: (topojsonClient as Pick<Topojson, "feature">).feature,
  topology: (topojsonServer as Pick<Topojson, "topology">).topology,
  presimplify: (topojsonSimplify as Pick<Topojson, "presimplify">).presimplify,
  simplify: (topojsonSimplify as Pick<Topojson, "simplify">).simplify,
};

function byCode(a: { properties: { code: string } }, b: { properties: { code: string } }): number {
  return a.properties.code < b.properties.code ? -1 : a.properties.code > b.properties.code ? 1 : 0;
}

function propertiesFor(code: string, countryIso2: string): RegionFeatureProperties {
  const region = regionByCode(code);
  if (!region) throw new Error(`build-regions: ${code} is not in the region list (lib/geo/regions.ts)`);
  if (region.countryIso2 !== countryIso2) throw new Error(`build-regions: ${code} is a region of ${region.countryIso2}, not ${countryIso2}`);
  return { code, name: region.name };
}

/** The ISO 3166-2 code a Natural Earth feature stands for: as given, or as NATURAL_EARTH_CODE_FIXES corrects it. */
function naturalEarthCode(f: NaturalEarthFeature): string {
  return NATURAL_EARTH_CODE_FIXES[f.properties.adm1_code] ?? f.properties.iso_3166_2;
}

/**
 * The country a Natural Earth feature is built into: the one its ISO 3166-2 code names (Crimea, drawn under
 * Russia, is UA-43: Ukraine's; Donetsk is UA-14: Ukraine's), else the country Natural Earth draws it under.
 */
export function naturalEarthCountry(f: NaturalEarthFeature): string | undefined {
  return regionByCode(naturalEarthCode(f))?.countryIso2 ?? isoCountries.alpha3ToAlpha2(f.properties.adm0_a3);
}

/** d3 takes a ring wound clockwise as the outside; RFC 7946 files wind outer rings counter-clockwise. Rewind polygons that d3 would read as most of the globe. */
function forD3(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const rewound = polygons.map((rings) => (geoArea({ type: "Polygon", coordinates: rings }) > 2 * Math.PI ? rings.map((ring) => [...ring].reverse()) : rings));
  const [only] = rewound;
  return rewound.length === 1 && only ? { type: "Polygon", coordinates: only } : { type: "MultiPolygon", coordinates: rewound };
}

/** Drops the parts of a region smaller than REGION_MIN_RING_AREA, except its largest (a small region stays whole). */
function withoutSpecks(polygons: Position[][][]): Position[][][] {
  const areas = polygons.map((rings) => Math.abs(signedArea(rings[0] ?? [])));
  const largest = Math.max(...areas);
  return polygons.filter((_, i) => (areas[i] ?? 0) >= REGION_MIN_RING_AREA || areas[i] === largest);
}

/** Simplify features sharing borders together (one topology), then cut and round each. */
function simplifyCutRound(features: RegionFeature[], countryIso2: string): RegionFeatureCollection {
  const topology = topojson.simplify(topojson.presimplify(topojson.topology({ regions: { type: "FeatureCollection", features } })), REGION_MIN_WEIGHT);
  const simplified = topojson.feature(topology, (topology as { objects: { regions: unknown } }).objects.regions);
  if (simplified.type !== "FeatureCollection") throw new Error("build-regions: expected a FeatureCollection back from topojson");
  const out: RegionFeature[] = [];
  simplified.features.forEach((feature, index) => {
    const properties = features[index]?.properties;
    if (!properties) throw new Error("build-regions: topojson changed the order of features");
    const geometry = cleanPlanar(withoutSpecks(cutAtAntimeridian(forD3(feature.geometry))), REGION_PRECISION);
    if (!geometry) throw new Error(`build-regions: ${properties.code} (${countryIso2}) has no area left after simplifying and rounding`);
    out.push({ type: "Feature", properties, geometry });
  });
  return { type: "FeatureCollection", features: out.sort(byCode) };
}

/** The US states, DC and territories from us-atlas. */
export function buildUsRegions(topology: UsAtlasTopology): RegionFeatureCollection {
  const features: RegionFeature[] = topology.objects.states.geometries.map((geometry) => {
    const code = US_STATE_FIPS[geometry.id];
    if (!code) throw new Error(`build-regions: us-atlas state id ${geometry.id} (${geometry.properties.name}) has no ISO code in US_STATE_FIPS`);
    const feature = topojson.feature(topology, geometry);
    if (feature.type !== "Feature") throw new Error(`build-regions: ${code} is not one feature`);
    return { type: "Feature", properties: propertiesFor(code, "US"), geometry: feature.geometry };
  });
  return simplifyCutRound(features, "US");
}

/** One country's regions from Natural Earth: every feature of the country is either coded (as given or fixed) or left out with a reason. */
export function buildNaturalEarthRegions(features: readonly NaturalEarthFeature[], countryIso2: string): RegionFeatureCollection {
  const ofCountry = features.filter((f) => naturalEarthCountry(f) === countryIso2);
  const coded: RegionFeature[] = [];
  for (const f of ofCountry) {
    const { adm1_code: id, iso_3166_2: given, name } = f.properties;
    if (id in NATURAL_EARTH_LEFT_OUT) continue;
    const code = naturalEarthCode(f);
    if (regionByCode(code)?.countryIso2 !== countryIso2) {
      throw new Error(
        `build-regions: Natural Earth ${id} "${name}" (${given}) is no region of ${countryIso2}: add it to NATURAL_EARTH_CODE_FIXES or NATURAL_EARTH_LEFT_OUT`,
      );
    }
    if (coded.some((c) => c.properties.code === code)) throw new Error(`build-regions: two Natural Earth features for ${code}`);
    coded.push({ type: "Feature", properties: propertiesFor(code, countryIso2), geometry: f.geometry });
  }
  if (coded.length === 0) throw new Error(`build-regions: Natural Earth has no feature for ${countryIso2}`);
  return simplifyCutRound(coded, countryIso2);
}

/** Every region file, by country. */
export function buildRegions(us: UsAtlasTopology, naturalEarth: readonly NaturalEarthFeature[]): Map<string, RegionFeatureCollection> {
  const out = new Map<string, RegionFeatureCollection>([["US", buildUsRegions(us)]]);
  for (const country of NATURAL_EARTH_COUNTRIES) out.set(country, buildNaturalEarthRegions(naturalEarth, country));
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** One feature per line, as public/geo/world.json. */
export function serializeRegions(collection: RegionFeatureCollection): string {
  const lines = collection.features.map((f) => JSON.stringify({ type: "Feature", properties: f.properties, geometry: f.geometry }));
  return `{"type":"FeatureCollection","features":[\n${lines.join(",\n")}\n]}\n`;
}

/** The rings of a feature, for checks. */
export function ringsOf(feature: RegionFeature): Position[][] {
  return feature.geometry.type === "Polygon" ? feature.geometry.coordinates : feature.geometry.coordinates.flat();
}
