// A throw-away PostgreSQL cluster for tests and benches: initdb into a temporary folder, started on a
// free port, listening on 127.0.0.1 only (and on a socket in that folder), removed again by stop() —
// and by a detached watchdog (postgres-watchdog.cjs) should this process die without calling it.
//
// - PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user that Debian's
//   package creates (runuser); otherwise to the current user. Its superuser is `postgres` either way,
//   with `trust` authentication: nothing but this machine can reach it.
// - `--locale=C -E UTF8`: text compares byte-wise, as SQLite's default BINARY collation does, so that
//   ORDER BY on text gives the same order on both backends.
// - fsync, full_page_writes and synchronous_commit are off: a crash may lose or corrupt this cluster,
//   which nobody keeps anyway. Never use these settings for a real database.
//
// `tsx scripts/postgres-server.ts` starts one, prints its URL and keeps it until Ctrl-C.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensurePostgres } from "./ensure-postgres";
import { freePort } from "./free-port";

export const DEFAULT_TEST_DATABASE = "hashatlas";
const SUPERUSER = "postgres";
const START_TIMEOUT_SECONDS = 30;
/** A port taken between freePort() and the start (another test's cluster) is retried on a new one. */
const START_ATTEMPTS = 3;
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const THROWAWAY_SETTINGS = [
  "listen_addresses = '127.0.0.1'",
  "fsync = off",
  "full_page_writes = off",
  "synchronous_commit = off",
  // Tests open a pool per app instance; the default 100 is plenty, but say so.
  "max_connections = 100",
];

export type PostgresServer = {
  /** URL of the database created at start (DEFAULT_TEST_DATABASE unless told otherwise). */
  url: string;
  port: number;
  /** The temporary folder holding the cluster (data/), its socket and its log; stop() removes it. */
  folder: string;
  /** Creates another empty database in the cluster and gives its URL. */
  createDatabase: (name: string) => Promise<string>;
  /** Stops the server at once (`pg_ctl stop -m immediate`) and removes its folder; safe to call twice. */
  stop: () => Promise<void>;
  /** Shuts the server down as an operator would (`pg_ctl stop -m fast`: sessions are ended), keeping its data. */
  halt: () => Promise<void>;
  /** Starts a halted server again, on the same port with the same data. */
  resume: () => Promise<void>;
  /**
   * Freezes the server (SIGSTOP to the postmaster and every process it started): connections stay open and
   * new ones are accepted by the kernel, but nothing answers — a hung server, where halt() is a stopped one.
   */
  pause: () => Promise<void>;
  /** Lets a paused server go on (SIGCONT); stop() does this too. */
  unpause: () => Promise<void>;
};

/** Runs PostgreSQL's programs as the cluster's owner: `postgres` when we are root, ourselves otherwise. */
function asOwner(binDir: string, program: string, args: string[]): [string, string[]] {
  const file = path.join(binDir, program);
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  return root ? ["runuser", ["-u", SUPERUSER, "--", file, ...args]] : [file, args];
}

function giveToOwner(folder: string): void {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return;
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync("id", ["-u", SUPERUSER], { encoding: "utf8" }).trim());
    gid = Number(execFileSync("id", ["-g", SUPERUSER], { encoding: "utf8" }).trim());
  } catch {
    throw new Error(`PostgreSQL will not run as root and there is no '${SUPERUSER}' user to run it as (Debian's postgresql package creates one)`);
  }
  fs.chownSync(folder, uid, gid);
}

function run(command: [string, string[]], cwd: string, what: string): void {
  const result = spawnSync(command[0], command[1], { cwd, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) {
    const output = `${result.stderr}${result.stdout}`.trim().split("\n").slice(-5).join(" | ");
    throw new Error(`${what} failed (${result.error?.message ?? `exit ${String(result.status)}`}): ${output}`);
  }
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").trim().split("\n").slice(-lines).join(" | ");
  } catch {
    return "(no log)";
  }
}

/** The processes `parent` started, from /proc (Linux): a stat line is "pid (comm) state ppid …", and comm may hold spaces and parentheses. */
function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(path.join("/proc", entry, "stat"), "utf8");
    } catch {
      continue; // gone meanwhile
    }
    if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === parent) children.push(Number(entry));
  }
  return children;
}

function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export function databaseUrl(port: number, database: string): string {
  return `postgresql://${SUPERUSER}@127.0.0.1:${port}/${database}`;
}

/** Start a throw-away cluster with one empty database; about 2 s, nearly all of it initdb. */
export async function startPostgres(options: { database?: string } = {}): Promise<PostgresServer> {
  const database = options.database ?? DEFAULT_TEST_DATABASE;
  if (!DATABASE_NAME.test(database)) throw new Error(`invalid database name ${JSON.stringify(database)}`);
  const binDir = ensurePostgres();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-pg-"));
  const dataDir = path.join(folder, "data");
  const log = path.join(folder, "server.log");
  const stopCommand = asOwner(binDir, "pg_ctl", ["stop", "-D", dataDir, "-m", "immediate", "-w"]);
  // Where pause() lists what it froze: the watchdog lets them go on before it stops the server.
  const pausedFile = path.join(folder, "paused.json");

  let watchdog: number | undefined;
  let stopped = false;
  let paused: number[] = [];
  const unpause = () => {
    signalAll(paused, "SIGCONT");
    paused = [];
    fs.rmSync(pausedFile, { force: true });
  };
  const pause = () => {
    if (paused.length) return;
    const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    // The postmaster first: stopped, it starts no new backend while its children are listed.
    signalAll([postmaster], "SIGSTOP");
    paused = [postmaster, ...childrenOf(postmaster)];
    fs.writeFileSync(pausedFile, JSON.stringify(paused));
    signalAll(paused.slice(1), "SIGSTOP");
  };
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stopSync);
    // A frozen server would not hear pg_ctl's stop.
    unpause();
    if (fs.existsSync(path.join(dataDir, "postmaster.pid"))) spawnSync(stopCommand[0], stopCommand[1], { cwd: folder, stdio: "ignore", timeout: 30_000 });
    fs.rmSync(folder, { recursive: true, force: true });
    if (watchdog !== undefined) {
      try {
        process.kill(watchdog);
      } catch {
        // already gone
      }
    }
  };
  process.on("exit", stopSync);

  try {
    giveToOwner(folder);
    run(
      asOwner(binDir, "initdb", ["-D", dataDir, "-U", SUPERUSER, "-A", "trust", "--locale=C", "-E", "UTF8", "--no-sync", "--no-instructions"]),
      folder,
      "initdb",
    );
    fs.appendFileSync(path.join(dataDir, "postgresql.conf"), `\n# throw-away test cluster (scripts/postgres-server.ts)\n${THROWAWAY_SETTINGS.join("\n")}\n`);
    const child = spawn(process.execPath, [path.join(__dirname, "postgres-watchdog.cjs"), String(process.pid), folder, JSON.stringify(stopCommand.flat())], {
      detached: true,
      stdio: "ignore",
    });
    child.unref();
    watchdog = child.pid;

    const port = await startOnFreePort(binDir, dataDir, folder, log);
    await createDatabaseIn(port, database);
    const halt = asOwner(binDir, "pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", String(START_TIMEOUT_SECONDS)]);
    const resume = startCommand(binDir, dataDir, folder, log, port);
    return {
      url: databaseUrl(port, database),
      port,
      folder,
      createDatabase: async (name) => {
        await createDatabaseIn(port, name);
        return databaseUrl(port, name);
      },
      stop: () => {
        stopSync();
        return Promise.resolve();
      },
      halt: () => runAsync(halt, folder, "pg_ctl stop"),
      resume: () => runAsync(resume, folder, "pg_ctl start"),
      pause: () =>
        new Promise<void>((resolve) => {
          pause();
          resolve();
        }),
      unpause: () =>
        new Promise<void>((resolve) => {
          unpause();
          resolve();
        }),
    };
  } catch (error) {
    stopSync();
    throw error;
  }
}

function startCommand(binDir: string, dataDir: string, folder: string, log: string, port: number): [string, string[]] {
  // The port goes on the command line (pg_ctl hands -o to a shell): a number and a mkdtemp path are safe there.
  return asOwner(binDir, "pg_ctl", ["start", "-D", dataDir, "-l", log, "-w", "-t", String(START_TIMEOUT_SECONDS), "-o", `-p ${port} -k ${folder}`]);
}

/** run() without blocking the event loop: the servers a test talks to meanwhile live in this process's children, but its own timers must go on. */
function runAsync(command: [string, string[]], cwd: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command[1], { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: (START_TIMEOUT_SECONDS + 10) * 1000 });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${what} failed (exit ${String(code)}): ${output.trim().split("\n").slice(-3).join(" | ")}`)),
    );
  });
}

async function startOnFreePort(binDir: string, dataDir: string, folder: string, log: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const start = startCommand(binDir, dataDir, folder, log, port);
    const result = spawnSync(start[0], start[1], { cwd: folder, encoding: "utf8", timeout: (START_TIMEOUT_SECONDS + 10) * 1000 });
    if (result.status === 0) return port;
    const why = tail(log, 3);
    if (attempt >= START_ATTEMPTS || !/could not bind|address already in use/i.test(why)) {
      throw new Error(`PostgreSQL did not start on port ${port}: ${why}`);
    }
  }
}

async function createDatabaseIn(port: number, name: string): Promise<void> {
  if (!DATABASE_NAME.test(name)) throw new Error(`invalid database name ${JSON.stringify(name)}: lower-case letters, digits and _`);
  const client = new pg.Client({ connectionString: databaseUrl(port, "postgres") });
  await client.connect();
  try {
    // CREATE DATABASE takes no parameters; the name was checked against DATABASE_NAME above.
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  const started = performance.now();
  startPostgres()
    .then((server) => {
      console.log(`${server.url} (started in ${Math.round(performance.now() - started)} ms; Ctrl-C stops it and removes it)`);
      // Nothing else keeps this process (and so the cluster) alive until the signal.
      const keepAlive = setInterval(() => undefined, 1 << 30);
      for (const signal of ["SIGINT", "SIGTERM"] as const)
        process.once(signal, () => {
          clearInterval(keepAlive);
          void server.stop();
        });
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
