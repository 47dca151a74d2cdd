import { defineConfig, devices } from "@playwright/test";

// `npm test` picks a free port and a Chromium (scripts/test.ts) and passes both in.
const port = Number(process.env.HASHATLAS_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
export const E2E_ADMIN_TOKEN = "e2e-only-admin-token-not-a-secret";
/** Specs that import datasets into the server's database (the others must not see them). */
const WRITING_SPECS = ["**/data.spec.ts", "**/hydration.spec.ts"];
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: ".tmp/test-results",
  // Files run side by side on two workers; the tests of one file in order. The specs that import data
  // run after all the others (a project of their own), so every other spec reads the seed alone.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: ".tmp/playwright-report.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      // Without these Chromium dials Google services at start-up, refused here (closed network).
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader",
      ],
    },
  },
  projects: [
    { name: "chromium", testIgnore: WRITING_SPECS, use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "chromium-writes", testMatch: WRITING_SPECS, dependencies: ["chromium"], use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    command: "npx tsx scripts/serve-e2e.ts",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    // A throwaway token for this test server only (the import tests log in with it).
    env: { HASHATLAS_E2E_PORT: String(port), HASHATLAS_ADMIN_TOKEN: E2E_ADMIN_TOKEN, LOG_LEVEL: "warn" },
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
