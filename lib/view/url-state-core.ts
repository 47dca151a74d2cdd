import { DEFAULT_EFFICIENCY_J_PER_TH, DEFAULT_HORIZON_DAYS, DEFAULT_SHARES_DATASET } from "../scenario/limits";
import { DEFAULT_NETWORK_BASIS, type NetworkBasis } from "../metrics/distribution";
import { type ScenarioSettings, scenarioParams, VIEW_PARAMS } from "../scenario/scenario";
import { formatRiskEvents, RISK_PARAMS } from "../risk/link";
import type { RiskEvent } from "../risk/schema";

// The dashboard state and its query-string form, without zod, so the browser's first load stays
// small. Parsing untrusted query strings (with zod) lives in url-state.ts; the scenario's part of
// the link (its names and text forms) is lib/scenario's.

/** "risk" is the jurisdiction-risk view: the map coloured by each country's expected loss, beside the events' table. */
export const LAYERS = ["share", "price", "cost", "sites", "risk"] as const;
export type Layer = (typeof LAYERS)[number];

export const DEFAULTS = {
  dataset: DEFAULT_SHARES_DATASET,
  network: DEFAULT_NETWORK_BASIS,
  layer: "share" as Layer,
  efficiency: DEFAULT_EFFICIENCY_J_PER_TH,
  btcPrice: 100_000,
  horizonDays: DEFAULT_HORIZON_DAYS,
};

export type { ScenarioItem } from "../scenario/scenario";

export type MapView = { lng: number; lat: number; zoom: number };

export type DashboardState = ScenarioSettings & {
  dataset: string;
  /** null: the dataset's latest period */
  period: string | null;
  /** Which network hashrate the shares are applied to: their own month's or the newest month's. */
  network: NetworkBasis;
  layer: Layer;
  country: string | null;
  view: MapView | null;
  btcPrice: number;
  /** The scenario panel is open (also when nothing is picked yet). */
  simulate: boolean;
  /** Risk events whose probability the user set, in place of the defaults (the risk view). */
  riskEvents: RiskEvent[];
};

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** The query string for a state; defaults are left out so links stay short. */
export function serializeDashboardState(state: DashboardState): string {
  const params = new URLSearchParams();
  if (state.dataset !== DEFAULTS.dataset) params.set("dataset", state.dataset);
  if (state.period) params.set("period", state.period);
  if (state.network !== DEFAULTS.network) params.set("network", state.network);
  if (state.layer !== DEFAULTS.layer) params.set(VIEW_PARAMS.layer, state.layer);
  if (state.country) params.set(VIEW_PARAMS.country, state.country);
  if (state.view) params.set(VIEW_PARAMS.view, [round(state.view.lng, 3), round(state.view.lat, 3), round(state.view.zoom, 2)].join(","));
  if (state.btcPrice !== DEFAULTS.btcPrice) params.set(VIEW_PARAMS.btcPrice, String(state.btcPrice));
  for (const [key, value] of scenarioParams(state)) params.set(key, value);
  if (state.shutdown.length === 0 && state.simulate) params.set(VIEW_PARAMS.simulate, "1");
  if (state.riskEvents.length > 0) params.set(RISK_PARAMS.events, formatRiskEvents(state.riskEvents));
  const text = params.toString();
  return text ? `?${text}` : "";
}
