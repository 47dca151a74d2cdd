import path from "node:path";
import { defineConfig } from "vitest/config";
import { ServerFilesLast } from "./tests/support/server-files-last";

// API and database tests share one seeded SQLite file of their own (never the dev database),
// created by the global setup and removed afterwards.
const testDb = path.resolve(import.meta.dirname, ".tmp", `vitest-${process.pid}.db`);
process.env.HASHATLAS_TEST_DB = testDb;

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests call server modules directly.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".tmp/**"],
    globalSetup: ["tests/support/global-db.ts"],
    env: { DATABASE_URL: `file:${testDb}`, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "silent" },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Both cores: vitest's default leaves one to the rest of the machine; `npm test` builds beside it only for the first minutes.
    maxWorkers: 2,
    sequence: { sequencer: ServerFilesLast },
    // JSON-only packages: Node's own loader would demand an import attribute for them.
    server: { deps: { inline: ["world-countries", "i18n-iso-countries"] } },
  },
});
