import type { Figure } from "./lib";

// Issue 14, sites at any size: what the map asks for (GET /api/sites/clusters for a view) must cost
// about the same with 200 000 sites in the database as with the seed's 119. Every request is a view
// of its own (an unsnapped box), so the answer cache cannot hide the work: each one is computed.

const VIEW_PX = { width: 1280, height: 800 };

/** Deterministic views: centres over the inhabited world, zooms 0–9, a 1280 × 800 px screen. */
function views(count: number): string[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: count }, () => {
    const zoom = Math.floor(next() * 10);
    const lon = -130 + next() * 270;
    const lat = -40 + next() * 100;
    const width = Math.min((VIEW_PX.width / (512 * 2 ** zoom)) * 360, 360);
    const height = Math.min(width * (VIEW_PX.height / VIEW_PX.width), 170);
    const round = (v: number) => Number(v.toFixed(6));
    const west = round(Math.max(-180, lon - width / 2));
    const east = round(Math.min(180, lon + width / 2));
    const south = round(Math.max(-85, lat - height / 2));
    const north = round(Math.min(85, lat + height / 2));
    return `/api/sites/clusters?bbox=${west},${south},${east},${north}&zoom=${zoom}`;
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] ?? NaN) : ((s[s.length / 2 - 1] ?? NaN) + (s[s.length / 2] ?? NaN)) / 2;
};

/** Each view once against each server, alternating, timed from request to the whole body read. */
async function timeViews(baseUrl: string, paths: string[]): Promise<{ times: number[]; bytes: number; failures: number }> {
  const times: number[] = [];
  let bytes = 0;
  let failures = 0;
  for (const path of paths) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`);
    const body = await response.arrayBuffer();
    times.push(performance.now() - started);
    bytes = Math.max(bytes, body.byteLength);
    if (!response.ok) failures++;
  }
  return { times, bytes, failures };
}

export async function sitesAtScaleBench(seedUrl: string, loadedUrl: string, count: number): Promise<Figure[]> {
  // Warm-up: the same number of other views, so both servers have their code and pages hot.
  await timeViews(seedUrl, views(count * 2).slice(count));
  await timeViews(loadedUrl, views(count * 2).slice(count));
  const paths = views(count);
  const seed = await timeViews(seedUrl, paths);
  const loaded = await timeViews(loadedUrl, paths);
  const ratio = median(loaded.times) / median(seed.times);
  const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? NaN;
  return [
    {
      name: "GET /api/sites/clusters for a map view (each view uncached), with 200 000 synthetic sites",
      value: Number(median(loaded.times).toFixed(2)),
      unit: "ms",
      baseline: { name: "the same views with the seed's 119 sites", value: Number(median(seed.times).toFixed(2)) },
      ratio: Number(ratio.toFixed(3)),
      target: "ratio ≤ 2 and no failed request",
      met: ratio <= 2 && seed.failures + loaded.failures === 0,
      note: `medians of ${count} distinct views, zoom 0–9; p99 seed ${p99(seed.times).toFixed(1)} ms, loaded ${p99(loaded.times).toFixed(1)} ms; largest answer ${Math.round(loaded.bytes / 1024)} KB; ${seed.failures + loaded.failures} failed`,
    },
  ];
}
