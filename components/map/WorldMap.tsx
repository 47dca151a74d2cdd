"use client";

import "maplibre-gl/dist/maplibre-gl.css";
import type { Map as MaplibreMap, MapLayerMouseEvent } from "maplibre-gl";
import { useEffect, useRef, useState } from "react";
import { baseStyle, COUNTRY_SOURCE, countryLayers, type MapTheme, WORLD_GEOJSON_URL } from "./layers";

/** A map-ready value: the share (0–1) that colours a country and the tooltip text, already formatted. */
export type MapValue = { iso2: string; value: number; tooltip: string };

declare global {
  interface Window {
    /** The live maplibre instance, for tests and for debugging in the console. */
    __hashatlasMap?: MaplibreMap;
  }
}

function systemTheme(): MapTheme {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/**
 * The world choropleth. It does no arithmetic: it receives one value per country and paints it
 * through feature state on a single GeoJSON source keyed by ISO alpha-2. maplibre is loaded
 * lazily so that it stays out of the page's first-load JavaScript.
 */
export function WorldMap({ values, label, noDataTooltip }: { values: MapValue[]; label: string; noDataTooltip: string }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState(false);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [tooltip, setTooltip] = useState<{ x: number; y: number; text: string } | null>(null);
  const valuesRef = useRef(values);
  valuesRef.current = values;

  useEffect(() => {
    let cancelled = false;
    let map: MaplibreMap | undefined;
    let hovered: string | null = null;
    (async () => {
      const maplibregl = await import("maplibre-gl");
      if (cancelled || !containerRef.current) return;
      // Bundled by Next the worker cannot start; it is served as a static file instead.
      maplibregl.setWorkerUrl("/vendor/maplibre-gl-worker.mjs");
      const theme = systemTheme();
      map = new maplibregl.Map({
        container: containerRef.current,
        style: baseStyle(theme),
        // Inhabited latitudes fill the frame whatever its shape.
        bounds: [
          [-168, -56],
          [180, 78],
        ],
        minZoom: 0.5,
        maxZoom: 8,
        renderWorldCopies: false,
        dragRotate: false,
        attributionControl: { compact: true, customAttribution: "Boundaries: Natural Earth (public domain) via world-atlas" },
        // Keeps the drawn frame readable, for "download the map as PNG" and for pixel checks in tests.
        canvasContextAttributes: { preserveDrawingBuffer: true },
      });
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
      window.__hashatlasMap = map;
      map.on("error", (e) => setFailed(e.error?.message ?? "map error"));
      map.on("load", () => {
        if (!map) return;
        map.addSource(COUNTRY_SOURCE, { type: "geojson", data: WORLD_GEOJSON_URL, promoteId: "iso2" });
        for (const layer of countryLayers(theme)) map.addLayer(layer);
        map.on("mousemove", "country-fill", (e: MapLayerMouseEvent) => {
          const feature = e.features?.[0];
          const iso2 = typeof feature?.properties?.iso2 === "string" ? feature.properties.iso2 : null;
          const name = typeof feature?.properties?.name === "string" ? feature.properties.name : "";
          if (!map || !iso2) return;
          if (hovered && hovered !== iso2) map.setFeatureState({ source: COUNTRY_SOURCE, id: hovered }, { hover: false });
          hovered = iso2;
          map.setFeatureState({ source: COUNTRY_SOURCE, id: iso2 }, { hover: true });
          map.getCanvas().style.cursor = "pointer";
          const value = valuesRef.current.find((v) => v.iso2 === iso2);
          setTooltip({ x: e.point.x, y: e.point.y, text: `${name}: ${value ? value.tooltip : noDataTooltip}` });
        });
        map.on("mouseleave", "country-fill", () => {
          if (map && hovered) map.setFeatureState({ source: COUNTRY_SOURCE, id: hovered }, { hover: false });
          hovered = null;
          if (map) map.getCanvas().style.cursor = "";
          setTooltip(null);
        });
        setLoaded(true);
      });
    })().catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      map?.remove();
      if (window.__hashatlasMap === map) window.__hashatlasMap = undefined;
    };
  }, [noDataTooltip]);

  // Recolour through feature state; the GeoJSON source is never rebuilt.
  useEffect(() => {
    const map = window.__hashatlasMap;
    if (!loaded || !map) return;
    setReady(false);
    const present = new Set(values.map((v) => v.iso2));
    for (const feature of map.querySourceFeatures(COUNTRY_SOURCE)) {
      const iso2 = feature.properties?.iso2;
      if (typeof iso2 === "string" && !present.has(iso2)) map.removeFeatureState({ source: COUNTRY_SOURCE, id: iso2 }, "value");
    }
    for (const v of values) map.setFeatureState({ source: COUNTRY_SOURCE, id: v.iso2 }, { value: v.value });
    const markReady = () => {
      // Idle also fires before the GeoJSON has arrived; ready means the countries are drawn.
      if (map.isSourceLoaded(COUNTRY_SOURCE) && map.queryRenderedFeatures({ layers: ["country-fill"] }).length > 0) setReady(true);
      else map.once("idle", markReady);
    };
    map.once("idle", markReady);
    map.triggerRepaint();
  }, [loaded, values]);

  return (
    <div className="map-frame">
      <div
        ref={containerRef}
        className="map-canvas"
        data-testid="world-map"
        data-ready={ready ? "true" : "false"}
        role="img"
        aria-label={label}
      />
      {!ready && !failed && <p className="map-status">Loading map…</p>}
      {failed && (
        <p className="map-status" role="alert">
          The map could not be drawn: {failed}
        </p>
      )}
      {tooltip && (
        <div className="map-tooltip" role="tooltip" data-testid="map-tooltip" style={{ left: tooltip.x, top: tooltip.y }}>
          {tooltip.text}
        </div>
      )}
    </div>
  );
}
