// Start the production app on a port with a database of its own (a SQLite file, or a PostgreSQL database
// given by URL): for Playwright, benchmarks and the tests that need a real server.
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
  /** The SQLite file; with `database`, the PostgreSQL URL. */
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
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it answered`);
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

/**
 * Build if needed, seed a fresh database at `dbFile`, start `next start` on 127.0.0.1:`port`.
 * With `existingDatabase`, serve the file as it is (another server's, say): no seed, and stop()
 * leaves it in place — a server removes only a database it created. With `database`, a PostgreSQL
 * URL, serve that database instead of a file: seeded unless `existingDatabase` (its migrations and seed
 * are the seed's, as on SQLite), never removed — the cluster is the caller's (scripts/postgres-server.ts).
 */
export async function startAppServer(options: {
  port: number;
  /** The SQLite file (ignored with `database`). */
  dbFile: string;
  /** A PostgreSQL database (postgresql://…) to serve instead of `dbFile`. */
  database?: string;
  /** "pipe": keep the output for `output()`, e.g. to check the server's log lines. */
  stdio?: "inherit" | "ignore" | "pipe";
  waitMs?: number;
  /** Serve `dbFile` as it is, shared with other servers: not removed, not seeded, not removed on stop. */
  existingDatabase?: boolean;
  /** Runs on the database (the file, or the PostgreSQL URL) before the server starts (e.g. to add synthetic rows to the seed). */
  prepare?: (dbFile: string) => void | Promise<void>;
  /** Extra environment for the server (an admin token, limits, HASHATLAS_ALLOWED_HOSTS…). */
  env?: Record<string, string>;
}): Promise<AppServer> {
  buildIfNeeded();
  const postgres = options.database;
  const target = postgres ?? options.dbFile;
  // A server removes only a file it created; a PostgreSQL database stays the cluster's.
  const ownsDatabase = !options.existingDatabase && postgres === undefined;
  if (!options.existingDatabase) {
    if (postgres === undefined) removeDatabaseFiles(options.dbFile);
    await seedDatabase(target);
  } else if (postgres === undefined && !fs.existsSync(options.dbFile)) throw new Error(`existingDatabase: ${options.dbFile} does not exist`);
  await options.prepare?.(target);
  const child = spawn(process.execPath, nextServerArgs({ port: options.port, host: "127.0.0.1" }), {
    cwd: root,
    stdio: options.stdio === "pipe" ? ["ignore", "pipe", "pipe"] : (options.stdio ?? "inherit"),
    env: { ...process.env, ...options.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: postgres ?? `file:${options.dbFile}` },
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    if (output.length < MAX_OUTPUT_CHARS) output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const url = `http://127.0.0.1:${options.port}`;
  const done = () => {
    if (ownsDatabase) removeDatabaseFiles(options.dbFile);
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      // Killed (a test's SIGKILL) or exited: exitCode stays null after a signal, signalCode says it.
      if (child.exitCode !== null || child.signalCode !== null) {
        done();
        resolve();
        return;
      }
      child.once("exit", () => {
        done();
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
  return { url, child, dbFile: target, stop, output: () => output };
}
