"use client";

import { useEffect } from "react";
import type { MapBounds } from "@/lib/view/site-view";
import { type SiteLayer, useSiteLayer } from "./useSiteLayer";

/**
 * The sites layer's data, as a component that renders nothing: the dashboard loads it (and the
 * view logic of lib/view/site-view.ts) only when the sites layer is on, which keeps it out of the
 * first load, and hears its answers through `onChange`.
 */
export function SiteLayerSource({ view, onChange }: { view: MapBounds | null; onChange: (layer: SiteLayer | null) => void }) {
  const layer = useSiteLayer(true, view);
  useEffect(() => onChange(layer), [layer.features, layer.loading, layer.error]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => () => onChange(null), [onChange]);
  return null;
}
