import { type Bbox, STORED_LEVELS_MAX, cellBounds, cellRanges, levelFor } from "../geo/site-grid";
import { type CellRecord, countedCells, storedCells } from "../db/site-clusters";
import { countSites, type Site, type SitesFilter, sitesPage } from "../db/sites";
import { MAP_SITES_LIMIT } from "../validation/sites-limits";
import { encodeCursor, type SiteKey } from "../validation/sites-query";
import type { SiteStatus } from "../validation/vocabulary";
import { requireDataset } from "./datasets";

// The mining sites at any size: a page of the listing, and what a map view shows (the sites in it, or
// where it holds more, clusters counted on a grid). Every filter runs in SQL; nothing loads every site.

async function sitesDatasetId(slug: string | undefined): Promise<number | undefined> {
  if (slug === undefined) return undefined;
  const dataset = await requireDataset(slug, "sites", (held) => `dataset "${slug}" holds ${held}, not mining sites`);
  return dataset.id;
}

export type SitesRequest = { country?: string; status?: SiteStatus; dataset?: string; bbox?: Bbox; limit: number; cursor?: SiteKey };
export type SitesPage = { count: number; sites: Site[]; nextCursor: string | null };

/** One page of the sites listing (country, name, id order); nextCursor continues after its last site. */
export async function listSites(query: SitesRequest): Promise<SitesPage> {
  const filter: SitesFilter = { country: query.country, status: query.status, datasetId: await sitesDatasetId(query.dataset), bbox: query.bbox };
  const { sites, more } = await sitesPage(filter, { after: query.cursor, limit: query.limit });
  const last = sites.at(-1);
  return { count: sites.length, sites, nextCursor: more && last ? encodeCursor(last) : null };
}

export type SiteClustersRequest = { bbox: Bbox; zoom: number; dataset?: string };
export type SiteCluster = { lat: number; lon: number; sites: number; capacityMw: number; cell: Bbox };
export type SiteClusters = {
  bbox: Bbox;
  zoom: number;
  level: number;
  mode: "sites" | "clusters";
  siteLimit: number;
  sites: Site[];
  clusters: SiteCluster[];
};

const toCluster = (level: number) => (c: CellRecord) => ({
  lat: c.sumLat / c.sites,
  lon: c.sumLon / c.sites,
  sites: c.sites,
  capacityMw: c.capacityMw,
  cell: cellBounds(c.x, c.y, level),
});

/**
 * What a map at `zoom` showing `bbox` draws: every located site in the box when the cells it touches
 * hold at most MAP_SITES_LIMIT, else those cells with their counts, capacity and centroid. The answer
 * is bounded either way (MAP_SITES_LIMIT sites, or (MAX_GRID_SIDE + 1)² cells); up to the stored levels
 * it costs the cells the view covers, whatever the number of sites.
 */
export async function siteClusters(query: SiteClustersRequest): Promise<SiteClusters> {
  const datasetId = await sitesDatasetId(query.dataset);
  const level = levelFor(query.zoom, query.bbox);
  const countLevel = Math.min(level, STORED_LEVELS_MAX);
  const near = await storedCells(countLevel, cellRanges(query.bbox, countLevel), datasetId);
  const nearSites = near.reduce((n, c) => n + c.sites, 0);
  // Cells coarser than the view's own (a close view) hold far more than the view: count the view itself.
  const manySites =
    nearSites > MAP_SITES_LIMIT && (level === countLevel || (await countSites({ bbox: query.bbox, datasetId }, MAP_SITES_LIMIT + 1)) > MAP_SITES_LIMIT);
  const answer = { bbox: query.bbox, zoom: query.zoom, level, siteLimit: MAP_SITES_LIMIT };
  if (!manySites) {
    const { sites } = await sitesPage({ bbox: query.bbox, datasetId }, { limit: MAP_SITES_LIMIT, fewInBox: true });
    return { ...answer, mode: "sites", sites, clusters: [] };
  }
  const cells = level === countLevel ? near : await countedCells(level, cellRanges(query.bbox, level), datasetId);
  return { ...answer, mode: "clusters", sites: [], clusters: cells.map(toCluster(level)) };
}
