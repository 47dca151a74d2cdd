import "../validation/zod-browser";
import { z } from "zod";
import { SCENARIO_PARAMS, VIEW_PARAMS } from "../scenario/scenario";
import { lenientScenarioQuery, scenarioSettingsOf } from "../scenario/schema";
import { RISK_PARAMS } from "../risk/limits";
import { lenientRiskQuery } from "../risk/schema";
import { NETWORK_BASES } from "../metrics/distribution";
import { periodSchema } from "../validation/cells";
import { datasetSlugParam } from "../validation/dataset-slug";
import { DEFAULTS, type DashboardState, LAYERS } from "./url-state-core";

// Parsing the dashboard state from a query string (server side, and lazily in the browser on Back/Forward).
// Parsing never fails: a bad or missing value falls back to its default, so an old or hand-edited
// link still opens.

export { DEFAULTS, type DashboardState, LAYERS, type Layer, type MapView, serializeDashboardState } from "./url-state-core";

const viewSchema = z
  .string()
  .transform((text) => text.split(",").map(Number))
  .pipe(z.tuple([z.number().min(-180).max(180), z.number().min(-85).max(85), z.number().min(0).max(12)]))
  .transform(([lng, lat, zoom]) => ({ lng, lat, zoom }));

const StateSchema = z.object({
  dataset: datasetSlugParam.catch(DEFAULTS.dataset).default(DEFAULTS.dataset),
  period: periodSchema.nullable().catch(null).default(null),
  network: z.enum(NETWORK_BASES).catch(DEFAULTS.network).default(DEFAULTS.network),
  [VIEW_PARAMS.layer]: z.enum(LAYERS).catch(DEFAULTS.layer).default(DEFAULTS.layer),
  [VIEW_PARAMS.country]: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((c) => c.toUpperCase())
    .nullable()
    .catch(null)
    .default(null),
  [VIEW_PARAMS.view]: viewSchema.nullable().catch(null).default(null),
  [VIEW_PARAMS.btcPrice]: z.coerce.number().min(1).max(10_000_000).catch(DEFAULTS.btcPrice).default(DEFAULTS.btcPrice),
  [VIEW_PARAMS.simulate]: z
    .literal("1")
    .transform(() => true)
    .catch(false)
    .default(false),
  ...lenientScenarioQuery,
  // Only the events: the risk view's other settings keep their defaults (horizon and bie are the scenario's in a dashboard link).
  [RISK_PARAMS.events]: lenientRiskQuery[RISK_PARAMS.events],
});

const KEYS = ["dataset", "period", "network", ...Object.values(VIEW_PARAMS), ...Object.values(SCENARIO_PARAMS), RISK_PARAMS.events];

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseDashboardState(params: Params): DashboardState {
  const get = (key: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const raw = Object.fromEntries(
    KEYS.flatMap((k) => {
      const v = get(k);
      return v === undefined ? [] : [[k, v]];
    }),
  );
  const s = StateSchema.parse(raw);
  const scenario = scenarioSettingsOf(s);
  return {
    dataset: s.dataset,
    period: s.period,
    network: s.network,
    layer: s[VIEW_PARAMS.layer],
    country: s[VIEW_PARAMS.country],
    view: s[VIEW_PARAMS.view],
    btcPrice: s[VIEW_PARAMS.btcPrice],
    simulate: scenario.shutdown.length > 0 || s[VIEW_PARAMS.simulate],
    ...scenario,
    riskEvents: s[RISK_PARAMS.events],
  };
}
