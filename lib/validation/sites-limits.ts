// The limits and defaults of the sites requests, named once. No imports, so that the response schemas
// (which the browser loads) can state them too.

/** Sites in one page of GET /api/sites when the request gives no limit, and the most it may ask for. */
export const SITES_PAGE_DEFAULT = 500;
export const SITES_PAGE_MAX = 2_000;
/** Sites the country panel's answer lists (by name); it gives the total, and the API lists the rest page by page. */
export const COUNTRY_SITES_SHOWN = 100;
/** The most sites an answer of GET /api/sites/clusters lists one by one; a view holding more gets clusters. */
export const MAP_SITES_LIMIT = 500;
/** The highest map zoom a clusters request may name (web maps stop around 22). */
export const MAX_MAP_ZOOM = 22;
/** A cursor is short (a country code, a site name of at most a few hundred characters, an id); anything longer is not one of ours. */
export const MAX_CURSOR_CHARS = 4_096;
