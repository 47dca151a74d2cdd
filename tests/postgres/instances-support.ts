// What tests/postgres/instances.test.ts uses to run `npm start` instances on its PostgreSQL cluster and
// to ask them and the database what they hold.
import { type ChildProcess, spawn } from "node:child_process";
import type pg from "pg";
import { expect } from "vitest";
import { z } from "zod";
import { copyStatement, WRITE_LOCK_KEY } from "@/lib/db/postgres/sql";
import { FACT_TABLES } from "@/lib/db/row-tables";
import { HealthResponse } from "@/lib/validation/responses/system";

export const TOKEN = "pg-instances-admin-token-0123456789";
const PROVENANCE = "publisher=PG%20Lab&url=https%3A%2F%2Fexample.org%2Fpg&licence=CC0";
/** How long an answer may take while PostgreSQL is down: the health check's and the pool's timeouts, with room for a loaded machine. */
export const DOWN_ANSWER_MS = 15_000;

export type Instance = { child: ChildProcess; port: number; url: string; output: () => string; exited: Promise<void> };

/** `npm start` (node --import tsx scripts/start.ts), as package.json runs it, in a process group of its own. */
export function npmStart(databaseUrl: string, port: number): Instance {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      HASHATLAS_ADMIN_TOKEN: TOKEN,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

export const alive = (instance: Instance) => instance.child.exitCode === null && instance.child.signalCode === null;

/** A stop asked with SIGTERM that has not ended the instance by then is made with SIGKILL: a failed test must not hang the file. */
const STOP_GRACE_MS = 15_000;

/** Ends the instance's whole process group (tsx → start.ts → next, and next's import worker) with `signal`. */
export async function end(instance: Instance, signal: NodeJS.Signals): Promise<void> {
  const group = instance.child.pid;
  if (group === undefined || !alive(instance)) return;
  const kill = (s: NodeJS.Signals) => {
    try {
      process.kill(-group, s);
    } catch {
      // already gone
    }
  };
  kill(signal);
  const late = setTimeout(() => kill("SIGKILL"), STOP_GRACE_MS);
  await instance.exited;
  clearTimeout(late);
}

export async function health(instance: Instance): Promise<{ status: number; body: z.infer<typeof HealthResponse> }> {
  const response = await fetch(`${instance.url}/api/health`, { signal: AbortSignal.timeout(DOWN_ANSWER_MS) });
  return { status: response.status, body: HealthResponse.parse(await response.json()) };
}

/** The first answer of `probe` that is not undefined, trying every 200 ms; `context` goes into the error when there is none in time. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, context: () => string = () => ""): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const found = await probe();
      if (found !== undefined) return found;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const Datasets = z.object({ datasets: z.array(z.object({ slug: z.string(), rows: z.number() })) }).transform((d) => d.datasets);

export async function datasets(instance: Instance): Promise<{ etag: string | null; list: z.output<typeof Datasets> }> {
  const response = await fetch(`${instance.url}/api/datasets`);
  expect(response.status).toBe(200);
  return { etag: response.headers.get("etag"), list: Datasets.parse(await response.json()) };
}

/** POST /api/import of a sites CSV as dataset `slug`, through `instance`. */
export function importSites(instance: Instance, slug: string, csv: string): Promise<Response> {
  return fetch(`${instance.url}/api/import?kind=sites&dataset=${slug}&${PROVENANCE}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/csv" },
    body: csv,
  });
}

const Writer = z.object({ pid: z.number(), xid: z.string().regex(/^\d+$/) });

/**
 * The backend of an import in the middle of its write, seen from `watcher`: it holds the write lock,
 * its transaction has written (a transaction id is assigned) and it is sending the sites (their COPY). Its xid tells
 * afterwards whether that transaction committed or aborted (pg_xact_status).
 */
export async function writerMidWrite(watcher: pg.Client, applicationName: string): Promise<z.infer<typeof Writer>> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 5))) {
    const { rows } = await watcher.query(
      `SELECT a.pid, a.backend_xid::text AS xid FROM pg_stat_activity a
       JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.objid = $2 AND l.granted
       WHERE a.application_name = $1 AND a.backend_xid IS NOT NULL AND a.query = $3`,
      [applicationName, WRITE_LOCK_KEY, copyStatement(FACT_TABLES.sites)],
    );
    if (rows[0] !== undefined) return Writer.parse(rows[0]);
  }
  throw new Error("no import was seen writing its sites");
}

/** What became of transaction `xid` once its backend is gone: 'committed' or 'aborted'. */
export async function outcomeOf(watcher: pg.Client, writer: z.infer<typeof Writer>): Promise<string> {
  const gone = async () => (await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [writer.pid])).rowCount === 0;
  for (const deadline = Date.now() + 30_000; !(await gone()); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > deadline) throw new Error(`the writer's backend ${writer.pid} is still there`);
  }
  const { rows } = await watcher.query(`SELECT pg_xact_status($1::xid8) AS status`, [writer.xid]);
  return z.object({ status: z.string() }).parse(rows[0]).status;
}

export async function writeLocksHeld(watcher: pg.Client): Promise<number> {
  const { rows } = await watcher.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1`, [WRITE_LOCK_KEY]);
  return z.object({ n: z.number() }).parse(rows[0]).n;
}
