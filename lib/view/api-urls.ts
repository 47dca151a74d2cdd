// The dashboard's requests and download links, built in one place so that the server can hand the
// first answers to the client under exactly the URLs the client will ask for. Each query is built
// once from its parameters (never a serialized query with more keys appended: a key given twice is
// a 400).
import type { Bbox } from "../geo/site-grid";
import { DEFAULT_NETWORK_BASIS, type NetworkBasis } from "../metrics/distribution";
import { type ScenarioSettings, scenarioExportQuery } from "../scenario/scenario";

/** The network basis only when it is not the default, so that default links stay as they were. */
export const networkParam = (network: NetworkBasis): { network?: NetworkBasis } => (network === DEFAULT_NETWORK_BASIS ? {} : { network });

const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

export const apiUrls = {
  distribution: (dataset: string, period: string, network: NetworkBasis = DEFAULT_NETWORK_BASIS) =>
    `/api/distribution?${q({ dataset, period, ...networkParam(network) })}`,
  metrics: (dataset: string, period: string, efficiency: number, network: NetworkBasis = DEFAULT_NETWORK_BASIS) =>
    `/api/metrics?${q({ dataset, period, efficiency, ...networkParam(network) })}`,
  shocks: (dataset: string, period: string, network: NetworkBasis = DEFAULT_NETWORK_BASIS) => `/api/shocks?${q({ dataset, period, ...networkParam(network) })}`,
  series: (dataset: string) => `/api/metrics/series?${q({ dataset })}`,
  country: (iso2: string, dataset: string) => `/api/country?${q({ iso2, dataset })}`,
  /** A country's sites, page by page (the country panel lists the first ones). */
  sites: (country: string) => `/api/sites?${q({ country })}`,
  /** What the sites layer shows of a map view (lib/view/site-view.ts chooses the box and zoom). */
  siteClusters: (bbox: Bbox, zoom: number) => `/api/sites/clusters?${q({ bbox: [bbox.west, bbox.south, bbox.east, bbox.north].join(","), zoom })}`,
  events: () => "/api/shock-events",
  network: () => "/api/network",
  /** A download from /api/export: `what` and its parameters, as CSV, JSON or (metadata) the column definitions and sources. */
  export: (what: string, params: Record<string, string | number>, file: "csv" | "json" | "metadata") =>
    `/api/export?${q({ what, ...params, format: file === "json" ? "json" : "csv", ...(file === "metadata" ? { metadata: 1 } : {}) })}`,
  /** The CSV of a simulated scenario with its sources: lib/scenario builds the query, in the dashboard link's names. */
  scenarioCsv: (scenario: ScenarioSettings, dataset: string, period: string) => `/api/export?${scenarioExportQuery(scenario, dataset, period)}`,
};
