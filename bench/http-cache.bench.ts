import { type Figure, type HttpMeasure, load } from "./lib";

// Issue 15: a revalidation that holds — If-None-Match with the current ETag — is answered 304 by the
// server's front (lib/edge/cache-front.ts) before Next routes anything, so it must cost no more than
// the trivial route GET /api/version answered 200 through Next. Same loop for both (A/B/A/B, so a
// noisy machine's drift hits both alike), with the request headers a browser sends.

const BROWSER = { "accept-encoding": "gzip, deflate, br" };
const BASELINE = "/api/version";

/** The current ETag of `target`, fetched with the headers the load will send (Accept-Encoding is part of it). */
async function currentEtag(base: string, target: string): Promise<string> {
  const response = await fetch(`${base}${target}`, { headers: BROWSER });
  await response.arrayBuffer();
  const etag = response.headers.get("etag");
  if (response.status !== 200 || !etag) throw new Error(`GET ${target} answered ${response.status} without an ETag`);
  return etag;
}

async function revalidationFigure(base: string, name: string, target: string, options: { seconds: number; rounds: number }): Promise<Figure> {
  const etag = await currentEtag(base, target);
  const connections = 10;
  const candidate = (seconds: number) => load(`${base}${target}`, { seconds, connections, headers: { ...BROWSER, "if-none-match": etag } });
  const baseline = (seconds: number) => load(`${base}${BASELINE}`, { seconds, connections, headers: BROWSER });
  await baseline(1); // warm-up
  await candidate(1);
  const a: HttpMeasure[] = [];
  const b: HttpMeasure[] = [];
  for (let i = 0; i < options.rounds; i++) {
    a.push(await baseline(options.seconds));
    b.push(await candidate(options.seconds));
  }
  const mean = (xs: HttpMeasure[]) => xs.reduce((s, x) => s + x.requestsPerSecond, 0) / xs.length;
  // A baseline request fails unless 2xx; a revalidation unless 304 (a 200 would mean the ETag did not hold).
  const failures = a.reduce((s, x) => s + x.errors + x.non2xx, 0) + b.reduce((s, x) => s + x.errors + (x.non2xx - x.status3xx), 0);
  const answered304 = b.reduce((s, x) => s + x.status3xx, 0);
  const ratio = mean(b) / mean(a);
  return {
    name,
    value: Math.round(mean(b)),
    unit: "req/s",
    baseline: { name: `GET ${BASELINE} (trivial JSON route, 200)`, value: Math.round(mean(a)) },
    ratio: Number(ratio.toFixed(3)),
    target: "ratio ≥ 1.0 and no failed request",
    met: failures === 0 && answered304 > 0 && ratio >= 1,
    note: `p99 ${Math.max(...b.map((x) => x.p99Ms))} ms; ${answered304} answered 304; ${failures} failed requests`,
  };
}

/** 304 revalidations of a cached API answer and of the dashboard page against the trivial route. */
export async function httpCacheBench(base: string, budget: { seconds: number; rounds: number }): Promise<Figure[]> {
  return [
    await revalidationFigure(base, "GET /api/metrics revalidated (If-None-Match → 304)", "/api/metrics?period=2022-01", budget),
    await revalidationFigure(base, "GET / (the dashboard page) revalidated (If-None-Match → 304)", "/", budget),
  ];
}
