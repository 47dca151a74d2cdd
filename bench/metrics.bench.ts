import { compareRoutes, type Figure, HTTP_CONNECTIONS, throughputFigure, TRIVIAL_ROUTE } from "./lib";

/** Issue 3: a cached read costs at least this share of the trivial route's throughput. */
export const MIN_CACHED_READ_RATIO = 0.8;

/** The cached reads measured against the trivial route: name and path with query. */
export const CACHED_READS = {
  metrics: ["GET /api/metrics", "/api/metrics?period=2022-01"],
  metricsSites: ["GET /api/metrics (basis=sites)", "/api/metrics?basis=sites&period=2025-07"],
  series: ["GET /api/metrics/series", "/api/metrics/series"],
  shocks: ["GET /api/shocks", "/api/shocks?period=2021-05"],
} as const;

/** Issue 3: results are cached per data version, so metric routes cost about what a trivial route costs. */
export async function metricsBench(baseUrl: string, budget: { seconds: number; rounds: number }): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [name, path] of Object.values(CACHED_READS)) {
    const r = await compareRoutes(baseUrl, TRIVIAL_ROUTE, path, { seconds: budget.seconds, connections: HTTP_CONNECTIONS, rounds: budget.rounds });
    figures.push(throughputFigure(`${name} throughput`, r, MIN_CACHED_READ_RATIO));
  }
  return figures;
}

/**
 * Issue 12: the best estimate is the default dataset. It is stored like any dataset and rebuilt on
 * write, so reading it must cost what reading one source costs: within 10 % of the trivial route,
 * and within 10 % of the same month read from its source dataset.
 */
export async function bestEstimateBench(baseUrl: string, budget: { seconds: number; rounds: number }): Promise<Figure[]> {
  const options = { seconds: budget.seconds, connections: HTTP_CONNECTIONS, rounds: budget.rounds };
  const figures: Figure[] = [];
  for (const [name, path] of [
    ["GET /api/metrics (default: best estimate, newest month)", "/api/metrics"],
    ["GET /api/metrics?network=latest (best estimate at the latest network hashrate)", "/api/metrics?network=latest"],
  ] as const) {
    figures.push(throughputFigure(`${name} throughput`, await compareRoutes(baseUrl, TRIVIAL_ROUTE, path, options), 0.9));
  }
  const single = "/api/metrics?dataset=cbeci-monthly&period=2022-01";
  const r = await compareRoutes(baseUrl, single, "/api/metrics?period=2022-01", options);
  figures.push({
    ...throughputFigure("GET /api/metrics?period=2022-01 from the best estimate throughput", r, 0.9, "the composite's month vs the same month from its source"),
    baseline: { name: `GET ${single} (the source dataset itself)`, value: Math.round(r.baseline) },
  });
  return figures;
}
