"use client";

import "maplibre-gl/dist/maplibre-gl.css";
import type { GeoJSONSource, Map as MaplibreMap, MapLayerMouseEvent, Popup } from "maplibre-gl";
import { useEffect, useRef, useState } from "react";
import { currentColorScheme, useColorScheme } from "@/components/hooks/useColorScheme";
import type { MapValue } from "@/lib/view/map-layers";
import { colorFor, type Scale } from "@/lib/colors/scale";
import type { MapView } from "@/lib/view/url-state-core";
import type { MapBounds } from "@/lib/view/site-view";
import { COUNTRY_SOURCE, HATCH_IMAGE, SITE_SOURCE, WORLD_GEOJSON_URL } from "./sources";
import { boundsOf, cellOf, stringProp } from "./features";
import { sitePopupContent } from "./popup";

declare global {
  interface Window {
    /** The live maplibre instance, for tests and for debugging in the console. */
    __hashatlasMap?: MaplibreMap;
  }
}

export type WorldMapProps = {
  values: MapValue[];
  /** The colour scale of the values (colorFor paints them, as the legend does). */
  scale: Scale | null;
  label: string;
  noDataTooltip: string;
  sites: GeoJSON.FeatureCollection<GeoJSON.Point> | null;
  selected: string | null;
  /** Countries shut down in the current scenario: hatched. */
  shutdown?: readonly string[];
  initialView: MapView | null;
  /** The data for the map is still loading: not ready, whatever is drawn. */
  busy?: boolean;
  onViewChange?: (view: MapView) => void;
  /** What the map shows, when it has loaded and after every move: the sites layer asks for it. */
  onBoundsChange?: (bounds: MapBounds) => void;
  onCountryClick?: (iso2: string, modifiers: { shiftKey: boolean }) => void;
};

const WORLD_BOUNDS: [[number, number], [number, number]] = [
  [-168, -56],
  [180, 78],
];

/**
 * The world map. It does no arithmetic: it stores each value it is given, and its colour on the
 * scale (colorFor, shared with the legend), in feature state on one GeoJSON source keyed by ISO
 * alpha-2, and shows the sites it is given. maplibre and the layers' specs are imported lazily, so
 * they stay out of the page's first-load JavaScript.
 */
export function WorldMap(props: WorldMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MaplibreMap | null>(null);
  // The layers' specs and palette (layers.ts), loaded with maplibre: set before the map is.
  const layersRef = useRef<typeof import("./layers") | null>(null);
  // The map's event handlers read the latest props through this ref, set after each commit.
  const propsRef = useRef(props);
  useEffect(() => {
    propsRef.current = props;
  });
  const [loaded, setLoaded] = useState(false);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  // Follow the system's colour scheme, map included.
  const theme = useColorScheme();
  const [tooltip, setTooltip] = useState<{ x: number; y: number; text: string } | null>(null);
  const pendingIdle = useRef(false);
  const painted = useRef<Set<string>>(new Set());

  /** data-ready turns false now and true at the first idle after what was just set is drawn. */
  const awaitDrawn = () => {
    const map = mapRef.current;
    if (!map) return;
    setReady(false);
    if (pendingIdle.current) return;
    pendingIdle.current = true;
    const check = () => {
      const countriesDrawn = map.isSourceLoaded(COUNTRY_SOURCE) && map.queryRenderedFeatures({ layers: ["country-fill"] }).length > 0;
      const sitesDrawn = !map.getSource(SITE_SOURCE) || map.isSourceLoaded(SITE_SOURCE);
      if (countriesDrawn && sitesDrawn) {
        pendingIdle.current = false;
        setReady(true);
      } else map.once("idle", check);
    };
    map.once("idle", check);
    map.triggerRepaint();
  };

  useEffect(() => {
    // An object, not a boolean: the cleanup flips it while the async set-up below is awaiting.
    const life = { cancelled: false };
    let map: MaplibreMap | undefined;
    let popup: Popup | undefined;
    let hovered: string | null = null;
    (async () => {
      const [maplibregl, layers] = await Promise.all([import("maplibre-gl"), import("./layers")]);
      if (life.cancelled || !containerRef.current) return;
      layersRef.current = layers;
      const { baseStyle, countryLayers, hatchImage, siteLayers } = layers;
      // Bundled by Next the worker cannot start; it is served as a static file instead.
      maplibregl.setWorkerUrl("/vendor/maplibre-gl-worker.mjs");
      // Read now, not from the render: the first (hydrating) render always says "light".
      const startTheme = currentColorScheme();
      const view = propsRef.current.initialView;
      map = new maplibregl.Map({
        container: containerRef.current,
        style: baseStyle(startTheme),
        ...(view ? { center: [view.lng, view.lat] as [number, number], zoom: view.zoom } : { bounds: WORLD_BOUNDS }),
        minZoom: 0,
        maxZoom: 10,
        renderWorldCopies: false,
        dragRotate: false,
        // Shift-click adds a country to a shutdown scenario, so shift-drag box zoom is off.
        boxZoom: false,
        pitchWithRotate: false,
        attributionControl: { compact: true, customAttribution: "Boundaries: Natural Earth (public domain) via world-atlas" },
        // Keeps the drawn frame readable: "download the map as PNG", and pixel checks in tests.
        canvasContextAttributes: { preserveDrawingBuffer: true },
      });
      mapRef.current = map;
      window.__hashatlasMap = map;
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
      // maplibre types the error as always present; a failed tile or worker can leave it out.
      map.on("error", (e: { error?: { message: string } }) => setFailed(e.error?.message ?? "map error"));
      map.on("load", () => {
        if (!map) return;
        map.addImage(HATCH_IMAGE, hatchImage(startTheme));
        map.addSource(COUNTRY_SOURCE, { type: "geojson", data: WORLD_GEOJSON_URL, promoteId: "iso2" });
        for (const layer of countryLayers(startTheme)) map.addLayer(layer);
        // The map clusters what it is given, summing `sites`: 1 per site, the count of a server cluster (lib/view/site-view.ts).
        map.addSource(SITE_SOURCE, {
          type: "geojson",
          data: { type: "FeatureCollection", features: [] },
          cluster: true,
          clusterRadius: 30,
          clusterMaxZoom: 6,
          clusterProperties: { sites: ["+", ["get", "sites"]] },
        });
        for (const layer of siteLayers(startTheme)) map.addLayer(layer);

        map.on("mousemove", "country-fill", (e: MapLayerMouseEvent) => {
          const feature = e.features?.[0];
          const iso2 = stringProp(feature, "iso2");
          if (!map || !iso2) return;
          if (hovered && hovered !== iso2) map.setFeatureState({ source: COUNTRY_SOURCE, id: hovered }, { hover: false });
          hovered = iso2;
          map.setFeatureState({ source: COUNTRY_SOURCE, id: iso2 }, { hover: true });
          map.getCanvas().style.cursor = "pointer";
          const value = propsRef.current.values.find((v) => v.iso2 === iso2);
          setTooltip({ x: e.point.x, y: e.point.y, text: `${stringProp(feature, "name") ?? iso2}: ${value ? value.tooltip : propsRef.current.noDataTooltip}` });
        });
        map.on("mouseleave", "country-fill", () => {
          if (map && hovered) map.setFeatureState({ source: COUNTRY_SOURCE, id: hovered }, { hover: false });
          hovered = null;
          if (map) map.getCanvas().style.cursor = "";
          setTooltip(null);
        });
        map.on("click", (e) => {
          if (!map) return;
          const site = map.queryRenderedFeatures(e.point, { layers: ["site-points", "site-clusters"] })[0];
          if (site?.layer.id === "site-clusters") {
            const clusterId: unknown = site.properties.cluster_id;
            const geometry = site.geometry;
            // A server's cluster: zoom to its cell, where it splits into finer ones (or into its sites).
            const cell = cellOf(site);
            if (typeof clusterId !== "number" && cell) {
              map.fitBounds(cell, { padding: 40, maxZoom: map.getMaxZoom() });
              return;
            }
            if (typeof clusterId === "number" && geometry.type === "Point") {
              void map
                .getSource<GeoJSONSource>(SITE_SOURCE)
                ?.getClusterExpansionZoom(clusterId)
                .then((zoom) => {
                  map?.easeTo({ center: [geometry.coordinates[0] ?? 0, geometry.coordinates[1] ?? 0], zoom });
                });
            }
            return;
          }
          if (site && site.geometry.type === "Point") {
            popup?.remove();
            popup = new maplibregl.Popup({ closeButton: true, maxWidth: "300px", className: "site-popup" })
              .setLngLat([site.geometry.coordinates[0] ?? 0, site.geometry.coordinates[1] ?? 0])
              .setDOMContent(sitePopupContent(site.properties))
              .addTo(map);
            return;
          }
          const country = map.queryRenderedFeatures(e.point, { layers: ["country-fill"] })[0];
          const iso2 = stringProp(country, "iso2");
          if (iso2) propsRef.current.onCountryClick?.(iso2, { shiftKey: e.originalEvent.shiftKey });
        });
        for (const layer of ["site-points", "site-clusters"]) {
          map.on("mouseenter", layer, () => map && (map.getCanvas().style.cursor = "pointer"));
          map.on("mouseleave", layer, () => map && (map.getCanvas().style.cursor = ""));
        }
        map.on("moveend", () => {
          if (!map) return;
          const c = map.getCenter();
          propsRef.current.onViewChange?.({ lng: c.lng, lat: c.lat, zoom: map.getZoom() });
          propsRef.current.onBoundsChange?.(boundsOf(map));
        });
        propsRef.current.onBoundsChange?.(boundsOf(map));
        setLoaded(true);
      });
    })().catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      life.cancelled = true;
      popup?.remove();
      map?.remove();
      mapRef.current = null;
      if (window.__hashatlasMap === map) window.__hashatlasMap = undefined;
    };
  }, []);

  // Recolour through feature state: each country's value and its colour on the scale.
  const { values, scale, sites, selected } = props;
  useEffect(() => {
    const map = mapRef.current;
    const layers = layersRef.current;
    if (!loaded || !map || !layers) return;
    const palette = layers.PALETTE[theme];
    map.setPaintProperty("background", "background-color", palette.background);
    map.setPaintProperty("country-fill", "fill-color", layers.fillColor(theme));
    map.setPaintProperty("country-border", "line-color", palette.border);
    map.setPaintProperty("country-hover", "line-color", palette.hover);
    map.setPaintProperty("country-selected", "line-color", palette.selected);
    const next = new Set(values.map((v) => v.iso2));
    for (const iso2 of painted.current) {
      if (next.has(iso2)) continue;
      map.removeFeatureState({ source: COUNTRY_SOURCE, id: iso2 }, "value");
      map.removeFeatureState({ source: COUNTRY_SOURCE, id: iso2 }, "color");
    }
    for (const v of values)
      map.setFeatureState({ source: COUNTRY_SOURCE, id: v.iso2 }, { value: v.value, color: scale ? colorFor(scale, v.value, theme) : null });
    painted.current = next;
    awaitDrawn();
  }, [loaded, values, scale, theme]);

  useEffect(() => {
    const map = mapRef.current;
    if (!loaded || !map) return;
    void map.getSource<GeoJSONSource>(SITE_SOURCE)?.setData(sites ?? { type: "FeatureCollection", features: [] });
    for (const layer of ["site-points", "site-clusters"]) map.setLayoutProperty(layer, "visibility", sites ? "visible" : "none");
    awaitDrawn();
  }, [loaded, sites]);

  const shutdownKey = (props.shutdown ?? []).join(",");
  useEffect(() => {
    const map = mapRef.current;
    if (!loaded || !map) return;
    map.setFilter("country-shutdown", ["in", ["get", "iso2"], ["literal", shutdownKey ? shutdownKey.split(",") : []]]);
    awaitDrawn();
  }, [loaded, shutdownKey]);

  const previousSelected = useRef<string | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!loaded || !map) return;
    if (previousSelected.current) map.setFeatureState({ source: COUNTRY_SOURCE, id: previousSelected.current }, { selected: false });
    if (selected) map.setFeatureState({ source: COUNTRY_SOURCE, id: selected }, { selected: true });
    previousSelected.current = selected;
  }, [loaded, selected]);

  return (
    <div className="map-frame">
      <div
        ref={containerRef}
        className="map-canvas"
        data-testid="world-map"
        data-ready={ready && !props.busy ? "true" : "false"}
        role="region"
        aria-label={props.label}
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
