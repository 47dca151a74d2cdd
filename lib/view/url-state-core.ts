// The dashboard state and its query-string form, without zod, so the browser's first load stays
// small. Parsing untrusted query strings (with zod) lives in url-state.ts.

export const LAYERS = ["share", "price", "cost", "sites"] as const;
export type Layer = (typeof LAYERS)[number];

export const DEFAULTS = { dataset: "cbeci-monthly", layer: "share" as Layer, efficiency: 28.2, btcPrice: 100_000, horizonDays: 180 };

/** "CN,RU:0.3,EAEU" */
export function formatShutdown(items: readonly ScenarioItem[]): string {
  return items.map((i) => (i.fraction === 1 ? i.id : `${i.id}:${Number(i.fraction.toFixed(3))}`)).join(",");
}

/** "0.5,90,30,cheap-power" */
export function formatMigration(m: ScenarioMigration): string {
  return [Number(m.fraction.toFixed(3)), m.days, m.delayDays, m.weighting].join(",");
}

export type MapView = { lng: number; lat: number; zoom: number };

export type ScenarioItem = { id: string; fraction: number };
export type ScenarioMigration = { fraction: number; days: number; delayDays: number; weighting: "proportional" | "cheap-power" };

export type DashboardState = {
  dataset: string;
  /** null: the dataset's latest period */
  period: string | null;
  layer: Layer;
  country: string | null;
  view: MapView | null;
  efficiency: number;
  btcPrice: number;
  /** The shutdown scenario: countries and blocs, each with the fraction that goes dark. */
  shutdown: ScenarioItem[];
  /** The scenario panel is open (also when nothing is picked yet). */
  simulate: boolean;
  blocksIntoEpoch: number;
  migration: ScenarioMigration | null;
  horizonDays: number;
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
  if (state.shutdown.length > 0) params.set("shutdown", formatShutdown(state.shutdown));
  else if (state.simulate) params.set("simulate", "1");
  if (state.blocksIntoEpoch !== 0) params.set("bie", String(state.blocksIntoEpoch));
  if (state.migration) params.set("migrate", formatMigration(state.migration));
  if (state.horizonDays !== DEFAULTS.horizonDays) params.set("horizon", String(state.horizonDays));
  const text = params.toString();
  return text ? `?${text}` : "";
}
