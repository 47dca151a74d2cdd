import type { SiteRegionMethod } from "../validation/vocabulary";
import { regionFromAddress } from "./region-address";
import { regionAtPoint } from "./region-shapes";

export type SiteRegion = { regionCode: string | null; regionMethod: SiteRegionMethod | null };

type SiteLocation = { countryIso2: string; lat: number | null; lon: number | null; locality: string | null };

/**
 * The region of a site: the region polygon of its country that holds its point where the country has
 * polygons (public/geo/regions); else — no coordinates, no polygons for the country, or an approximate point
 * that falls outside every polygon (coast, border) — the region its address names; else none.
 */
export function locateSite(site: SiteLocation, atPoint: typeof regionAtPoint = regionAtPoint): SiteRegion {
  if (site.lat !== null && site.lon !== null) {
    const code = atPoint(site.countryIso2, site.lat, site.lon);
    if (code) return { regionCode: code, regionMethod: "polygon" };
  }
  const fromAddress = regionFromAddress(site.countryIso2, site.locality);
  return fromAddress ? { regionCode: fromAddress, regionMethod: "address" } : { regionCode: null, regionMethod: null };
}
