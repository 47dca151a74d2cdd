import fs from "node:fs";
import { performance } from "node:perf_hooks";
import type { Figure } from "./lib";
import { syntheticSharesCsv } from "./synthetic";

// Issue 14: no request stalls the others. While 200 000-row imports run back to back, GET
// /api/version and a cached GET /api/metrics are timed one request at a time, against the same
// loops on the idle server just before; and the server's memory (its whole process tree, worker
// threads included) is sampled during an import and during a full shocks export of a dataset as
// large, each on a fresh server against that server's own idle memory (a heap grown by one
// operation would otherwise count against the next).

export const IMPORT_ROWS = 200_000;
const MAX_P99_RATIO = 3;
const MAX_MEMORY_RATIO = 2;
export const BENCH_ADMIN_TOKEN = "bench-admin-token-0123456789";
/** The dataset every bench import writes (created, then replaced). */
export const BENCH_DATASET = "bench-shares";
const IMPORT_PATH = `/api/import?kind=shares&dataset=${BENCH_DATASET}&publisher=HashAtlas%20bench&url=https%3A%2F%2Fexample.org%2Fbench&licence=generated&coverage=partial`;
const EXPORT_PATH = "/api/export?what=shocks&period=all&dataset=synthetic-shares&format=csv";
/** The synthetic dataset the export reads: 1 000 months × 200 countries, as large as the import. */
export const EXPORT_DATASET_SIZE = { periods: 1000, countries: 200 };
const READS = [
  ["GET /api/version", "/api/version"],
  ["GET /api/metrics (cached)", "/api/metrics"],
] as const;

/** Resident memory of a process and all its descendants, in MB (Linux /proc). */
function treeRssMb(rootPid: number): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(entry), Number(fields[1]));
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // the process ended while we read
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) if (p === rootPid) return true;
    return false;
  };
  let kb = 0;
  for (const [pid, value] of rss) if (inTree(pid)) kb += value;
  return kb / 1024;
}

/** The highest memory seen while `work` runs, sampled every 20 ms. */
async function peakDuring<T>(pid: number, work: () => Promise<T>): Promise<{ peakMb: number; result: T }> {
  let peakMb = treeRssMb(pid);
  const timer = setInterval(() => {
    peakMb = Math.max(peakMb, treeRssMb(pid));
  }, 20);
  try {
    const result = await work();
    return { peakMb: Math.max(peakMb, treeRssMb(pid)), result };
  } finally {
    clearInterval(timer);
  }
}

/** Sequential GETs of one URL until `done()`; each latency in ms. */
async function latencies(url: string, done: () => boolean): Promise<number[]> {
  const out: number[] = [];
  while (!done()) {
    const t = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    out.push(performance.now() - t);
  }
  return out;
}

const p99 = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN;
};

/** One import of `csv` as the dataset bench-shares (partial coverage) through POST /api/import; the time to its answer, in ms. */
export async function postImport(base: string, csv: string): Promise<number> {
  const t = performance.now();
  const response = await fetch(`${base}${IMPORT_PATH}`, {
    method: "POST",
    headers: { "content-type": "text/csv", authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
    body: csv,
  });
  const text = await response.text();
  if (response.status !== 200 && response.status !== 201) throw new Error(`import answered ${response.status}: ${text.slice(0, 300)}`);
  return performance.now() - t;
}

async function downloadBytes(url: string): Promise<number> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
  const reader = response.body.getReader();
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  return bytes;
}

/** `base` must be a server started with HASHATLAS_ADMIN_TOKEN=BENCH_ADMIN_TOKEN; `pid` its process. */
export async function responsivenessBench(base: string, options: { idleSeconds: number; imports: number }): Promise<Figure[]> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`benchmarks only load 127.0.0.1, not ${base}`);
  // Two files that differ in every row, taken in turn: an import of the file just imported would be
  // skipped as unchanged (same content hash) and write nothing.
  const files = [syntheticSharesCsv(IMPORT_ROWS), syntheticSharesCsv(IMPORT_ROWS, 0.0041)];
  const csv = files[0] ?? "";
  for (const [, path] of READS)
    await latencies(
      `${base}${path}`,
      (
        (n) => () =>
          n-- <= 0
      )(50),
    ); // warm-up

  const idleUntil = performance.now() + options.idleSeconds * 1000;
  const idle = await Promise.all(READS.map(([, path]) => latencies(`${base}${path}`, () => performance.now() > idleUntil)));

  let importing = true;
  const importTimes: number[] = [];
  const busyReads = READS.map(([, path]) => latencies(`${base}${path}`, () => !importing));
  const imports = (async () => {
    try {
      for (let i = 0; i < options.imports; i++) importTimes.push(await postImport(base, files[(i + 1) % files.length] ?? csv));
    } finally {
      importing = false;
    }
  })();
  const [busy] = await Promise.all([Promise.all(busyReads), imports]);

  const figures: Figure[] = READS.map(([name], i) => {
    const idleP99 = p99(idle[i] ?? []);
    const busyP99 = p99(busy[i] ?? []);
    const ratio = busyP99 / idleP99;
    return {
      name: `p99 of ${name} while ${options.imports} imports of ${IMPORT_ROWS.toLocaleString("en-US")} shares rows (${(csv.length / 1e6).toFixed(1)} MB) run back to back`,
      value: Number(busyP99.toFixed(2)),
      unit: "ms",
      baseline: { name: `p99 of the same loop on the idle server`, value: Number(idleP99.toFixed(2)) },
      ratio: Number(ratio.toFixed(3)),
      target: `ratio ≤ ${MAX_P99_RATIO}`,
      met: ratio <= MAX_P99_RATIO,
      note: `${busy[i]?.length ?? 0} requests during the imports (${idle[i]?.length ?? 0} idle), one at a time; each import took ${importTimes.map((t) => `${(t / 1000).toFixed(1)} s`).join(", ")}`,
    };
  });
  return figures;
}

async function warmUp(base: string) {
  for (const [, path] of READS)
    await latencies(
      `${base}${path}`,
      (
        (n) => () =>
          n-- <= 0
      )(20),
    );
}

/** Memory during one import, on a fresh server (`pid` its process), against its idle memory after warm-up. */
export async function importMemoryBench(base: string, pid: number): Promise<Figure> {
  const csv = syntheticSharesCsv(IMPORT_ROWS);
  await warmUp(base);
  const idleMb = treeRssMb(pid);
  const measured = await peakDuring(pid, () => postImport(base, csv));
  return memoryFigure(`a ${IMPORT_ROWS.toLocaleString("en-US")}-row shares import`, measured.peakMb, idleMb);
}

/** Memory during a full shocks export of the synthetic dataset, on a fresh server that holds it. */
export async function exportMemoryBench(base: string, pid: number): Promise<Figure> {
  await warmUp(base);
  const idleMb = treeRssMb(pid);
  const measured = await peakDuring(pid, () => downloadBytes(`${base}${EXPORT_PATH}`));
  const { periods, countries } = EXPORT_DATASET_SIZE;
  return memoryFigure(
    `a full shocks export of ${periods.toLocaleString("en-US")} months × ${countries} countries (${measured.result.toLocaleString("en-US")} bytes of CSV)`,
    measured.peakMb,
    idleMb,
  );
}

function memoryFigure(what: string, peakMb: number, idleMb: number): Figure {
  const ratio = peakMb / idleMb;
  return {
    name: `Peak server memory during ${what}`,
    value: Math.round(peakMb),
    unit: "MB",
    baseline: { name: "the same server idle, after warm-up", value: Math.round(idleMb) },
    ratio: Number(ratio.toFixed(3)),
    target: `ratio ≤ ${MAX_MEMORY_RATIO}`,
    met: ratio <= MAX_MEMORY_RATIO,
    note: "resident memory of the server's process tree (worker threads included), sampled every 20 ms; a fresh server per figure",
  };
}
