import { z } from "zod";
import { periodSchema } from "../validation/cells";

// Parsing the dashboard state from a query string (server side, and lazily in the browser on Back/Forward).
// Parsing never fails: a bad or missing value falls back to its default, so an old or hand-edited
// link still opens.

import { DEFAULTS, type DashboardState, LAYERS } from "./url-state-core";

export { DEFAULTS, type DashboardState, LAYERS, type Layer, type MapView, serializeDashboardState } from "./url-state-core";

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

