// Start the production app on a port with a database file of its own: for Playwright and benchmarks.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { seedDatabase } from "../seed/seed";
import { buildIfNeeded } from "./build-if-needed";
import { nextServerArgs } from "./next-command";

const root = path.resolve(__dirname, "..");

export type AppServer = {
  url: string;
  child: ChildProcess;
  dbFile: string;
  stop: () => Promise<void>;
  /** What the server wrote to stdout and stderr so far (with stdio "pipe"; else empty). */
  output: () => string;
};

/** Enough server output for a test to read its log lines; beyond it the rest is dropped. */
const MAX_OUTPUT_CHARS = 2_000_000;

export function removeDatabaseFiles(dbFile: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(dbFile + suffix, { force: true });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it answered`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer ${url}/api/health within ${timeoutMs} ms`);
}

/** Build if needed, seed a fresh database at `dbFile`, start `next start` on 127.0.0.1:`port`. */
export async function startAppServer(options: {
  port: number;
  dbFile: string;
  /** "pipe": keep the output for `output()`, e.g. to check the server's log lines. */
  stdio?: "inherit" | "ignore" | "pipe";
  waitMs?: number;
  /** Runs on the seeded database before the server starts (e.g. to add synthetic rows). */
  prepare?: (dbFile: string) => void;
  /** Extra environment for the server (an admin token, limits, HASHATLAS_ALLOWED_HOSTS…). */
  env?: Record<string, string>;
}): Promise<AppServer> {
  buildIfNeeded();
  removeDatabaseFiles(options.dbFile);
  await seedDatabase(options.dbFile);
  options.prepare?.(options.dbFile);
  const child = spawn(process.execPath, nextServerArgs({ port: options.port, host: "127.0.0.1" }), {
    cwd: root,
    stdio: options.stdio === "pipe" ? ["ignore", "pipe", "pipe"] : (options.stdio ?? "inherit"),
    env: { ...process.env, ...options.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: `file:${options.dbFile}` },
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    if (output.length < MAX_OUTPUT_CHARS) output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const url = `http://127.0.0.1:${options.port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) {
        removeDatabaseFiles(options.dbFile);
        resolve();
        return;
      }
      child.once("exit", () => {
        removeDatabaseFiles(options.dbFile);
        resolve();
      });
      child.kill("SIGTERM");
    });
  try {
    await waitForHealth(url, child, options.waitMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, dbFile: options.dbFile, stop, output: () => output };
}
