// `npm test`: every test, from a fresh clone, with nothing else to install by hand.
// 1. a Chromium for Playwright (found, or installed: see ensure-chromium.ts);
// 2. vitest (unit, database and API tests on a seeded SQLite file of their own);
// 3. Playwright against a production build on a free local port, with its own database.
// Ends with one summary line "tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureChromium } from "./ensure-chromium";
import { freePort } from "./free-port";

const root = path.resolve(__dirname, "..");
const tmp = path.join(root, ".tmp");

/** Run a package's CLI file (`pkg/file`) with this Node; resolved through the package folder, not its exports map. */
function run(cli: string, args: string[], env: NodeJS.ProcessEnv): number {
  const [pkg, file] = cli.startsWith("@")
    ? [cli.split("/").slice(0, 2).join("/"), cli.split("/").slice(2).join("/")]
    : [cli.split("/")[0] ?? "", cli.split("/").slice(1).join("/")];
  const entry = path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [root] })), file);
  const result = spawnSync(process.execPath, [entry, ...args], { cwd: root, stdio: "inherit", env });
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

async function main() {
  const e2eOnly = process.argv.includes("--e2e-only");
  fs.mkdirSync(tmp, { recursive: true });
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let failedRuns = 0;
  let passed = 0;
  let failed = 0;

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
