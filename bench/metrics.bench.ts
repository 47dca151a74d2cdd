import { compareRoutes, type Figure, throughputFigure } from "./lib";

/** Issue 3: results are cached per data version, so metric routes cost about what a trivial route costs. */
export async function metricsBench(baseUrl: string, budget: { seconds: number; rounds: number }): Promise<Figure[]> {
  const routes = [
    ["GET /api/metrics", "/api/metrics?period=2022-01"],
    ["GET /api/metrics (basis=sites)", "/api/metrics?basis=sites&period=2025-07"],
    ["GET /api/metrics/series", "/api/metrics/series"],
    ["GET /api/shocks", "/api/shocks?period=2021-05"],
  ] as const;
  const figures: Figure[] = [];
  for (const [name, path] of routes) {
    const r = await compareRoutes(baseUrl, "/api/version", path, { seconds: budget.seconds, connections: 10, rounds: budget.rounds });
    figures.push(throughputFigure(`${name} throughput`, r, 0.8));
  }
  return figures;
}
