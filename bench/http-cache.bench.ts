import { type Figure, getLoad, type HttpMeasure, interleaved, type Load, meanRate, TRIVIAL_ROUTE } from "./lib";

// Issue 15: a revalidation that holds — If-None-Match with the current ETag — is answered 304 by the
// server's front (lib/edge/cache-front.ts) before Next routes anything, so it must cost no more than
// the trivial route GET /api/version answered 200 through Next. Same loop for both (A/B/A/B, so a
// noisy machine's drift hits both alike), with the request headers a browser sends.

const BROWSER = { "accept-encoding": "gzip, deflate, br" };
export const MIN_REVALIDATION_RATIO = 1;

/** The current ETag of `target`, fetched with the headers the load will send (Accept-Encoding is part of it). */
async function currentEtag(base: string, target: string): Promise<string> {
  const response = await fetch(`${base}${target}`, { headers: BROWSER });
  await response.arrayBuffer();
  const etag = response.headers.get("etag");
  if (response.status !== 200 || !etag) throw new Error(`GET ${target} answered ${response.status} without an ETag`);
  return etag;
}

/** On the server at `base`: the trivial route (200) and `target` revalidated with its current ETag (304), both as a browser asks. */
export async function revalidationLoads(base: string, target: string): Promise<{ trivial: Load; revalidation: Load }> {
  const etag = await currentEtag(base, target);
  return { trivial: getLoad(`${base}${TRIVIAL_ROUTE}`, BROWSER), revalidation: getLoad(`${base}${target}`, { ...BROWSER, "if-none-match": etag }) };
}

/** A 304 figure from the measures of revalidationLoads (the trivial route's and the revalidations', taken in turn). */
export function revalidationFigure(name: string, trivial: readonly HttpMeasure[], revalidated: readonly HttpMeasure[]): Figure {
  // A baseline request fails unless 2xx; a revalidation unless 304 (a 200 would mean the ETag did not hold).
  const failures = trivial.reduce((s, x) => s + x.errors + x.non2xx, 0) + revalidated.reduce((s, x) => s + x.errors + (x.non2xx - x.status3xx), 0);
  const answered304 = revalidated.reduce((s, x) => s + x.status3xx, 0);
  const ratio = meanRate(revalidated) / meanRate(trivial);
  return {
    name,
    value: Math.round(meanRate(revalidated)),
    unit: "req/s",
    baseline: { name: `GET ${TRIVIAL_ROUTE} (trivial JSON route, 200)`, value: Math.round(meanRate(trivial)) },
    ratio: Number(ratio.toFixed(3)),
    target: `ratio ≥ ${MIN_REVALIDATION_RATIO.toFixed(1)} and no failed request`,
    met: failures === 0 && answered304 > 0 && ratio >= MIN_REVALIDATION_RATIO,
    note: `p99 ${Math.max(...revalidated.map((x) => x.p99Ms))} ms; ${answered304} answered 304; ${failures} failed requests`,
  };
}

async function revalidationBench(base: string, name: string, target: string, budget: { seconds: number; rounds: number }): Promise<Figure> {
  const loads = await revalidationLoads(base, target);
  const [trivial = [], revalidated = []] = await interleaved([loads.trivial, loads.revalidation], budget);
  return revalidationFigure(name, trivial, revalidated);
}

/** 304 revalidations of a cached API answer and of the dashboard page against the trivial route. */
export async function httpCacheBench(base: string, budget: { seconds: number; rounds: number }): Promise<Figure[]> {
  return [
    await revalidationBench(base, "GET /api/metrics revalidated (If-None-Match → 304)", "/api/metrics?period=2022-01", budget),
    await revalidationBench(base, "GET / (the dashboard page) revalidated (If-None-Match → 304)", "/", budget),
  ];
}
