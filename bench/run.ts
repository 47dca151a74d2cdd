// `npm run bench`: every benchmark against a production build on a free local port with a seeded
// database, each figure as a ratio to a baseline measured in the same run. Writes bench/results.json
// and bench/RESULTS.md. `--quick` shortens every load (for a smoke run).
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as prettier from "prettier";
import { z } from "zod";
import { startAppServer } from "../scripts/app-server";
import type { Figure } from "./lib";
import { ensureChromium } from "../scripts/ensure-chromium";
import { dataReadyBench, firstLoadJsBench } from "./frontend.bench";
import { backendsBench } from "./backends.bench";
import { exportBench } from "./export.bench";
import { httpCacheBench } from "./http-cache.bench";
import { importBench } from "./import.bench";
import { pgImportBench } from "./pg-import.bench";
import { bestEstimateBench, metricsBench } from "./metrics.bench";
import { BENCH_ADMIN_TOKEN, EXPORT_DATASET_SIZE, exportMemoryBench, importMemoryBench, responsivenessBench } from "./responsiveness.bench";
import { riskHttpBench, riskInProcessBench } from "./risk.bench";
import { simulateHttpBench, simulateInProcessBench } from "./simulate.bench";
import { sitesAtScaleBench } from "./sites.bench";
import { suitesBench } from "./suites.bench";
import { addSyntheticShares, addSyntheticSites } from "./synthetic";
import { freePort } from "../scripts/free-port";

const root = path.resolve(__dirname, "..");

type Measured = { date: string; commit: string; quick: boolean };
type Group = { bench: string; measured?: Measured; figures: Figure[] };
type Results = { date: string; commit: string; machine: string; quick: boolean; figures: Group[] };

const FigureSchema = z.object({
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  baseline: z.object({ name: z.string(), value: z.number() }).optional(),
  ratio: z.number().optional(),
  target: z.string(),
  met: z.boolean().nullable(),
  note: z.string().optional(),
});
const MeasuredSchema = z.object({ date: z.string(), commit: z.string(), quick: z.boolean() });
const ResultsFile = MeasuredSchema.extend({
  figures: z.array(z.object({ bench: z.string(), measured: MeasuredSchema.optional(), figures: z.array(FigureSchema) })),
});

function markdown(results: Results): string {
  const lines = [
    "# Benchmark results",
    "",
    `Last run ${results.date} on ${results.machine}, commit \`${results.commit}\`, by \`npm run bench\`.`,
    "Ratios compare a figure with a baseline measured in the same run (these machines are noisy).",
    "A run of some benchmarks (`--only=`) keeps the other groups' figures; each group says when it was measured.",
    "",
  ];
  for (const group of results.figures) {
    lines.push(`## ${group.bench}`, "");
    if (group.measured) lines.push(`Measured ${group.measured.date}, commit \`${group.measured.commit}\`${group.measured.quick ? " (--quick)" : ""}.`, "");
    lines.push("| figure | value | baseline | ratio | target | met |", "|---|---|---|---|---|---|");
    for (const f of group.figures) {
      const baseline = f.baseline ? `${f.baseline.value} ${f.unit} (${f.baseline.name})` : "—";
      lines.push(`| ${f.name} | ${f.value} ${f.unit} | ${baseline} | ${f.ratio ?? "—"} | ${f.target} | ${f.met === null ? "n/a" : f.met ? "yes" : "**no**"} |`);
      if (f.note) lines.push(`| ↳ | ${f.note} | | | | |`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The groups of the last results with those measured now put in their place (new ones appended):
 * a run of some benchmarks does not drop the others' figures. Groups from before groups carried
 * their own date take the file's.
 */
function mergedGroups(previousFile: string, measured: Group[], now: Measured): Group[] {
  let previous: Group[] = [];
  try {
    const file = ResultsFile.parse(JSON.parse(fs.readFileSync(previousFile, "utf8")));
    previous = file.figures.map((g) => ({ ...g, measured: g.measured ?? { date: file.date, commit: file.commit, quick: file.quick } }));
  } catch {
    previous = []; // none yet, or of another shape: this run's groups alone
  }
  const fresh = new Map(measured.map((g) => [g.bench, { ...g, measured: now }]));
  const merged = previous.map((g) => fresh.get(g.bench) ?? g);
  for (const [name, group] of fresh) if (!previous.some((g) => g.bench === name)) merged.push(group);
  return merged;
}

async function withSharedServer(figures: Group[], want: (name: string) => boolean, quick: boolean, budget: { seconds: number; rounds: number }) {
  const port = await freePort();
  const server = await startAppServer({ port, dbFile: path.join(root, ".tmp", `bench-${port}.db`), stdio: "ignore" });
  try {
    if (want("metrics")) figures.push({ bench: "Metrics routes (issue 3: cached per data version)", figures: await metricsBench(server.url, budget) });
    if (want("cache")) figures.push({ bench: "HTTP caching (issue 15): 304 revalidations", figures: await httpCacheBench(server.url, budget) });
    if (want("best-estimate")) figures.push({ bench: "Best estimate (issue 12: the default dataset)", figures: await bestEstimateBench(server.url, budget) });
    if (want("simulate")) {
      figures.push({ bench: "Shutdown simulator (issue 5)", figures: [...simulateInProcessBench(), ...(await simulateHttpBench(server.url, budget))] });
    }
    if (want("risk")) {
      figures.push({ bench: "Jurisdiction risk (issue 13)", figures: [...riskInProcessBench(), ...(await riskHttpBench(server.url, budget))] });
    }
    if (want("export")) figures.push({ bench: "Export (issue 6: CSV over HTTP)", figures: await exportBench(server.url) });
    if (want("import")) figures.push({ bench: "Import (issue 6)", figures: importBench(quick ? 20_000 : 100_000) });
    if (want("frontend")) {
      figures.push({ bench: "Dashboard first load (issue 4)", figures: await firstLoadJsBench(server.url) });
      const loadedPort = await freePort();
      const loaded = await startAppServer({
        port: loadedPort,
        dbFile: path.join(root, ".tmp", `bench-${loadedPort}-sites.db`),
        stdio: "ignore",
        prepare: (file) => addSyntheticSites(file, 20_000),
      });
      try {
        figures.push({
          bench: "Dashboard with 20 000 sites (issue 4)",
          figures: await dataReadyBench(server.url, loaded.url, ensureChromium(), quick ? 1 : 5),
        });
      } finally {
        await loaded.stop();
      }
    }
    if (want("sites")) {
      const loadedPort = await freePort();
      const loaded = await startAppServer({
        port: loadedPort,
        dbFile: path.join(root, ".tmp", `bench-${loadedPort}-200k-sites.db`),
        stdio: "ignore",
        prepare: (file) => addSyntheticSites(file, 200_000),
      });
      try {
        figures.push({
          bench: "Sites at any size (issue 14): the map view with 200 000 sites",
          figures: await sitesAtScaleBench(server.url, loaded.url, quick ? 40 : 300),
        });
      } finally {
        await loaded.stop();
      }
    }
  } finally {
    await server.stop();
  }
}

async function main() {
  const quick = process.argv.includes("--quick");
  const budget = quick ? { seconds: 1, rounds: 1 } : { seconds: 4, rounds: 3 };
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7);
  const figures: Group[] = [];
  const want = (name: string) => !only || only.split(",").includes(name);
  // The shared server is started only for the figures that use it (`--only=pg-import` needs none).
  if (["metrics", "cache", "best-estimate", "simulate", "risk", "export", "import", "frontend", "sites"].some(want))
    await withSharedServer(figures, want, quick, budget);
  if (want("responsiveness")) {
    // Servers of their own: their imports must not change what the other figures measured, and
    // each memory figure starts from a fresh server.
    const withServer = async <T>(prepare: ((file: string) => void) | undefined, work: (base: string, pid: number) => Promise<T>): Promise<T> => {
      const port = await freePort();
      const server = await startAppServer({
        port,
        dbFile: path.join(root, ".tmp", `bench-${port}-busy.db`),
        stdio: "ignore",
        env: { HASHATLAS_ADMIN_TOKEN: BENCH_ADMIN_TOKEN, HASHATLAS_IMPORT_RATE_PER_MINUTE: "1000" },
        ...(prepare ? { prepare } : {}),
      });
      try {
        if (server.child.pid === undefined) throw new Error("the server has no process id");
        return await work(server.url, server.child.pid);
      } finally {
        await server.stop();
      }
    };
    const latency = await withServer(undefined, (base) => responsivenessBench(base, quick ? { idleSeconds: 2, imports: 1 } : { idleSeconds: 8, imports: 4 }));
    const importMemory = await withServer(undefined, importMemoryBench);
    const exportMemory = await withServer((file) => addSyntheticShares(file, EXPORT_DATASET_SIZE), exportMemoryBench);
    figures.push({ bench: "Responsiveness under heavy requests (issue 14)", figures: [...latency, importMemory, exportMemory] });
  }
  if (want("backends")) figures.push({ bench: "Both backends (issue 15): cached reads, 304s, imports", figures: await backendsBench(budget, quick ? 1 : 3) });
  if (want("pg-import")) figures.push({ bench: "Imports on PostgreSQL (issue 15)", figures: pgImportBench() });
  if (want("suites")) figures.push({ bench: "Hardening (issue 7): fuzz, faults, audit", figures: suitesBench(quick) });
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const now: Measured = { date: new Date().toISOString(), commit: execSync("git rev-parse --short HEAD", { cwd: root }).toString().trim(), quick };
  const jsonFile = path.join(root, "bench", "results.json");
  const results: Results = {
    ...now,
    machine: `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    figures: mergedGroups(jsonFile, figures, now),
  };
  fs.writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  // Written as Prettier would write it, so that `npm test`'s format check passes on a fresh result.
  const resultsFile = path.join(root, "bench", "RESULTS.md");
  const options = (await prettier.resolveConfig(resultsFile)) ?? {};
  fs.writeFileSync(resultsFile, await prettier.format(markdown(results), { ...options, filepath: resultsFile }));
  for (const g of figures)
    for (const f of g.figures)
      console.log(`${f.met ? "met " : f.met === null ? "n/a " : "MISS"} ${f.name}: ${f.value} ${f.unit}${f.ratio !== undefined ? ` (ratio ${f.ratio})` : ""}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
