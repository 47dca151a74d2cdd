// What the fault tests (tests/fault/*.test.ts) share: real server processes (`next start` on the
// production build, and `npm start`), each on a database file of its own under a temp directory,
// ended whatever happens; the database checks; requests a test keeps in flight as long as it likes.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { openSqlite } from "@/lib/db/sqlite";
import { COUNTED_TABLES } from "@/lib/db/tables";
import { buildIfNeeded } from "@/scripts/build-if-needed";
import { freePort } from "@/scripts/free-port";
import { nextServerArgs } from "@/scripts/next-command";

/** HASHATLAS_FAULT_LONG=1 (for `npm run bench` or by hand) runs longer variants: more readers and imports, larger files, several kills. */
export const LONG = process.env.HASHATLAS_FAULT_LONG === "1";
export const root = process.cwd();
export const TOKEN = "fault-admin-token-0123456789abcdef";
export const PROVENANCE = "publisher=Fault%20Lab&url=https%3A%2F%2Fexample.org%2Ffault&licence=CC0";
/** `npm start`'s own command (package.json): node with tsx's loader, no signal-relaying tsx parent. */
export const START_ARGS = ["--import", "tsx", "scripts/start.ts"];

export type Exit = { code: number | null; signal: NodeJS.Signals | null; at: number };
export type Server = { child: ChildProcess; url: string; port: number; dbFile: string; output: () => string; exit: Promise<Exit> };

const started = new Set<ChildProcess>();
export const mounts: string[] = [];
export const immutable: string[] = [];

/** Every server is spawned as the leader of its own process group, so that the whole tree (tsx → start.ts → next) can be ended. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL") {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function cleanup() {
  for (const child of started) killGroup(child);
  started.clear();
  for (const file of immutable.splice(0)) spawnSync("chattr", ["-i", file]);
  for (const target of mounts.splice(0).reverse()) spawnSync("umount", ["-l", target]);
}

/**
 * This file's temp directory and its base database: a copy of the seeded test database (SQLite's
 * backup: complete in its main file) that each test copies again. Also ends every process and
 * undoes every mount the file made, afterwards and on exit.
 */
export function faultFixture(prefix: string): { dir: string; baseDb: () => string; copyBase: (name: string, into?: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hashatlas-fault-${prefix}-`));
  const baseDb = path.join(dir, "base.db");
  process.once("exit", cleanup);
  beforeAll(async () => {
    // vitest runs before Playwright in `npm test`, so this file may be the first to need the build.
    const build = buildIfNeeded((line) => console.log(line));
    if (build.built) console.log(`fault: production build made in ${Math.round(build.ms / 1000)} s`);
    const source = process.env.HASHATLAS_TEST_DB;
    if (!source) throw new Error("HASHATLAS_TEST_DB is not set (see vitest.config.mts)");
    const db = openSqlite(source, { readonly: true });
    try {
      await db.backup(baseDb);
    } finally {
      db.close();
    }
  }, 600_000);
  afterAll(() => {
    cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    baseDb: () => baseDb,
    copyBase: (name, into = dir) => {
      const file = path.join(into, name);
      removeDatabaseFiles(file);
      fs.copyFileSync(baseDb, file);
      return file;
    },
  };
}

export function removeDatabaseFiles(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

export function withDb<T>(file: string, fn: (db: ReturnType<typeof openSqlite>) => T): T {
  const db = openSqlite(file, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export const integrity = (file: string) => withDb(file, (db) => String(db.pragma("integrity_check", { simple: true })));

export function counts(file: string): Record<string, number> {
  return withDb(file, (db) => Object.fromEntries(COUNTED_TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n])));
}

export function sitesOf(file: string, slug: string): { dataset: number; sites: number } {
  return withDb(file, (db) => ({
    dataset: (db.prepare(`SELECT count(*) AS n FROM "Dataset" WHERE slug = ?`).get(slug) as { n: number }).n,
    sites: (db.prepare(`SELECT count(*) AS n FROM "MiningSite" s JOIN "Dataset" d ON d.id = s.datasetId WHERE d.slug = ?`).get(slug) as { n: number }).n,
  }));
}

/** The map's grid cells a sites dataset's write stored (lib/db/site-cells.ts). */
export function cellsOf(file: string, slug: string): number {
  return withDb(
    file,
    (db) => (db.prepare(`SELECT count(*) AS n FROM "SiteCell" c JOIN "Dataset" d ON d.id = c.datasetId WHERE d.slug = ?`).get(slug) as { n: number }).n,
  );
}

export function spawnTracked(args: string[], env: NodeJS.ProcessEnv, ids: { uid?: number; gid?: number } = {}) {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true, ...ids });
  started.add(child);
  let output = "";
  const collect = (chunk: Buffer) => {
    if (output.length < 1_000_000) output += chunk.toString();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  // "exit" can come before the last of the output has been read from the pipes: wait for both to end
  // (a server's grandchildren may hold them open, so not for long) before the output is looked at.
  const ended = (stream: NodeJS.ReadableStream) => new Promise<void>((resolve) => stream.once("end", () => resolve()));
  const drained = Promise.all([ended(child.stdout), ended(child.stderr)]);
  const exit = new Promise<Exit>((resolve) =>
    child.on("exit", (code, signal) => {
      started.delete(child);
      const at = Date.now();
      void Promise.race([drained, new Promise((r) => setTimeout(r, 1_000))]).then(() => resolve({ code, signal, at }));
    }),
  );
  return { child, output: () => output, exit };
}

export function serverEnv(dbFile: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: `file:${dbFile}`,
    HASHATLAS_ADMIN_TOKEN: TOKEN,
    // The import route's per-client limit would refuse the test's bursts of imports from one address.
    HASHATLAS_IMPORT_RATE_PER_MINUTE: "1000000",
    // The long variants upload more than the default 10 MB.
    HASHATLAS_MAX_UPLOAD_BYTES: "100000000",
    LOG_LEVEL: "warn",
    ...extra,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForHealth(url: string, exit: Promise<Exit>, output: () => string, timeoutMs = 60_000) {
  const server = { exited: false };
  void exit.then(() => (server.exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exited) throw new Error(`the server exited before it answered:\n${output().slice(-3000)}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`no answer from ${url}/api/health within ${timeoutMs} ms:\n${output().slice(-3000)}`);
}

/** `next start` itself (the process a SIGKILL or SIGTERM hits directly), with the command line every start uses. */
export async function startNext(dbFile: string, extra: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const { child, output, exit } = spawnTracked(nextServerArgs({ port, host: "127.0.0.1" }), serverEnv(dbFile, extra));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, exit, output);
  return { child, url, port, dbFile, output, exit };
}

/** `npm start` (node --import tsx scripts/start.ts → next start), as a user runs it. */
export function spawnNpmStart(dbFile: string, port: number, extra: Record<string, string> = {}, ids: { uid?: number; gid?: number } = {}) {
  return spawnTracked(START_ARGS, serverEnv(dbFile, { PORT: String(port), ...extra }), ids);
}

export async function startNpm(dbFile: string, extra: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const { child, output, exit } = spawnNpmStart(dbFile, port, extra);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, exit, output);
  return { child, url, port, dbFile, output, exit };
}

export async function stop(server: Server, signal: NodeJS.Signals = "SIGTERM", timeoutMs = 15_000) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exit;
  server.child.kill(signal);
  const timer = setTimeout(() => killGroup(server.child), timeoutMs);
  const result = await server.exit;
  clearTimeout(timer);
  killGroup(server.child); // anything the leader left behind
  return result;
}

export async function importCsv(url: string, slug: string, csv: string, timeoutMs = 120_000) {
  const response = await fetch(`${url}/api/import?kind=sites&dataset=${slug}&${PROVENANCE}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/csv" },
    body: csv,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: (await response.json()) as { rows?: number; error?: { message: string } } };
}
