import { z } from "zod";

// In the browser, parse without zod's JIT: it probes `new Function`, which the CSP (next.config.js)
// forbids, and Chromium reports the probe as a violation even though zod catches it.
if (typeof window !== "undefined") z.config({ jitless: true });
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
  dataset: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,63}$/)
    .catch(DEFAULTS.dataset)
    .default(DEFAULTS.dataset),
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
  shutdown: z
    .string()
    .transform((text) =>
      text
        .split(",")
        .filter(Boolean)
        .slice(0, 50)
        .map((part) => {
          const [id = "", fraction] = part.split(":");
          return { id: id.toUpperCase(), fraction: fraction === undefined ? 1 : Number(fraction) };
        }),
    )
    .pipe(z.array(z.object({ id: z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/), fraction: z.number().min(0).max(1) })))
    .catch([])
    .default([]),
  simulate: z
    .literal("1")
    .transform(() => true)
    .catch(false)
    .default(false),
  bie: z.coerce.number().int().min(0).max(2015).catch(0).default(0),
  migrate: z
    .string()
    .transform((text) => {
      const [fraction, days, delayDays, weighting] = text.split(",");
      return [Number(fraction), Number(days), Number(delayDays), weighting];
    })
    .pipe(z.tuple([z.number().min(0).max(1), z.number().int().min(0).max(3650), z.number().int().min(0).max(3650), z.enum(["proportional", "cheap-power"])]))
    .transform(([fraction, days, delayDays, weighting]) => ({ fraction, days, delayDays, weighting }))
    .nullable()
    .catch(null)
    .default(null),
  horizon: z.coerce.number().int().min(1).max(3650).catch(DEFAULTS.horizonDays).default(DEFAULTS.horizonDays),
});

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseDashboardState(params: Params): DashboardState {
  const get = (key: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const raw = Object.fromEntries(
    ["dataset", "period", "layer", "country", "view", "efficiency", "btc", "shutdown", "simulate", "bie", "migrate", "horizon"].flatMap((k) => {
      const v = get(k);
      return v === undefined ? [] : [[k, v]];
    }),
  );
  const s = StateSchema.parse(raw);
  return {
    dataset: s.dataset,
    period: s.period,
    layer: s.layer,
    country: s.country,
    view: s.view,
    efficiency: s.efficiency,
    btcPrice: s.btc,
    shutdown: s.shutdown,
    simulate: s.shutdown.length > 0 || s.simulate,
    blocksIntoEpoch: s.bie,
    migration: s.migrate,
    horizonDays: s.horizon,
  };
}
