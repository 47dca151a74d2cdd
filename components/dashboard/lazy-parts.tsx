"use client";

import dynamic from "next/dynamic";
import type { SiteLayer } from "./useSiteLayer";

// The dashboard's parts that are not on its first screen, each loaded when first shown (they stay
// out of the first load).

export const ScenarioPanel = dynamic(() => import("./ScenarioPanel").then((m) => m.ScenarioPanel), {
  ssr: false,
  loading: () => (
    <section className="panel scenario-panel" aria-busy="true">
      <p className="muted">Loading the simulator…</p>
    </section>
  ),
});

export const RiskPanel = dynamic(() => import("@/components/risk/RiskPanel").then((m) => m.RiskPanel), {
  ssr: false,
  loading: () => (
    <section className="panel" aria-busy="true">
      <p className="muted">Loading the risk view…</p>
    </section>
  ),
});

export const SiteLayerSource = dynamic(() => import("./SiteLayerSource").then((m) => m.SiteLayerSource), { ssr: false });
export const SITES_OFF: SiteLayer = { features: null, loading: false, error: null };
export const SITES_LOADING: SiteLayer = { features: null, loading: true, error: null };

export const CountryPanel = dynamic(() => import("./CountryPanel").then((m) => m.CountryPanel), {
  ssr: false,
  loading: () => (
    <aside className="panel country-panel" aria-busy="true">
      <p className="muted">Loading…</p>
    </aside>
  ),
});
