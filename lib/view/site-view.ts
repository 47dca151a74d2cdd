import type { Bbox } from "../geo/site-grid";
import type { SiteClusters } from "../validation/responses";
import { sitesGeoJson } from "./map-layers";

// The sites layer asks for what the map shows (GET /api/sites/clusters): the view padded by half its
// size each way and snapped outward to a coarse grid (small pans reuse the answer, and the server's
// cache sees the same boxes again), and asks again only when the view leaves what it has.

/** What the map reports after each move: its visible box and its zoom. */
export type MapBounds = Bbox & { zoom: number };

/** A request of the sites layer: a box and a whole zoom. */
export type SitesLayerRequest = { bbox: Bbox; zoom: number };

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/**
 * The box and zoom to ask for: the view plus half its width and height on each side, snapped outward
 * to cells of 360 / 2^(zoom + 1) degrees (256 px on the map), within the world.
 */
export function sitesRequestFor(view: MapBounds): SitesLayerRequest {
  const zoom = Math.max(0, Math.floor(view.zoom));
  const step = 360 / 2 ** (zoom + 1);
  const width = view.east - view.west;
  const height = view.north - view.south;
  const snapDown = (v: number) => Math.floor(v / step) * step;
  const snapUp = (v: number) => Math.ceil(v / step) * step;
  const west = clamp(snapDown(view.west - width / 2), -180, 180);
  const east = clamp(snapUp(view.east + width / 2), -180, 180);
  const south = clamp(snapDown(view.south - height / 2), -90, 90);
  const north = clamp(snapUp(view.north + height / 2), -90, 90);
  return { bbox: { west, south, east, north }, zoom };
}

/** Does `outer` hold all of the visible part of `view` (the map never shows beyond ±180°)? */
function holds(outer: Bbox, view: MapBounds): boolean {
  const west = clamp(view.west, -180, 180);
  const east = clamp(view.east, -180, 180);
  return outer.west <= west && outer.east >= east && outer.south <= clamp(view.south, -90, 90) && outer.north >= clamp(view.north, -90, 90);
}

/**
 * The request for a view, or `current` when its answer still serves: an answer that lists every site
 * of its box serves any view inside the box at any zoom (the map clusters them itself); an answer of
 * clusters only at the zoom it was made for.
 */
export function nextSitesRequest(current: { request: SitesLayerRequest; mode: SiteClusters["mode"] } | null, view: MapBounds): SitesLayerRequest {
  if (current && holds(current.request.bbox, view) && (current.mode === "sites" || current.request.zoom === Math.max(0, Math.floor(view.zoom)))) {
    return current.request;
  }
  return sitesRequestFor(view);
}

/**
 * An answer as the map's points: each site (what its popup shows, and `sites: 1`), or each cluster at
 * its centroid with its count, capacity and cell (`kind: "cell"`, drawn as a cluster; a click zooms to
 * the cell). The map's own clustering sums `sites`, so its clusters count sites either way.
 */
export function siteLayerGeoJson(answer: SiteClusters): GeoJSON.FeatureCollection<GeoJSON.Point> {
  if (answer.mode === "sites") return sitesGeoJson(answer.sites);
  return {
    type: "FeatureCollection",
    features: answer.clusters.map((c) => ({
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [c.lon, c.lat] },
      properties: { kind: "cell", sites: c.sites, capacityMw: c.capacityMw, west: c.cell.west, south: c.cell.south, east: c.cell.east, north: c.cell.north },
    })),
  };
}
