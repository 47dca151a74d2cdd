import { z } from "zod";
import { periodSchema } from "../validation/cells";

// The dashboard's state lives in the query string, so any view can be shared and reloads the same.
// Parsing never fails: a bad or missing value falls back to its default, so an old or hand-edited
// link still opens.

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

const viewSchema = z
  .string()
  .transform((text) => text.split(",").map(Number))
  .pipe(z.tuple([z.number().min(-180).max(180), z.number().min(-85).max(85), z.number().min(0).max(12)]))
  .transform(([lng, lat, zoom]) => ({ lng, lat, zoom }));

const StateSchema = z.object({
  dataset: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/).catch(DEFAULTS.dataset).default(DEFAULTS.dataset),
  period: periodSchema.nullable().catch(null).default(null),
  layer: z.enum(LAYERS).catch(DEFAULTS.layer).default(DEFAULTS.layer),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((c) => c.toUpperCase())
    .nullable()
    .catch(null)
    .default(null),
  view: viewSchema.nullable().catch(null).default(null),
  efficiency: z.coerce.number().min(1).max(200).catch(DEFAULTS.efficiency).default(DEFAULTS.efficiency),
  btc: z.coerce.number().min(1).max(10_000_000).catch(DEFAULTS.btcPrice).default(DEFAULTS.btcPrice),
});

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseDashboardState(params: Params): DashboardState {
  const get = (key: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const raw = Object.fromEntries(["dataset", "period", "layer", "country", "view", "efficiency", "btc"].flatMap((k) => {
    const v = get(k);
    return v === undefined ? [] : [[k, v]];
  }));
  const s = StateSchema.parse(raw);
  return { dataset: s.dataset, period: s.period, layer: s.layer, country: s.country, view: s.view, efficiency: s.efficiency, btcPrice: s.btc };
}

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
