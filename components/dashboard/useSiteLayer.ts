"use client";

import { useEffect, useMemo, useState } from "react";
import { readAnswer } from "@/components/api/answers";
import type { SiteClusters } from "@/lib/validation/responses";
import { apiUrls } from "@/lib/view/api-urls";
import { type MapBounds, nextSitesRequest, siteLayerGeoJson, type SitesLayerRequest } from "@/lib/view/site-view";

/** Wait this long after the map stops before asking for a new view: a drag or a zoom is several moves. */
export const SITES_REFETCH_DEBOUNCE_MS = 250;

type Answered = { request: SitesLayerRequest; data: SiteClusters };

/**
 * The sites layer's answer for the map's view: asked for when the layer is on and the view leaves
 * what the last answer covers (lib/view/site-view.ts), a moment after the map stops moving; a newer
 * request aborts the one in flight. Only the current answer is kept (a tab panning all day must not grow).
 */
export type SiteLayer = { features: GeoJSON.FeatureCollection<GeoJSON.Point> | null; loading: boolean; error: string | null };

export function useSiteLayer(enabled: boolean, view: MapBounds | null): SiteLayer {
  const [asked, setAsked] = useState<SitesLayerRequest | null>(null);
  const [answered, setAnswered] = useState<Answered | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The answer's own request while it still serves the view (same object), else the view's.
  const wanted = useMemo(
    () => (enabled && view ? nextSitesRequest(answered ? { request: answered.request, mode: answered.data.mode } : null, view) : null),
    [enabled, view, answered],
  );

  useEffect(() => {
    if (!wanted || wanted === answered?.request || (asked && sameRequest(wanted, asked))) return;
    // The first answer at once; later ones once the map has settled.
    const timer = setTimeout(() => setAsked(wanted), answered ? SITES_REFETCH_DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [wanted, answered, asked]);

  useEffect(() => {
    if (!asked) return;
    const controller = new AbortController();
    // no-cache: revalidated every time, as useJson's answers (an import shows at once).
    fetch(apiUrls.siteClusters(asked.bbox, asked.zoom), { signal: controller.signal, cache: "no-cache" })
      .then((response) => readAnswer(response, "SiteClustersResponse"))
      .then((data) => {
        setAnswered({ request: asked, data });
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [asked]);

  const features = useMemo(() => (answered ? siteLayerGeoJson(answered.data) : null), [answered]);
  if (!enabled) return { features: null, loading: false, error: null };
  const settled = answered !== null && wanted === answered.request;
  return { features, loading: !settled && error === null, error };
}

const sameRequest = (a: SitesLayerRequest, b: SitesLayerRequest) =>
  a.zoom === b.zoom && a.bbox.west === b.bbox.west && a.bbox.south === b.bbox.south && a.bbox.east === b.bbox.east && a.bbox.north === b.bbox.north;
