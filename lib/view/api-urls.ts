import { type ScenarioSettings, scenarioExportQuery } from "../scenario/scenario";

// The dashboard's requests, built in one place so that the server can hand the first answers to
// the client under exactly the URLs the client will ask for.

const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

export const apiUrls = {
  distribution: (dataset: string, period: string) => `/api/distribution?${q({ dataset, period })}`,
  metrics: (dataset: string, period: string, efficiency: number) => `/api/metrics?${q({ dataset, period, efficiency })}`,
  shocks: (dataset: string, period: string) => `/api/shocks?${q({ dataset, period })}`,
  series: (dataset: string) => `/api/metrics/series?${q({ dataset })}`,
  country: (iso2: string, dataset: string) => `/api/country?${q({ iso2, dataset })}`,
  sites: () => "/api/sites",
  events: () => "/api/shock-events",
  /** The scenario's timeline and retargets as a file, with its sources (GET /api/export?what=scenario). */
  scenarioExport: (scenario: ScenarioSettings, dataset: string, period: string) => `/api/export?${scenarioExportQuery(scenario, dataset, period)}`,
};
