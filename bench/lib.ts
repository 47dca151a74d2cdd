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

/** A load of one kind of request for a given number of seconds (closes over its URL, method and headers). */
export type Load = (seconds: number) => Promise<HttpMeasure>;

/** Concurrent connections of the HTTP throughput figures. */
export const HTTP_CONNECTIONS = 10;

/** The app's trivial JSON route (no IO): the baseline of the HTTP throughput figures. */
export const TRIVIAL_ROUTE = "/api/version";

/** GETs of one URL with HTTP_CONNECTIONS connections, optionally with request headers. */
export const getLoad =
  (url: string, headers?: Record<string, string>): Load =>
  (seconds) =>
    load(url, { seconds, connections: HTTP_CONNECTIONS, ...(headers ? { headers } : {}) });

/**
 * Run loads in turn, A/B/A/B (or A/B/C/D/A/B/C/D…) after a 1 s warm-up of each, so that drift of a
 * noisy machine hits all alike; the measures of each load, in the order given.
 */
export async function interleaved(loads: readonly Load[], options: { seconds: number; rounds: number }): Promise<HttpMeasure[][]> {
  for (const run of loads) await run(1); // warm-up
  const measures = loads.map((): HttpMeasure[] => []);
  for (let i = 0; i < options.rounds; i++) for (const [j, run] of loads.entries()) measures[j]?.push(await run(options.seconds));
  return measures;
}

export const meanRate = (xs: readonly HttpMeasure[]) => xs.reduce((s, x) => s + x.requestsPerSecond, 0) / xs.length;

export type Comparison = { baseline: number; candidate: number; ratio: number; failures: number; p99Ms: number };

/** A candidate's measures against a baseline's: each side's mean rate; a failure is an error or a non-2xx answer on either. */
export function comparison(baseline: readonly HttpMeasure[], candidate: readonly HttpMeasure[]): Comparison {
  const failures = [...baseline, ...candidate].reduce((s, x) => s + x.errors + x.non2xx, 0);
  return {
    baseline: meanRate(baseline),
    candidate: meanRate(candidate),
    ratio: meanRate(candidate) / meanRate(baseline),
    failures,
    p99Ms: Math.max(...candidate.map((x) => x.p99Ms)),
  };
}

/** Compare a route with a baseline route on one server under the same load, interleaved; each side's figure is the mean of its runs. */
export async function compareRoutes(
  base: string,
  baseline: string,
  candidate: string,
  options: { seconds: number; connections: number; rounds: number; candidateBody?: string | (() => string) },
): Promise<Comparison> {
  const candidateLoad: Load = (seconds) =>
    load(`${base}${candidate}`, {
      seconds,
      connections: options.connections,
      ...(options.candidateBody ? { method: "POST" as const, body: options.candidateBody } : {}),
    });
  const baselineLoad: Load = (seconds) => load(`${base}${baseline}`, { seconds, connections: options.connections });
  const [a = [], b = []] = await interleaved([baselineLoad, candidateLoad], options);
  return comparison(a, b);
}

/**
 * A throughput figure against GET /api/version. With a minimum ratio it is a target (and no
 * request may fail); without one it is reported for context only.
 */
export function throughputFigure(name: string, r: Comparison, minRatio: number | null, note = ""): Figure {
  const detail = `p99 ${r.p99Ms} ms; ${r.failures} failed requests${note ? `; ${note}` : ""}`;
  return {
    name,
    value: Math.round(r.candidate),
    unit: "req/s",
    baseline: { name: `GET ${TRIVIAL_ROUTE} (trivial JSON route)`, value: Math.round(r.baseline) },
    ratio: Number(r.ratio.toFixed(3)),
    target: minRatio === null ? "no target (reported for context); no failed request" : `ratio ≥ ${minRatio} and no failed request`,
    met: r.failures > 0 ? false : minRatio === null ? null : r.ratio >= minRatio,
    note: detail,
  };
}
