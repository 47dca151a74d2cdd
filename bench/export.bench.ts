import { performance } from "node:perf_hooks";
import type { Figure } from "./lib";

const WARM_UP = 3;
const RUNS = 20;
const TARGET_MS = 200;

/** One full download (status, headers and the whole body), in ms. */
async function timeDownload(url: string): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  const response = await fetch(url);
  const body = await response.arrayBuffer();
  const ms = performance.now() - t;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${new TextDecoder().decode(body).slice(0, 200)}`);
  return { ms, bytes: body.byteLength };
}

/** Export issue: every series and every shock of every period as CSV, over HTTP (median of 20 after a warm-up). */
export async function exportBench(baseUrl: string): Promise<Figure[]> {
  const routes = [
    ["GET /api/export series, every period, CSV", "/api/export?what=series&period=all&format=csv"],
    ["GET /api/export shocks, every period, CSV", "/api/export?what=shocks&period=all&format=csv"],
  ] as const;
  const figures: Figure[] = [];
  for (const [name, path] of routes) {
    const url = `${baseUrl}${path}`;
    if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`benchmarks only load 127.0.0.1, not ${url}`);
    for (let i = 0; i < WARM_UP; i++) await timeDownload(url);
    const runs: { ms: number; bytes: number }[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timeDownload(url));
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    const median = ((times[RUNS / 2 - 1] ?? Number.NaN) + (times[RUNS / 2] ?? Number.NaN)) / 2;
    figures.push({
      name: `${name} (median of ${RUNS}, warm)`,
      value: Number(median.toFixed(2)),
      unit: "ms",
      target: `< ${TARGET_MS} ms`,
      met: median < TARGET_MS,
      note: `max ${times.at(-1)?.toFixed(2)} ms; ${runs[0]?.bytes ?? 0} bytes; sequential requests, one connection at a time`,
    });
  }
  return figures;
}
