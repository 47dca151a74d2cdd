// The dashboard state and its query-string form, without zod, so the browser's first load stays
// small. Parsing untrusted query strings (with zod) lives in url-state.ts.

export const LAYERS = ["share", "price", "cost", "sites"] as const;
export type Layer = (typeof LAYERS)[number];

export const DEFAULTS = { dataset: "cbeci-monthly", layer: "share" as Layer, efficiency: 28.2, btcPrice: 100_000 };

export type MapView = { lng: number; lat: number; zoom: number };

export type DashboardState = {
  dataset: string;
  /** null: the dataset's latest period */
  period: string | null;
  layer: Layer;
  country: string | null;
  view: MapView | null;
  efficiency: number;
  btcPrice: number;
};

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** The query string for a state; defaults are left out so links stay short. */
export function serializeDashboardState(state: DashboardState): string {
  const params = new URLSearchParams();
  if (state.dataset !== DEFAULTS.dataset) params.set("dataset", state.dataset);
  if (state.period) params.set("period", state.period);
  if (state.layer !== DEFAULTS.layer) params.set("layer", state.layer);
  if (state.country) params.set("country", state.country);
  if (state.view) params.set("view", [round(state.view.lng, 3), round(state.view.lat, 3), round(state.view.zoom, 2)].join(","));
  if (state.efficiency !== DEFAULTS.efficiency) params.set("efficiency", String(state.efficiency));
  if (state.btcPrice !== DEFAULTS.btcPrice) params.set("btc", String(state.btcPrice));
  const text = params.toString();
  return text ? `?${text}` : "";
}
