import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import type { Position } from "geojson";
import * as isoCountries from "i18n-iso-countries";
import { describe, expect, it } from "vitest";
import worldCountries from "world-countries";

import { buildWorld, serializeWorld, WORLD_ATLAS_SOURCE, type WorldAtlasTopology, type WorldFeature } from "./build-world";
import { loadWorldIso2, worldGeoJsonFile, WORLD_GEOJSON_PATH } from "./world";

const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
const topology = JSON.parse(readFileSync(requireFromRoot.resolve(WORLD_ATLAS_SOURCE), "utf8")) as WorldAtlasTopology;
const commonNames = new Map(worldCountries.map((c) => [c.cca2, c.name.common]));
const committedText = readFileSync(worldGeoJsonFile(), "utf8");
const committed = JSON.parse(committedText) as { type: string; features: WorldFeature[] };

function ringsOf(feature: WorldFeature): Position[][] {
  return feature.geometry.type === "Polygon" ? feature.geometry.coordinates : feature.geometry.coordinates.flat();
}

function lonSpan(ring: Position[]): number {
  const lons = ring.map((p) => p[0] ?? Number.NaN);
  return Math.max(...lons) - Math.min(...lons);
}

function byIso2(iso2: string): WorldFeature {
  const feature = committed.features.find((f) => f.properties.iso2 === iso2);
  if (!feature) throw new Error(`${iso2} missing from ${WORLD_GEOJSON_PATH}`);
  return feature;
}

describe(WORLD_GEOJSON_PATH, () => {
  it("is exactly what buildWorld produces from the installed world-atlas", () => {
    const built = serializeWorld(buildWorld(topology)).split("\n");
    const lines = committedText.split("\n");
    const firstDifference = built.findIndex((line, i) => line !== lines[i]);
    expect(
      firstDifference === -1 && built.length === lines.length,
      `stale asset (first difference on line ${firstDifference + 1}): run \`npx tsx scripts/build-geo.ts\``,
    ).toBe(true);
  });

  it("codes every feature with a distinct ISO code that i18n-iso-countries knows", () => {
    const seen = new Set<string>();
    for (const { properties: p, ...rest } of committed.features) {
      expect("id" in rest, `${p.iso2} has an id; maplibre would coerce it, use promoteId`).toBe(false);
      expect(isoCountries.isValid(p.iso2) || p.iso2 === "XK", p.iso2).toBe(true);
      expect(p.iso3).toBe(isoCountries.alpha2ToAlpha3(p.iso2));
      expect(p.isoNumeric).toBe(isoCountries.alpha2ToNumeric(p.iso2));
      expect(p.isoNumeric).toMatch(/^\d{3}$/);
      expect(p.name).toBe(commonNames.get(p.iso2) ?? isoCountries.getName(p.iso2, "en"));
      expect(seen.has(p.iso2), `duplicate ${p.iso2}`).toBe(false);
      seen.add(p.iso2);
    }
  });

  it("includes the countries the hashrate data needs, small ones too", () => {
    const codes = loadWorldIso2();
    expect(codes.size).toBe(committed.features.length);
    const required = ["US", "CN", "RU", "KZ", "MY", "IR", "CA", "DE", "IE", "PY", "AE", "OM", "NO", "SE", "IS", "ET", "BT", "BH", "SG", "FI"];
    expect(required.filter((code) => !codes.has(code))).toEqual([]);
  });

  it("codes the features world-atlas leaves without an ISO id, leaving no hole", () => {
    const codes = loadWorldIso2();
    for (const code of ["XK", "CY", "SO", "IN", "CX", "CC"]) expect(codes.has(code), code).toBe(true);
    expect(byIso2("XK").properties.name).toBe("Kosovo");
    // The dissolved borders leave Cyprus and Somalia as single outlines.
    expect(byIso2("CY").geometry.type).toBe("Polygon");
    expect(byIso2("SO").geometry.type).toBe("Polygon");
  });

  it("has closed, planar rings within longitude/latitude bounds", () => {
    const problems: string[] = [];
    for (const feature of committed.features) {
      const { iso2 } = feature.properties;
      for (const ring of ringsOf(feature)) {
        const first = ring[0];
        const last = ring[ring.length - 1];
        if (ring.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1]) problems.push(`${iso2}: open or degenerate ring`);
        for (const position of ring) {
          const [lon = Number.NaN, lat = Number.NaN] = position;
          if (position.length !== 2 || !(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90)) problems.push(`${iso2}: ${position.join(",")}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("is cut at the antimeridian, so no edge streaks across the map", () => {
    const problems: string[] = [];
    for (const feature of committed.features) {
      const { iso2 } = feature.properties;
      for (const ring of ringsOf(feature)) {
        for (let i = 1; i < ring.length; i++) {
          const jump = Math.abs((ring[i]?.[0] ?? 0) - (ring[i - 1]?.[0] ?? 0));
          if (jump > 90) problems.push(`${iso2}: edge jumps ${jump}° of longitude`);
        }
        // Antarctica alone legitimately wraps the globe, closed along the pole.
        if (iso2 !== "AQ" && lonSpan(ring) > 180) problems.push(`${iso2}: ring spans ${lonSpan(ring)}° of longitude`);
      }
    }
    expect(problems).toEqual([]);
    const antarctica = ringsOf(byIso2("AQ")).filter((ring) => lonSpan(ring) > 180);
    expect(antarctica.length).toBeGreaterThan(0);
    for (const ring of antarctica) expect(ring.some(([, lat]) => lat === -90)).toBe(true);
  });

  it.each(["RU", "FJ"])("splits %s into parts on both sides of ±180°", (iso2) => {
    const rings = ringsOf(byIso2(iso2));
    for (const ring of rings) expect(lonSpan(ring)).toBeLessThanOrEqual(180);
    expect(rings.some((ring) => ring.some(([lon]) => lon === 180))).toBe(true);
    expect(rings.some((ring) => ring.some(([lon]) => lon === -180))).toBe(true);
  });
});

describe("buildWorld", () => {
  it("refuses a feature with neither an ISO id nor a rule, instead of leaving a hole", () => {
    const atlantis: WorldAtlasTopology = {
      type: "Topology",
      arcs: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
      objects: {
        countries: { type: "GeometryCollection", geometries: [{ type: "Polygon", arcs: [[0]], properties: { name: "Atlantis" } }] },
      },
    };
    expect(() => buildWorld(atlantis)).toThrow(/Atlantis/);
  });
});
