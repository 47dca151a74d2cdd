// The server Playwright tests run against: a production build serving a seeded SQLite file of its
// own under .tmp/, removed again when Playwright stops the server.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { seedDatabase } from "../seed/seed";
import { buildIfNeeded } from "./build-if-needed";

const root = path.resolve(__dirname, "..");
const port = Number(process.env.HASHATLAS_E2E_PORT ?? 3100);
const dbFile = path.join(root, ".tmp", `e2e-${port}-${process.pid}.db`);

function removeDb() {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
}

async function main() {
  buildIfNeeded((line) => console.log(line));
  removeDb();
  await seedDatabase(dbFile);
  const next = require.resolve("next/dist/bin/next", { paths: [root] });
  const child = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: `file:${dbFile}` },
  });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  child.on("exit", (code) => {
    removeDb();
    process.exit(code ?? 0);
  });
}

main().catch((error: unknown) => {
  console.error(`e2e server failed: ${error instanceof Error ? error.message : String(error)}`);
  removeDb();
  process.exit(1);
});
