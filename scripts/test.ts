// `npm test`: every test, from a fresh clone, with nothing else to install by hand.
// 1. side by side: the static checks — tsc --noEmit (with Next's route types, from `next typegen`),
//    ESLint and Prettier, each with zero warnings —, the production build (see startBuild) and vitest
//    (unit, database and API tests on a seeded SQLite file of their own);
// 2. a Chromium for Playwright (found, or installed: see ensure-chromium.ts);
// 3. Playwright against the production build on a free local port, with its own database.
// Ends with one summary line "tests: N passed, N failed".
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureChromium } from "./ensure-chromium";
import { freePort } from "./free-port";

const root = path.resolve(__dirname, "..");
const tmp = path.join(root, ".tmp");

/** A package's CLI file (`pkg/file`), resolved through the package folder, not its exports map. */
function cliEntry(cli: string): string {
  const parts = cli.split("/");
  const scoped = cli.startsWith("@") ? 2 : 1;
  const pkg = parts.slice(0, scoped).join("/");
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [root] })), parts.slice(scoped).join("/"));
}

/** Run a package's CLI with this Node. */
function run(cli: string, args: string[], env: NodeJS.ProcessEnv): number {
  const result = spawnSync(process.execPath, [cliEntry(cli), ...args], { cwd: root, stdio: "inherit", env });
  return result.status ?? 1;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function vitestCounts(report: unknown): { passed: number; failed: number } {
  const r = report as { numPassedTests?: number; numFailedTests?: number } | undefined;
  return { passed: r?.numPassedTests ?? 0, failed: r?.numFailedTests ?? 0 };
}

function playwrightCounts(report: unknown): { passed: number; failed: number } {
  const stats = (report as { stats?: { expected?: number; unexpected?: number; flaky?: number } } | undefined)?.stats;
  return { passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0), failed: stats?.unexpected ?? 0 };
}

/** The same, without waiting: the static checks run side by side on the machine's cores. */
function runAsync(cli: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliEntry(cli), ...args], { cwd: root, stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

/**
 * The production build, in the background, beside vitest's workers: the files that start a server run
 * last (vitest.config.mts) and wait for it (scripts/build-if-needed.ts). With `typesChecked` (the route
 * types generated, so tsc, running meanwhile, checks what the build would) the build skips its own type check.
 */
function startBuild(env: NodeJS.ProcessEnv, typesChecked: boolean): Promise<number> {
  const log = path.join(tmp, "build.log");
  const out = fs.openSync(log, "w");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "build-if-needed.ts")], {
    cwd: root,
    stdio: ["ignore", out, out],
    env: { ...env, ...(typesChecked ? { HASHATLAS_BUILD_TYPES_CHECKED: "1" } : {}) },
  });
  fs.closeSync(out);
  return new Promise((resolve) => {
    const done = (code: number) => {
      if (code !== 0) console.error(`build failed (exit ${code}); its output:\n${fs.readFileSync(log, "utf8").slice(-6000)}`);
      resolve(code);
    };
    child.on("exit", (code) => done(code ?? 1));
    child.on("error", () => done(1));
  });
}

const STATIC_CHECKS: { name: string; cli: string; args: string[] }[] = [
  { name: "tsc --noEmit", cli: "typescript/bin/tsc", args: ["--noEmit"] },
  { name: "eslint", cli: "eslint/bin/eslint.js", args: ["--max-warnings", "0", "."] },
  { name: "prettier --check", cli: "prettier/bin/prettier.cjs", args: ["--check", "--log-level", "warn", "."] },
];

async function main() {
  const e2eOnly = process.argv.includes("--e2e-only");
  fs.mkdirSync(tmp, { recursive: true });
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let failedRuns = 0;
  let passed = 0;
  let failed = 0;

  if (!e2eOnly) {
    // The route types `next build` would check, for tsc to check them (tsconfig.json includes .next/types).
    const typegen = run("next/dist/bin/next", ["typegen"], env);
    if (typegen !== 0) {
      console.error("static check failed: next typegen");
      failed++;
      failedRuns++;
    }
    // Everything CPU-bound at once, so that neither core idles: the static checks (ESLint's type-aware
    // rules alone take over a minute on one core), the build, and vitest. The build skips its own type
    // check, the same as tsc's: a type error fails the run through tsc.
    const statics = Promise.all(STATIC_CHECKS.map((check) => runAsync(check.cli, check.args, env)));
    const build = startBuild(env, typegen === 0);

    const report = path.join(tmp, "vitest-report.json");
    fs.rmSync(report, { force: true });
    const status = await runAsync("vitest/vitest.mjs", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], env);
    const counts = vitestCounts(readJson(report));
    if (status !== 0) failedRuns++;
    passed += counts.passed;
    failed += counts.failed || (status !== 0 && counts.passed === 0 ? 1 : 0);
    const statuses = await statics;
    STATIC_CHECKS.forEach((check, i) => {
      if (statuses[i] === 0) passed++;
      else {
        console.error(`static check failed: ${check.name}`);
        failed++;
        failedRuns++;
      }
    });
    if ((await build) !== 0) {
      failed++;
      failedRuns++;
    }
  }

  const chromium = ensureChromium();
  const port = await freePort();
  const report = path.join(tmp, "playwright-report.json");
  fs.rmSync(report, { force: true });
  const status = run("@playwright/test/cli.js", ["test"], { ...env, CHROMIUM_PATH: chromium, HASHATLAS_E2E_PORT: String(port) });
  const counts = playwrightCounts(readJson(report));
  if (status !== 0) failedRuns++;
  passed += counts.passed;
  failed += counts.failed || (status !== 0 && counts.passed === 0 ? 1 : 0);

  console.log(`\ntests: ${passed} passed, ${failed} failed`);
  process.exit(failedRuns > 0 || failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.log("\ntests: 0 passed, 1 failed");
  process.exit(1);
});
