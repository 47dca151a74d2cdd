// Concurrency and fault tests against real server processes (`next start` on a production build,
// and `npm start`'s scripts/start.ts), each on a database file of its own under a temp directory:
//
//  a. readers hammering the metric, shock and simulate routes while large imports run: every
//     answer 2xx, no partially visible import, every acknowledged import present afterwards;
//  b. SIGKILL of the server in the middle of an import's write: the restart is clean and the import
//     is there whole or not at all;
//  c. SIGTERM: requests in flight are finished, new connections refused, `npm start` exits 0 and
//     the database is intact;
//  d. start-up on a corrupt, read-only or full database: one line naming the file, exit 2, quickly;
//     an import that fills the disk leaves the server and the data as they were;
//  e. HASHATLAS_SIMULATE_RATE_PER_MINUTE: POST /api/simulate answers 429 with Retry-After once a
//     client has used its allowance, cached answers included.
//
// HASHATLAS_FAULT_LONG=1 (for `npm run bench` or by hand) runs longer variants: more readers and
// imports, larger files, several kills at random moments.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticSitesCsv } from "@/bench/synthetic";
import { openSqlite } from "@/lib/db/sqlite";
import { COUNTED_TABLES } from "@/lib/db/tables";
import { buildIfNeeded } from "@/scripts/build-if-needed";
import { seedDatabase } from "@/seed/seed";
import { freePort } from "../../scripts/free-port";
import { nextServerArgs } from "../../scripts/next-command";

const LONG = process.env.HASHATLAS_FAULT_LONG === "1";
const root = process.cwd();
const TOKEN = "fault-admin-token-0123456789abcdef";
const PROVENANCE = "publisher=Fault%20Lab&url=https%3A%2F%2Fexample.org%2Ffault&licence=CC0";
const requireHere = createRequire(path.join(root, "package.json"));
const TSX_ENTRY = requireHere.resolve("tsx");
/** `npm start`'s own command (package.json): node with tsx's loader, no signal-relaying tsx parent. */
const START_ARGS = ["--import", "tsx", "scripts/start.ts"];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-fault-"));
const baseDb = path.join(dir, "base.db");

// ---------------------------------------------------------------------------------------------
// Processes, mounts and files to clean up, whatever happens

const started = new Set<ChildProcess>();
const mounts: string[] = [];
const immutable: string[] = [];

/** Every server is spawned as the leader of its own process group, so that the whole tree (tsx → start.ts → next) can be ended. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL") {
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
process.once("exit", cleanup);

afterAll(() => {
  cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers

function removeDatabaseFiles(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

/** A copy of the seeded database (checkpointed, so the main file is complete on its own). */
function copyBase(name: string, into = dir): string {
  const file = path.join(into, name);
  removeDatabaseFiles(file);
  fs.copyFileSync(baseDb, file);
  return file;
}

function withDb<T>(file: string, fn: (db: ReturnType<typeof openSqlite>) => T): T {
  const db = openSqlite(file, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function integrity(file: string): string {
  return withDb(file, (db) => String(db.pragma("integrity_check", { simple: true })));
}

function counts(file: string): Record<string, number> {
  return withDb(file, (db) => Object.fromEntries(COUNTED_TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n])));
}

function sitesOf(file: string, slug: string): { dataset: number; sites: number } {
  return withDb(file, (db) => ({
    dataset: (db.prepare(`SELECT count(*) AS n FROM "Dataset" WHERE slug = ?`).get(slug) as { n: number }).n,
    sites: (db.prepare(`SELECT count(*) AS n FROM "MiningSite" s JOIN "Dataset" d ON d.id = s.datasetId WHERE d.slug = ?`).get(slug) as { n: number }).n,
  }));
}

/** The map's grid cells a sites dataset's write stored (lib/db/site-cells.ts). */
function cellsOf(file: string, slug: string): number {
  return withDb(
    file,
    (db) => (db.prepare(`SELECT count(*) AS n FROM "SiteCell" c JOIN "Dataset" d ON d.id = c.datasetId WHERE d.slug = ?`).get(slug) as { n: number }).n,
  );
}

type Server = {
  child: ChildProcess;
  url: string;
  port: number;
  dbFile: string;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
};

function spawnTracked(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exit: Server["exit"] } {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  started.add(child);
  let output = "";
  const collect = (chunk: Buffer) => {
    if (output.length < 1_000_000) output += chunk.toString();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => {
      started.delete(child);
      resolve({ code, signal, at: Date.now() });
    }),
  );
  return { child, output: () => output, exit };
}

function serverEnv(dbFile: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
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

async function waitForHealth(url: string, exit: Server["exit"], output: () => string, timeoutMs = 60_000) {
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
async function startNext(dbFile: string, extra: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const { child, output, exit } = spawnTracked(nextServerArgs({ port, host: "127.0.0.1" }), serverEnv(dbFile, extra));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, exit, output);
  return { child, url, port, dbFile, output, exit };
}

/** `npm start` (node --import tsx scripts/start.ts → next start), as a user runs it. */
function spawnNpmStart(dbFile: string, port: number, extra: Record<string, string> = {}) {
  return spawnTracked(START_ARGS, serverEnv(dbFile, { PORT: String(port), ...extra }));
}

async function startNpm(dbFile: string, extra: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const { child, output, exit } = spawnNpmStart(dbFile, port, extra);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, exit, output);
  return { child, url, port, dbFile, output, exit };
}

async function stop(server: Server, signal: NodeJS.Signals = "SIGTERM", timeoutMs = 15_000) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exit;
  server.child.kill(signal);
  const timer = setTimeout(() => killGroup(server.child), timeoutMs);
  const result = await server.exit;
  clearTimeout(timer);
  killGroup(server.child); // anything the leader left behind
  return result;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function importCsv(url: string, slug: string, csv: string, timeoutMs = 120_000) {
  const response = await fetch(`${url}/api/import?kind=sites&dataset=${slug}&${PROVENANCE}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/csv" },
    body: csv,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: (await response.json()) as { rows?: number; error?: { message: string } } };
}

/** A request whose body the test sends in parts, to keep it in flight on the server for as long as it likes. */
/** A POST whose body is sent in parts; `keepAlive` keeps its connection open as a browser would. */
function streamingPost(url: string, pathAndQuery: string, headers: Record<string, string>, totalBytes: number, options: { keepAlive?: boolean } = {}) {
  const target = new URL(url);
  type Answer = { status: number; body: string };
  let resolveResponse: (value: Answer) => void = () => {};
  let rejectResponse: (error: Error) => void = () => {};
  const response = new Promise<Answer>((resolve, reject) => {
    resolveResponse = resolve;
    rejectResponse = reject;
  });
  const agent = options.keepAlive ? new http.Agent({ keepAlive: true }) : false;
  const request = http.request(
    {
      host: target.hostname,
      port: target.port,
      method: "POST",
      path: pathAndQuery,
      headers: { ...headers, "content-length": String(totalBytes), ...(options.keepAlive ? {} : { connection: "close" }) },
      agent,
    },
    (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolveResponse({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", rejectResponse);
    },
  );
  request.on("error", rejectResponse);
  // The client keeps a keep-alive connection until told to let go: only the server may end it first.
  return { write: (chunk: string) => request.write(chunk), end: (chunk: string) => request.end(chunk), response, release: () => agent && agent.destroy() };
}

async function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

function canRun(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  // vitest runs before Playwright in `npm test`, so this file may be the first to need the build.
  const build = buildIfNeeded((line) => console.log(line));
  if (build.built) console.log(`fault: production build made in ${Math.round(build.ms / 1000)} s`);
  await seedDatabase(baseDb);
  const db = openSqlite(baseDb);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}, 600_000);

describe("server faults", () => {
  it(`a. ${LONG ? 16 : 8} readers see only whole imports while ${LONG ? 6 : 3} large imports run`, async () => {
    const READERS = LONG ? 16 : 8;
    const IMPORTS = LONG ? 6 : 3;
    const ROWS = LONG ? 80_000 : 20_000;
    const t0 = Date.now();
    const server = await startNext(copyBase("a.db"));
    const csv = syntheticSitesCsv(ROWS);
    const slugs = Array.from({ length: IMPORTS }, (_, i) => `fault-a-${i + 1}`);
    const simulate = JSON.stringify({
      period: "2021-05",
      shutdown: ["CN", { id: "KZ", fraction: 0.5 }],
      migration: { fraction: 0.5, days: 90, delayDays: 30 },
      horizonDays: 365,
    });
    const reads: { method: "GET" | "POST"; path: string; body?: string }[] = [
      { method: "GET", path: "/api/metrics" },
      { method: "GET", path: "/api/metrics?period=2021-05&efficiency=30" },
      { method: "GET", path: "/api/metrics?basis=sites" },
      { method: "GET", path: "/api/shocks" },
      { method: "GET", path: "/api/shocks?period=2021-06&blocksIntoEpoch=1000" },
      { method: "POST", path: "/api/simulate", body: simulate },
      { method: "GET", path: "/api/datasets?kind=sites" },
    ];
    const errors: string[] = [];
    const partial: string[] = [];
    const seen = new Map<string, Set<number>>(slugs.map((s) => [s, new Set<number>()]));
    let importing = true;
    let done = 0;

    let slowest = 0;
    async function readOnce(i: number) {
      const r = reads[i % reads.length] ?? reads[0]!;
      const startedAt = Date.now();
      try {
        const response = await fetch(`${server.url}${r.path}`, {
          method: r.method,
          ...(r.body ? { body: r.body, headers: { "content-type": "application/json" } } : {}),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await response.text();
        if (response.status < 200 || response.status >= 300) errors.push(`${r.method} ${r.path}: ${response.status} ${text.slice(0, 200)}`);
        else if (r.path.startsWith("/api/datasets")) {
          const { datasets } = JSON.parse(text) as { datasets: { slug: string; rows: number }[] };
          for (const slug of slugs) {
            const rows = datasets.find((d) => d.slug === slug)?.rows ?? 0;
            seen.get(slug)?.add(rows);
            if (rows !== 0 && rows !== ROWS) partial.push(`${slug}: ${rows} of ${ROWS} rows visible`);
          }
        } else JSON.parse(text);
      } catch (error) {
        const cause =
          error instanceof Error && error.cause instanceof Error
            ? ` (${error.cause.message}${"code" in error.cause ? ` ${String(error.cause.code)}` : ""})`
            : "";
        errors.push(`${r.method} ${r.path} after ${Date.now() - t0} ms: ${error instanceof Error ? error.message : String(error)}${cause}`);
      }
      slowest = Math.max(slowest, Date.now() - startedAt);
      done++;
    }

    const readers = Array.from({ length: READERS }, async (_, reader) => {
      let i = reader;
      while (importing) await readOnce(i++);
      await readOnce(i); // one more after the last import
    });
    // The readers get going first; the imports start staggered and overlap each other and the reads.
    await sleep(300);
    const readsBefore = done;
    const imports = slugs.map(async (slug, i) => {
      await sleep(i * 400);
      const r = await importCsv(server.url, slug, csv);
      return { slug, ...r };
    });
    const results = await Promise.all(imports).finally(() => (importing = false));
    const readsDuring = done - readsBefore;
    await Promise.all(readers);

    expect(results.map((r) => [r.slug, r.status, r.body.rows])).toEqual(slugs.map((s) => [s, 201, ROWS]));
    expect(errors.slice(0, 5), `${errors.length} failed reads (slowest read ${slowest} ms)`).toEqual([]);
    expect(partial.slice(0, 5)).toEqual([]);
    const after = (await (await fetch(`${server.url}/api/datasets?kind=sites`)).json()) as { datasets: { slug: string; rows: number }[] };
    for (const slug of slugs) expect(after.datasets.find((d) => d.slug === slug)?.rows, slug).toBe(ROWS);

    // `next start` finishes what is in flight on SIGTERM, then exits with 128 + 15 (Next's choice).
    const exit = await stop(server);
    expect(exit).toMatchObject({ code: 143, signal: null });
    expect(integrity(server.dbFile)).toBe("ok");
    for (const slug of slugs) expect(sitesOf(server.dbFile, slug)).toEqual({ dataset: 1, sites: ROWS });
    // The reads really overlapped the imports: some saw an import before it, some after.
    expect(readsDuring).toBeGreaterThan(READERS);
    expect([...seen.values()].some((v) => v.has(0) && v.has(ROWS))).toBe(true);
    const states = [...seen.entries()].map(([s, v]) => `${s}: ${[...v].sort((a, b) => a - b).join("/")}`).join(", ");
    console.log(
      `fault a: ${done} reads by ${READERS} readers (${readsDuring} while importing), ${IMPORTS} imports of ${ROWS} sites, 0 errors; slowest read ${slowest} ms; row counts seen ${states}; ${Date.now() - t0} ms`,
    );
  }, 240_000);

  it("b. SIGKILL during an import's write: the restart is clean, the import whole or absent", async () => {
    const ROWS = LONG ? 150_000 : 80_000;
    const ROUNDS = LONG ? 4 : 1;
    const csv = syntheticSitesCsv(ROWS);
    const file = copyBase("b.db");
    const before = counts(file);
    const outcomes: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const t0 = Date.now();
      const server = await startNext(file);
      const slug = `fault-b-${round}`;
      const wal = `${file}-wal`;
      const walAtStart = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
      const request = importCsv(server.url, slug, csv).then(
        (r) => `answered ${r.status}`,
        (e: unknown) => `failed (${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)})`,
      );
      // Round 1 kills once the write transaction has spilled pages into the WAL (mid-write); later
      // rounds at a random moment of the whole request (upload, parse, write or just after).
      const randomDelay = round === 1 ? Infinity : 200 + Math.random() * 4_000;
      let trigger = "";
      while (!trigger) {
        const size = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
        // 256 KiB of frames: the transaction is well under way, its pages spilling into the WAL.
        if (size > walAtStart + 256 * 1024) trigger = `WAL grew to ${size} bytes`;
        else if (Date.now() - t0 > randomDelay) trigger = `random moment ${Date.now() - t0} ms`;
        else if (Date.now() - t0 > 60_000) throw new Error(`the import never started writing:\n${server.output().slice(-2000)}`);
        else await sleep(2);
      }
      server.child.kill("SIGKILL");
      expect(await server.exit).toMatchObject({ signal: "SIGKILL" });
      const answer = await request;

      // Restart as a user would (`npm start`, which checks the file before serving) on the same file.
      const restarted = await startNpm(file);
      const health = (await (await fetch(`${restarted.url}/api/health`)).json()) as { status: string; database: { journalMode: string } };
      expect(health).toMatchObject({ status: "ok", database: { journalMode: "wal" } });
      expect(integrity(file)).toBe("ok");
      const state = sitesOf(file, slug);
      expect([
        { dataset: 0, sites: 0 },
        { dataset: 1, sites: ROWS },
      ]).toContainEqual(state);
      const datasets = (await (await fetch(`${restarted.url}/api/datasets?kind=sites`)).json()) as { datasets: { slug: string; rows: number }[] };
      expect(datasets.datasets.find((d) => d.slug === slug)?.rows ?? 0).toBe(state.sites);
      expect(await stop(restarted)).toMatchObject({ code: 0 });
      outcomes.push(
        `round ${round}: killed at ${trigger}, client ${answer}, after restart the import is ${state.dataset ? "complete" : "absent"} (${Date.now() - t0} ms)`,
      );
    }
    // Everything but the killed imports is as it was.
    const after = counts(file);
    const imported = withDb(file, (db) => (db.prepare(`SELECT count(*) AS n FROM "Dataset" WHERE slug LIKE 'fault-b-%'`).get() as { n: number }).n);
    expect({ ...after, Dataset: (after.Dataset ?? 0) - imported, MiningSite: (after.MiningSite ?? 0) - imported * ROWS }).toEqual(before);
    console.log(`fault b: ${outcomes.join("; ")}`);
  }, 300_000);

  it("c. SIGTERM: requests in flight finish, new connections are refused, npm start exits 0", async () => {
    const t0 = Date.now();
    const ROWS = 5_000;
    const server = await startNpm(copyBase("c.db"), { LOG_LEVEL: "info" }); // request lines explain a slow stop
    const csv = syntheticSitesCsv(ROWS);
    const upload = streamingPost(
      server.url,
      `/api/import?kind=sites&dataset=fault-c&${PROVENANCE}`,
      { authorization: `Bearer ${TOKEN}`, "content-type": "text/csv" },
      Buffer.byteLength(csv),
    );
    const scenario = JSON.stringify({
      period: "2021-05",
      shutdown: ["CN", "US", { id: "EAEU", fraction: 0.7 }],
      migration: { fraction: 0.8, days: 3000, delayDays: 100, weighting: "cheap-power" },
      horizonDays: 3650,
    });
    // A keep-alive connection busy when the stop comes: Node's close() alone would leave it open
    // after its answer, up to the 120 s keep-alive timeout (scripts/graceful-close.cjs).
    const simulation = streamingPost(server.url, "/api/simulate", { "content-type": "application/json" }, Buffer.byteLength(scenario), { keepAlive: true });
    const exportRequest = fetch(`${server.url}/api/export?what=distribution&period=all&format=csv`, { signal: AbortSignal.timeout(60_000) });
    upload.write(csv.slice(0, 1000));
    simulation.write(scenario.slice(0, 20));
    await sleep(500); // both handlers are now waiting for the rest of their bodies

    server.child.kill("SIGTERM");
    const signalledAt = Date.now();
    let refused = false;
    while (!refused && Date.now() - signalledAt < 10_000) {
      refused = await refusesConnections(server.port);
      if (!refused) await sleep(50);
    }
    expect(
      refused,
      `the server still accepts connections 10 s after SIGTERM (npm start: exit ${server.child.exitCode}, signal ${server.child.signalCode}); its output:\n${server.output().slice(-3000)}`,
    ).toBe(true);
    expect(server.child.exitCode).toBeNull(); // still finishing what is in flight

    upload.end(csv.slice(1000));
    simulation.end(scenario.slice(20));
    const [imported, simulated, exported] = await Promise.all([upload.response, simulation.response, exportRequest]);
    expect(imported.status).toBe(201);
    expect(JSON.parse(imported.body)).toMatchObject({ dataset: "fault-c", rows: ROWS });
    expect(simulated.status).toBe(200);
    expect((JSON.parse(simulated.body) as { timeline: unknown[] }).timeline.length).toBeGreaterThanOrEqual(3650);
    expect(exported.status).toBe(200);
    expect((await exported.text()).split("\n").length).toBeGreaterThan(100);
    const answeredAt = Date.now();

    const exit = await server.exit;
    expect(exit).toMatchObject({ code: 0, signal: null });
    // Next waits for the connections to close; idle ones are swept once it is closing.
    expect(
      exit.at - answeredAt,
      `npm start took ${exit.at - answeredAt} ms to exit after the answers; its output:\n${server.output().slice(-4000)}`,
    ).toBeLessThan(15_000);
    simulation.release();
    expect(integrity(server.dbFile)).toBe("ok");
    expect(sitesOf(server.dbFile, "fault-c")).toEqual({ dataset: 1, sites: ROWS });
    // Reopenable for writing, as the next start will.
    const db = openSqlite(server.dbFile);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    console.log(
      `fault c: in-flight import, 3650-day simulation and export answered ${answeredAt - signalledAt} ms after SIGTERM; npm start exited 0 ${exit.at - answeredAt} ms later; ${Date.now() - t0} ms`,
    );
  }, 120_000);

  describe("d. start-up on a database it cannot use: one line naming the file, exit 2, quickly", () => {
    const root0 = process.getuid?.() === 0;
    const mountWorks = root0 && canRun("mount", ["--version"]);

    async function expectStartFailure(dbFile: string, reason: RegExp, extraEnv: Record<string, string> = {}, options: { uid?: number; gid?: number } = {}) {
      const port = await freePort();
      const t0 = Date.now();
      const env = serverEnv(dbFile, { PORT: String(port), ...extraEnv });
      let run: ReturnType<typeof spawnTracked>;
      if (options.uid !== undefined) {
        const child = spawn(process.execPath, START_ARGS, {
          cwd: root,
          env,
          stdio: ["ignore", "pipe", "pipe"],
          detached: true,
          uid: options.uid,
          gid: options.gid,
        });
        started.add(child);
        let output = "";
        child.stdout.on("data", (c: Buffer) => (output += c.toString()));
        child.stderr.on("data", (c: Buffer) => (output += c.toString()));
        const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
          child.on("exit", (code, signal) => {
            started.delete(child);
            resolve({ code, signal, at: Date.now() });
          }),
        );
        run = { child, output: () => output, exit };
      } else run = spawnNpmStart(dbFile, port, extraEnv);
      const timer = setTimeout(() => killGroup(run.child), 30_000);
      const exit = await run.exit;
      clearTimeout(timer);
      killGroup(run.child);
      const ms = exit.at - t0;
      const lines = run
        .output()
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
      expect({ code: exit.code, lines }).toMatchObject({ code: 2 });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`start failed: ${dbFile}: `);
      expect(lines[0]).toMatch(reason);
      expect(ms).toBeLessThan(20_000);
      console.log(`fault d: ${ms} ms → ${lines[0]}`);
    }

    it("a database file with garbage in its header", async () => {
      const file = copyBase("garbage-header.db");
      const fd = fs.openSync(file, "r+");
      fs.writeSync(fd, Buffer.from("this is not a SQLite header at all, just garbage bytes".repeat(4)), 0, 200, 0);
      fs.closeSync(fd);
      await expectStartFailure(file, /not a database/);
    });

    it("a database file with garbage in its pages (found by PRAGMA quick_check)", async () => {
      const file = copyBase("garbage-pages.db");
      const size = fs.statSync(file).size;
      const fd = fs.openSync(file, "r+");
      let seed = 7;
      const junk = Buffer.alloc(600);
      // From page 10 on: data pages (the first pages hold the schema, whose damage stops the open itself).
      for (let offset = 4096 * 10; offset < size; offset += 4096 * 7) {
        for (let i = 0; i < junk.length; i++) junk[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
        fs.writeSync(fd, junk, 0, junk.length, offset + 100);
      }
      fs.closeSync(fd);
      await expectStartFailure(file, /corrupt \(quick_check: /);
    });

    it("a read-only directory (read-only bind mount as root, else chmod)", async (ctx) => {
      const rw = fs.mkdtempSync(path.join(dir, "rw-"));
      const file = copyBase("ro.db", rw);
      if (root0) {
        if (!mountWorks) return ctx.skip();
        const ro = fs.mkdtempSync(path.join(dir, "ro-"));
        try {
          execFileSync("mount", ["--bind", rw, ro], { stdio: "ignore" });
          mounts.push(ro);
          execFileSync("mount", ["-o", "remount,bind,ro", ro], { stdio: "ignore" });
        } catch {
          return ctx.skip();
        }
        await expectStartFailure(path.join(ro, "ro.db"), /directory .* is not writable \(EROFS/);
        await expectStartFailure(path.join(ro, "new", "fresh.db"), /cannot create its directory .* is not writable: EROFS/);
      } else {
        fs.chmodSync(rw, 0o555);
        try {
          await expectStartFailure(file, /directory .* is not writable \(EACCES/);
        } finally {
          fs.chmodSync(rw, 0o755);
        }
      }
    });

    it("a read-only database file (chattr +i as root, and chmod 444 for an unprivileged user)", async (ctx) => {
      const file = copyBase("immutable.db", fs.mkdtempSync(path.join(dir, "imm-")));
      let tested = 0;
      if (root0 && canRun("chattr", ["+i", file])) {
        immutable.push(file);
        try {
          await expectStartFailure(file, /database file is not writable \(EPERM/);
          tested++;
        } finally {
          spawnSync("chattr", ["-i", file]);
        }
      }
      const writableDir = fs.mkdtempSync(path.join(dir, "mode-"));
      fs.chmodSync(writableDir, 0o777);
      fs.chmodSync(dir, 0o755);
      const readonlyFile = copyBase("mode.db", writableDir);
      fs.chmodSync(readonlyFile, 0o444);
      if (!root0) {
        await expectStartFailure(readonlyFile, /database file is not writable \(EACCES/);
        tested++;
      } else {
        // Root ignores mode bits: run npm start as "nobody", if that user can read the project.
        const nobody = { uid: 65534, gid: 65534 };
        const readable =
          spawnSync(
            process.execPath,
            [
              "-e",
              `require("fs").accessSync(${JSON.stringify(path.join(root, "scripts", "start.ts"))}); require("fs").accessSync(${JSON.stringify(TSX_ENTRY)})`,
            ],
            { ...nobody, stdio: "ignore" },
          ).status === 0;
        if (readable) {
          // HOME and TMPDIR inside the test's directory: tsx keeps its cache and pipes under the temp dir.
          await expectStartFailure(readonlyFile, /database file is not writable \(EACCES/, { HOME: writableDir, TMPDIR: writableDir }, nobody);
          tested++;
        }
      }
      if (tested === 0) ctx.skip();
    });

    it("a full disk (a 64 KiB tmpfs) for a new database", async (ctx) => {
      if (!mountWorks) return ctx.skip();
      const full = fs.mkdtempSync(path.join(dir, "full-"));
      try {
        execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", full], { stdio: "ignore" });
        mounts.push(full);
      } catch {
        return ctx.skip();
      }
      await expectStartFailure(path.join(full, "new.db"), /database or disk is full/);
    });

    it("a disk that fills up during an import: the server and the data stay as they were", async (ctx) => {
      if (!mountWorks) return ctx.skip();
      const small = fs.mkdtempSync(path.join(dir, "small-"));
      // Room for the seeded database, its -shm and a little growth, not for 20 000 more sites.
      const size = Math.ceil((fs.statSync(baseDb).size + 512 * 1024) / 4096) * 4096;
      try {
        execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", small], { stdio: "ignore" });
        mounts.push(small);
      } catch {
        return ctx.skip();
      }
      const file = copyBase("small.db", small);
      const before = counts(file);
      const server = await startNext(file);
      const r = await importCsv(server.url, "fault-full", syntheticSitesCsv(20_000));
      // Today this is a 500 "internal error" (SQLITE_FULL is not mapped to a status of its own).
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.body.error?.message).toBeTruthy();
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect((await fetch(`${server.url}/api/metrics`)).status).toBe(200);
      const small2 = await importCsv(server.url, "fault-small", syntheticSitesCsv(3));
      expect(await stop(server)).toMatchObject({ code: 143 });
      expect(integrity(file)).toBe("ok");
      expect(sitesOf(file, "fault-full")).toEqual({ dataset: 0, sites: 0 });
      const after = counts(file);
      const smallWritten = small2.status === 201 ? 1 : 0;
      expect({
        ...after,
        Dataset: (after.Dataset ?? 0) - smallWritten,
        MiningSite: (after.MiningSite ?? 0) - 3 * smallWritten,
        SiteCell: (after.SiteCell ?? 0) - cellsOf(file, "fault-small"),
      }).toEqual(before);
      console.log(
        `fault d: import onto a full disk answered ${r.status} "${r.body.error?.message}"; a 3-site import afterwards answered ${small2.status}; server healthy, database intact`,
      );
    });
  });

  it("e. HASHATLAS_SIMULATE_RATE_PER_MINUTE: 429 with Retry-After per client once exceeded, cached scenarios counted", async () => {
    const LIMIT = 3;
    const server = await startNext(copyBase("e.db"), { HASHATLAS_SIMULATE_RATE_PER_MINUTE: String(LIMIT) });
    try {
      const scenario = JSON.stringify({ period: "2021-05", shutdown: ["CN"], horizonDays: 30 });
      // A client is its socket address (lib/api/client-key.ts): each connects from an address of its own on 127/8.
      const simulate = (client: string) =>
        new Promise<{ status: number; retryAfter: string | null; body: Record<string, unknown> }>((resolve, reject) => {
          const request = http.request(
            {
              host: "127.0.0.1",
              port: server.port,
              method: "POST",
              path: "/api/simulate",
              localAddress: client,
              agent: false,
              headers: { "content-type": "application/json" },
            },
            (response) => {
              const chunks: Buffer[] = [];
              response.on("data", (c: Buffer) => chunks.push(c));
              response.on("end", () =>
                resolve({
                  status: response.statusCode ?? 0,
                  retryAfter: response.headers["retry-after"] ?? null,
                  body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
                }),
              );
            },
          );
          request.on("error", reject);
          request.end(scenario);
        });
      // The same body each time: from the second on the answer comes from the cache, and still counts.
      const allowed = [];
      for (let i = 0; i < LIMIT; i++) allowed.push(await simulate("127.0.0.7"));
      expect(allowed.map((r) => r.status)).toEqual(Array<number>(LIMIT).fill(200));
      expect(allowed[2]?.body).toEqual(allowed[0]?.body);
      const refused = await simulate("127.0.0.7");
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60 / LIMIT);
      expect(refused.body).toEqual({
        error: {
          status: 429,
          field: "rate-limit",
          message: `too many simulations from this client: at most ${LIMIT} a minute; try again in ${refused.retryAfter} s`,
        },
      });
      // Another client has an allowance of its own.
      expect((await simulate("127.0.0.8")).status).toBe(200);
    } finally {
      await stop(server);
    }
  });
});
