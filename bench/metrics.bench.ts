import { compareRoutes, type Figure } from "./lib";

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
    figures.push({
      name: `${name} throughput`,
      value: Math.round(r.candidate),
      unit: "req/s",
      baseline: { name: "GET /api/version (trivial JSON route)", value: Math.round(r.baseline) },
      ratio: Number(r.ratio.toFixed(3)),
      target: "ratio ≥ 0.8 and no failed request",
      met: r.ratio >= 0.8 && r.failures === 0,
      note: `p99 ${r.p99Ms} ms; ${r.failures} failed requests`,
    });
  }
  return figures;
}
