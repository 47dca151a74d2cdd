// `npm start`: validate the environment, migrate and (if empty) seed the SQLite file, build if the
// sources changed, then serve on PORT. `npm run dev` does the same with `next dev` instead.
import { spawn } from "node:child_process";
import path from "node:path";
import { parseEnv } from "../lib/env";
import { seedDatabase } from "../seed/seed";
import { buildIfNeeded } from "./build-if-needed";

async function main() {
  const dev = process.argv.includes("--dev");
  let config;
  try {
    config = parseEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const seeded = await seedDatabase(config.databasePath, { ifEmpty: true });
  console.log(
    seeded.skipped
      ? `database: ${config.databasePath} (${seeded.reason}; seed left alone)`
      : `database: ${config.databasePath} seeded with ${seeded.written.length} datasets`,
  );
  if (!dev) buildIfNeeded();
  const next = require.resolve("next/dist/bin/next", { paths: [path.resolve(__dirname, "..")] });
  const args = dev ? ["dev", "-p", String(config.PORT)] : ["start", "-p", String(config.PORT)];
  const child = spawn(process.execPath, [next, ...args], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: `file:${config.databasePath}` },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => {
  console.error(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
