// `npm test`: every test, from a fresh clone, with nothing else to install by hand.
// 0. the static checks: tsc --noEmit, ESLint and Prettier, side by side, each with zero warnings;
// 1. a Chromium for Playwright (found, or installed: see ensure-chromium.ts);
// 2. vitest (unit, database and API tests on a seeded SQLite file of their own);
// 3. Playwright against a production build on a free local port, with its own database.
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
    const statuses = await Promise.all(STATIC_CHECKS.map((check) => runAsync(check.cli, check.args, env)));
    STATIC_CHECKS.forEach((check, i) => {
      if (statuses[i] === 0) passed++;
      else {
        console.error(`static check failed: ${check.name}`);
        failed++;
        failedRuns++;
      }
    });
  }

  if (!e2eOnly) {
    const report = path.join(tmp, "vitest-report.json");
    fs.rmSync(report, { force: true });
    const status = run("vitest/vitest.mjs", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], env);
    const counts = vitestCounts(readJson(report));
    if (status !== 0) failedRuns++;
    passed += counts.passed;
    failed += counts.failed || (status !== 0 && counts.passed === 0 ? 1 : 0);
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
