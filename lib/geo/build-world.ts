/**
 * Turns world-atlas's TopoJSON (Natural Earth admin-0 countries) into the
 * planar GeoJSON that maplibre draws as the HashAtlas choropleth.
 *
 * Pure: no file or network access, so the build script and the drift test
 * produce identical bytes from the same input.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from "geojson";
import { geoEquirectangular } from "d3-geo";
// d3-geo-projection and topojson-client publish no type declarations, and the
// few calls below are not worth two @types dev-dependencies; the untyped
// namespaces are narrowed to minimal signatures right after.
// @ts-expect-error -- untyped module, see GeoProject below
import * as d3GeoProjection from "d3-geo-projection";
// @ts-expect-error -- untyped module, see TopojsonClient below
import * as topojsonClient from "topojson-client";
import * as isoCountries from "i18n-iso-countries";
import enLocale from "i18n-iso-countries/langs/en.json";
import worldCountries from "world-countries";

import type { WorldFeatureProperties } from "./world";

export type { WorldFeatureProperties } from "./world";

export type WorldFeature = Feature<Polygon | MultiPolygon, WorldFeatureProperties>;
export type WorldFeatureCollection = FeatureCollection<Polygon | MultiPolygon, WorldFeatureProperties>;

/** The subset of the TopoJSON spec that world-atlas's countries files use. */
export interface TopoPolygon {
  type: "Polygon";
  arcs: number[][];
  id?: string;
  properties?: { name?: string };
}
export interface TopoMultiPolygon {
  type: "MultiPolygon";
  arcs: number[][][];
  id?: string;
  properties?: { name?: string };
}
export type TopoCountryGeometry = TopoPolygon | TopoMultiPolygon;
export interface WorldAtlasTopology {
  type: "Topology";
  arcs: number[][][];
  transform?: { scale: [number, number]; translate: [number, number] };
  objects: {
    countries: { type: "GeometryCollection"; geometries: TopoCountryGeometry[] };
    [name: string]: unknown;
  };
}

interface TopojsonClient {
  feature(topology: WorldAtlasTopology, object: TopoCountryGeometry): Feature<Polygon | MultiPolygon>;
  merge(topology: WorldAtlasTopology, objects: TopoCountryGeometry[]): MultiPolygon;
}
type GeoProject = (object: Geometry, projection: ReturnType<typeof geoEquirectangular>) => Geometry | null;

const topojson = topojsonClient as TopojsonClient;
const geoProject = (d3GeoProjection as { geoProject: GeoProject }).geoProject;

isoCountries.registerLocale(enLocale);

// Names follow lib/geo/countries.ts (CountryRecord.name), so a map tooltip and
// a table never disagree: world-countries' common name ("China", "Iran"),
// falling back to i18n-iso-countries' name, which is often the long official
// one ("People's Republic of China").
const commonNames = new Map(worldCountries.map((c) => [c.cca2, c.name.common]));

/**
 * The world-atlas file the asset is built from. 50m rather than 110m: 110m
 * lacks small countries such as Bahrain and Singapore.
 */
export const WORLD_ATLAS_SOURCE = "world-atlas/countries-50m.json";

/**
 * Decimals kept in output coordinates. 2 decimals move a vertex by at most
 * 0.005° per axis (~0.55 km, about half a pixel at maplibre zoom 6 near the
 * equator) and bring the 50m asset from ~1.68 MB (3 decimals, which would keep
 * world-atlas's ~0.0036° grid exactly) to ~1.48 MB; no ring collapses.
 */
export const DEFAULT_PRECISION = 2;

/**
 * Natural Earth features that world-atlas ships without an ISO numeric id,
 * keyed by their world-atlas `name`. Every one must be listed (an unknown one
 * fails the build) so that a world-atlas upgrade cannot silently leave a hole.
 *
 * - Kosovo → XK, the user-assigned code in wide use (EU, IMF, World Bank) that
 *   i18n-iso-countries also knows; its iso3/numeric are that library's
 *   XKK/983, not the World Bank's XKX.
 * - N. Cyprus → CY and Somaliland → SO: no ISO code of their own and no
 *   separately reported data; merging dissolves the border, so the map shows
 *   neither a hole nor an uncoded island.
 * - Siachen Glacier (50m only) → IN: disputed, largely held by India; merged
 *   so Kashmir shows no hole.
 * - Indian Ocean Ter. (50m only) is Christmas Island plus the Cocos (Keeling)
 *   Islands, both of which have their own ISO codes; each polygon is coded by
 *   its longitude (Christmas ≈105.6°E, Cocos ≈96.8°E).
 */
export const UNCODED_FEATURE_RULES: Readonly<Record<string, string | ((lon: number) => string)>> = {
  Kosovo: "XK",
  "N. Cyprus": "CY",
  Somaliland: "SO",
  "Siachen Glacier": "IN",
  "Indian Ocean Ter.": (lon) => (lon > 100 ? "CX" : "CC"),
};

export interface BuildWorldOptions {
  /** Decimal places kept in output coordinates. */
  precision?: number;
}

/**
 * Build the choropleth FeatureCollection, sorted by iso2, one feature per
 * code. Source features that share a code (the rules above, and Australia
 * with Ashmore and Cartier Is., both numbered 036) are combined with
 * topojson's merge, which dissolves the arcs they share.
 */
export function buildWorld(topology: WorldAtlasTopology, options: BuildWorldOptions = {}): WorldFeatureCollection {
  const precision = options.precision ?? DEFAULT_PRECISION;
  const groups = groupByIso2(topology);
  const features: WorldFeature[] = [];
  for (const [iso2, parts] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const spherical = parts.length === 1 && parts[0] ? topojson.feature(topology, parts[0]).geometry : topojson.merge(topology, parts);
    const geometry = cleanPlanar(cutAtAntimeridian(spherical), precision);
    if (!geometry) throw new Error(`build-world: ${iso2} has no area left after cutting and rounding`);
    features.push({ type: "Feature", properties: propertiesFor(iso2), geometry });
  }
  return { type: "FeatureCollection", features };
}

/**
 * One feature per line keeps `git diff` on the committed asset readable while
 * costing only a newline per feature.
 */
export function serializeWorld(collection: WorldFeatureCollection): string {
  const lines = collection.features.map((f) => JSON.stringify({ type: "Feature", properties: f.properties, geometry: f.geometry }));
  return `{"type":"FeatureCollection","features":[\n${lines.join(",\n")}\n]}\n`;
}

function groupByIso2(topology: WorldAtlasTopology): Map<string, TopoCountryGeometry[]> {
  const groups = new Map<string, TopoCountryGeometry[]>();
  const add = (iso2: string, geometry: TopoCountryGeometry) => {
    const list = groups.get(iso2);
    if (list) list.push(geometry);
    else groups.set(iso2, [geometry]);
  };
  for (const geometry of topology.objects.countries.geometries) {
    if (geometry.id !== undefined) {
      const iso2 = isoCountries.numericToAlpha2(geometry.id);
      if (!iso2) throw new Error(`build-world: unknown ISO numeric id ${geometry.id} (${geometry.properties?.name})`);
      add(iso2, geometry);
      continue;
    }
    const name = geometry.properties?.name ?? "";
    const rule = UNCODED_FEATURE_RULES[name];
    if (rule === undefined) throw new Error(`build-world: feature "${name}" has no ISO id and no rule in UNCODED_FEATURE_RULES`);
    if (typeof rule === "string") {
      add(rule, geometry);
      continue;
    }
    for (const polygon of splitPolygons(geometry)) {
      const feature = topojson.feature(topology, polygon);
      const first = feature.geometry.type === "Polygon" ? feature.geometry.coordinates[0]?.[0] : undefined;
      if (!first || first[0] === undefined) throw new Error(`build-world: empty polygon in "${name}"`);
      add(rule(first[0]), polygon);
    }
  }
  return groups;
}

function splitPolygons(geometry: TopoCountryGeometry): TopoPolygon[] {
  return geometry.type === "Polygon" ? [geometry] : geometry.arcs.map((arcs) => ({ type: "Polygon", arcs }));
}

function propertiesFor(iso2: string): WorldFeatureProperties {
  const iso3 = isoCountries.alpha2ToAlpha3(iso2);
  const isoNumeric = isoCountries.alpha2ToNumeric(iso2);
  const name = commonNames.get(iso2) ?? isoCountries.getName(iso2, "en");
  if (!iso3 || !isoNumeric || !name) throw new Error(`build-world: i18n-iso-countries lacks data for ${iso2}`);
  return { iso2, iso3, isoNumeric, name };
}

/**
 * world-atlas rings are stitched across ±180° for d3's spherical model; drawn
 * planar (as maplibre does) they would streak across the whole map. Streaming
 * them through an equirectangular projection in degree units applies d3's
 * antimeridian clipping, and precision(0) turns off adaptive resampling so no
 * great-circle vertices are invented along ordinary edges.
 */
export function cutAtAntimeridian(geometry: Polygon | MultiPolygon): Position[][][] {
  const projection = geoEquirectangular()
    .scale(180 / Math.PI)
    .translate([0, 0])
    .precision(0);
  const projected = geoProject(geometry, projection);
  if (!projected) return [];
  if (projected.type === "Polygon") return [projected.coordinates];
  if (projected.type === "MultiPolygon") return projected.coordinates;
  throw new Error(`build-world: unexpected ${projected.type} from geoProject`);
}

/**
 * Flips y back to latitude (projection y grows downward), rounds, drops
 * vertices that rounding made repeat, drops rings that collapsed, and winds
 * rings per RFC 7946 (outer counter-clockwise) so any consumer classifies
 * outer rings and holes the same way.
 */
export function cleanPlanar(polygons: Position[][][], precision: number): Polygon | MultiPolygon | null {
  const factor = 10 ** precision;
  const round = (v: number) => {
    const r = Math.round(v * factor) / factor;
    return r === 0 ? 0 : r; // no "-0" ambiguity in comparisons
  };
  const out: Position[][][] = [];
  for (const polygon of polygons) {
    const rings: Position[][] = [];
    for (const [index, ring] of polygon.entries()) {
      const cleaned = cleanRing(ring, round);
      if (!cleaned) {
        if (index === 0) break; // outer ring gone: its holes are meaningless
        continue;
      }
      const ccw = signedArea(cleaned) > 0;
      if (ccw !== (index === 0)) cleaned.reverse();
      rings.push(cleaned);
    }
    if (rings.length > 0) out.push(rings);
  }
  if (out.length === 0) return null;
  const [only] = out;
  return out.length === 1 && only ? { type: "Polygon", coordinates: only } : { type: "MultiPolygon", coordinates: out };
}

function cleanRing(ring: Position[], round: (v: number) => number): Position[] | null {
  // Rounding coarser than the source grid can make a vertex repeat its
  // neighbour (A,A) or fold back onto the one before it (A,B,A: a zero-width
  // spike); both are dropped, walking the ring as a cycle.
  const same = (a: Position | undefined, b: Position | undefined) => !!a && !!b && a[0] === b[0] && a[1] === b[1];
  const open: Position[] = [];
  for (const [x, y] of ring) {
    if (x === undefined || y === undefined) continue;
    const next: Position = [round(x), round(-y)];
    if (same(open[open.length - 1], next)) continue;
    if (same(open[open.length - 2], next)) {
      open.pop();
      continue;
    }
    open.push(next);
  }
  while (open.length >= 3) {
    if (same(open[0], open[open.length - 1]) || same(open[open.length - 2], open[0])) open.pop();
    else if (same(open[open.length - 1], open[1])) open.shift();
    else break;
  }
  const first = open[0];
  if (open.length < 3 || !first) return null;
  const closed = [...open, first.slice(0, 2)];
  return signedArea(closed) === 0 ? null : closed;
}

/** Shoelace area in degree² (positive = counter-clockwise with y = latitude). */
export function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[j] ?? [];
    const [bx, by] = ring[i] ?? [];
    if (ax === undefined || ay === undefined || bx === undefined || by === undefined) continue;
    sum += (ax - bx) * (ay + by);
  }
  return sum / 2;
}
