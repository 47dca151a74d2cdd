import { describe, expect, it } from "vitest";
import { apiUrls } from "./api-urls";
import { nextSitesRequest, siteLayerGeoJson, sitesRequestFor } from "./site-view";
import type { SiteClusters } from "../validation/responses";

const world = { west: -168, south: -56, east: 180, north: 78, zoom: 1.3 };
const paraguay = { west: -55.5, south: -26, east: -53.7, north: -24.8, zoom: 8.2 };

describe("what the sites layer asks for", () => {
  it("pads the view by half its size each way and snaps it outward to 256-px cells, within the world", () => {
    expect(sitesRequestFor(world)).toEqual({ bbox: { west: -180, south: -90, east: 180, north: 90 }, zoom: 1 });
    const py = sitesRequestFor(paraguay);
    expect(py.zoom).toBe(8);
    const step = 360 / 2 ** 9;
    for (const v of Object.values(py.bbox)) expect(Math.abs(v / step - Math.round(v / step))).toBeLessThan(1e-9);
    expect(py.bbox.west).toBeLessThanOrEqual(-55.5 - 0.9);
    expect(py.bbox.east).toBeGreaterThanOrEqual(-53.7 + 0.9);
    expect(py.bbox.south).toBeLessThanOrEqual(-26 - 0.6);
    expect(py.bbox.north).toBeGreaterThanOrEqual(-24.8 + 0.6);
    // A nudge of the view asks for the same box: the server's cache answers it.
    expect(sitesRequestFor({ ...paraguay, west: paraguay.west + 0.001, east: paraguay.east + 0.001 })).toEqual(py);
    expect(apiUrls.siteClusters(py.bbox, py.zoom)).toMatch(/^\/api\/sites\/clusters\?bbox=-?[\d.]+%2C-?[\d.]+%2C-?[\d.]+%2C-?[\d.]+&zoom=8$/);
  });

  it("keeps an answer that lists every site of its box for any view inside it, at any zoom", () => {
    const request = sitesRequestFor(world);
    const current = { request, mode: "sites" as const };
    expect(nextSitesRequest(current, paraguay)).toBe(request);
    expect(nextSitesRequest(current, { ...world, zoom: 0.5 })).toBe(request);
  });

  it("asks again for a view that leaves the box, or at another zoom when the answer was clusters", () => {
    const request = sitesRequestFor(paraguay);
    expect(nextSitesRequest({ request, mode: "sites" }, { ...paraguay, west: 10, east: 12 })).toEqual(sitesRequestFor({ ...paraguay, west: 10, east: 12 }));
    const clusters = { request, mode: "clusters" as const };
    expect(nextSitesRequest(clusters, { ...paraguay, zoom: 8.9 })).toBe(request);
    expect(nextSitesRequest(clusters, { ...paraguay, zoom: 9.1 })).toEqual(sitesRequestFor({ ...paraguay, zoom: 9.1 }));
    expect(nextSitesRequest(null, paraguay)).toEqual(request);
  });
});

describe("an answer as the map's points", () => {
  const base = { bbox: { west: -180, south: -90, east: 180, north: 90 }, zoom: 1, level: 4, siteLimit: 500 };

  it("draws clusters at their centroid with their count, capacity and cell", () => {
    const answer: SiteClusters = {
      ...base,
      mode: "clusters",
      sites: [],
      clusters: [{ lat: 31, lon: -97.5, sites: 1200, capacityMw: 3400, cell: { west: -112.5, south: 22.5, east: -90, north: 45 } }],
    };
    const fc = siteLayerGeoJson(answer);
    expect(fc.features).toEqual([
      {
        type: "Feature",
        geometry: { type: "Point", coordinates: [-97.5, 31] },
        properties: { kind: "cell", sites: 1200, capacityMw: 3400, west: -112.5, south: 22.5, east: -90, north: 45 },
      },
    ]);
  });

  it("draws sites as sites, each counting one", () => {
    const site = {
      id: 1,
      name: "Yguazu",
      operator: "Op",
      countryIso2: "PY",
      countryName: "Paraguay",
      locality: null,
      lat: -25.45,
      lon: -55,
      capacityMw: null,
      hashrateEh: null,
      energySource: "hydro",
      status: "operating" as const,
      statusNote: null,
      asOf: null,
      certainty: "high",
      sourceUrl: "https://s",
      dataset: "mining-sites",
      regionCode: "PY-10",
      regionMethod: "address" as const,
    };
    const fc = siteLayerGeoJson({ ...base, mode: "sites", sites: [site], clusters: [] });
    expect(fc.features[0]?.properties).toMatchObject({ sites: 1, name: "Yguazu", capacityKnown: false, sourceUrl: "https://s" });
    expect(fc.features[0]?.properties).not.toHaveProperty("kind");
  });
});
