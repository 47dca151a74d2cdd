import autocannon from "autocannon";

export type Figure = {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
  target: string;
  met: boolean | null;
  note?: string;
};

export type HttpMeasure = { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number; status3xx: number };

/** Load one URL on 127.0.0.1 for a bounded time. */
export async function load(
  url: string,
  options: { seconds: number; connections: number; method?: "GET" | "POST"; body?: string | (() => string); headers?: Record<string, string> },
): Promise<HttpMeasure> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`benchmarks only load 127.0.0.1, not ${url}`);
  const { body } = options;
  const result = await autocannon({
    url,
    method: options.method ?? "GET",
    headers: body || options.headers ? { ...(body ? { "content-type": "application/json" } : {}), ...options.headers } : undefined,
    // A body function gives every request a body of its own (e.g. a new scenario each time).
    ...(typeof body === "function" ? { requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }] } : { body }),
    connections: options.connections,
    duration: options.seconds,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    status3xx: result["3xx"],
  };
}

/**
 * Compare a route with a baseline route under the same load, alternating A/B/A/B so that drift of
 * a noisy machine hits both alike; each side's figure is the mean of its runs.
 */
export async function compareRoutes(
  base: string,
  baseline: string,
  candidate: string,
  options: { seconds: number; connections: number; rounds: number; candidateBody?: string | (() => string) },
) {
  const candidateLoad = (seconds: number) =>
    load(`${base}${candidate}`, {
      seconds,
      connections: options.connections,
      ...(options.candidateBody ? { method: "POST" as const, body: options.candidateBody } : {}),
    });
  await load(`${base}${baseline}`, { seconds: 1, connections: options.connections }); // warm-up
  await candidateLoad(1);
  const a: HttpMeasure[] = [];
  const b: HttpMeasure[] = [];
  for (let i = 0; i < options.rounds; i++) {
    a.push(await load(`${base}${baseline}`, options));
    b.push(await candidateLoad(options.seconds));
  }
  const mean = (xs: HttpMeasure[]) => xs.reduce((s, x) => s + x.requestsPerSecond, 0) / xs.length;
  const failures = [...a, ...b].reduce((s, x) => s + x.errors + x.non2xx, 0);
  return { baseline: mean(a), candidate: mean(b), ratio: mean(b) / mean(a), failures, p99Ms: Math.max(...b.map((x) => x.p99Ms)) };
}

/**
 * A throughput figure against GET /api/version. With a minimum ratio it is a target (and no
 * request may fail); without one it is reported for context only.
 */
export function throughputFigure(name: string, r: Awaited<ReturnType<typeof compareRoutes>>, minRatio: number | null, note = ""): Figure {
  const detail = `p99 ${r.p99Ms} ms; ${r.failures} failed requests${note ? `; ${note}` : ""}`;
  return {
    name,
    value: Math.round(r.candidate),
    unit: "req/s",
    baseline: { name: "GET /api/version (trivial JSON route)", value: Math.round(r.baseline) },
    ratio: Number(r.ratio.toFixed(3)),
    target: minRatio === null ? "no target (reported for context); no failed request" : `ratio ≥ ${minRatio} and no failed request`,
    met: r.failures > 0 ? false : minRatio === null ? null : r.ratio >= minRatio,
    note: detail,
  };
}
