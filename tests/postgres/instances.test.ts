// Two `npm start` instances on one PostgreSQL database (ONE throw-away cluster), as an operator runs them:
// started at the same moment on an empty database, one migrates and seeds it and the other waits and
// leaves it alone; an import through one is read through the other at once; PostgreSQL stopped → both
// answer /api/health with 503 (quickly, without crashing) and reads with 503; PostgreSQL back → both
// answer again, without a restart.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { syntheticSitesCsv } from "@/bench/synthetic";
import { HealthResponse } from "@/lib/validation/responses/system";
import { buildIfNeeded } from "@/scripts/build-if-needed";
import { freePort } from "@/scripts/free-port";
import { type PostgresServer, startPostgres } from "@/scripts/postgres-server";

const TOKEN = "pg-instances-admin-token-0123456789";
const PROVENANCE = "publisher=PG%20Lab&url=https%3A%2F%2Fexample.org%2Fpg&licence=CC0";
/** How long an answer may take while PostgreSQL is down: the health check's and the pool's timeouts, with room for a loaded machine. */
const DOWN_ANSWER_MS = 15_000;

type Instance = { child: ChildProcess; url: string; output: () => string };

let cluster: PostgresServer;
const instances: Instance[] = [];

/** `npm start` (node --import tsx scripts/start.ts), as package.json runs it, in a process group of its own. */
function npmStart(port: number): Instance {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: cluster.url,
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
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

const alive = (instance: Instance) => instance.child.exitCode === null && instance.child.signalCode === null;

async function health(instance: Instance): Promise<{ status: number; body: z.infer<typeof HealthResponse> }> {
  const response = await fetch(`${instance.url}/api/health`, { signal: AbortSignal.timeout(DOWN_ANSWER_MS) });
  return { status: response.status, body: HealthResponse.parse(await response.json()) };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const found = await probe();
      if (found !== undefined) return found;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${instances.map((i) => i.output().slice(-2000)).join("\n---\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  cluster = await startPostgres();
  // Built here, once: the two instances would otherwise wait for each other's build (under its lock).
  buildIfNeeded();
  const ports = [await freePort(), await freePort()];
  for (const port of ports) instances.push(npmStart(port));
  for (const instance of instances) await until(`${instance.url} healthy`, async () => ((await health(instance)).status === 200 ? true : undefined), 120_000);
}, 300_000);

afterAll(async () => {
  for (const { child } of instances) {
    if (child.pid !== undefined && alive({ child, url: "", output: () => "" })) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
  }
  await cluster.stop();
});

const Datasets = z.object({ datasets: z.array(z.object({ slug: z.string(), rows: z.number() })) }).transform((d) => d.datasets);

async function datasets(instance: Instance): Promise<{ etag: string | null; list: z.output<typeof Datasets> }> {
  const response = await fetch(`${instance.url}/api/datasets`);
  expect(response.status).toBe(200);
  return { etag: response.headers.get("etag"), list: Datasets.parse(await response.json()) };
}

describe("two instances on one PostgreSQL database", () => {
  it("started together on an empty database: one migrated and seeded it, the other waited and left it alone", async () => {
    const outputs = instances.map((i) => i.output());
    expect(outputs.filter((o) => /database: postgresql:\/\/\S+ seeded with \d+ datasets/.test(o))).toHaveLength(1);
    expect(outputs.filter((o) => /database: postgresql:\/\/\S+ \(database already holds \d+ datasets; seed left alone\)/.test(o))).toHaveLength(1);
    const [a, b] = await Promise.all(instances.map(datasets));
    expect(b?.list).toEqual(a?.list);
    expect(b?.etag).toBe(a?.etag);
  });

  it("an import through one is read through the other at its next request", async () => {
    const [first, second] = instances as [Instance, Instance];
    const before = await datasets(second);
    const response = await fetch(`${first.url}/api/import?kind=sites&dataset=pg-instances-sites&${PROVENANCE}`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/csv" },
      body: syntheticSitesCsv(300),
    });
    expect(response.status).toBe(201);
    const after = await datasets(second);
    expect(after.list.find((d) => d.slug === "pg-instances-sites")?.rows).toBe(300);
    expect(after.etag).not.toBe(before.etag);
    expect((await datasets(first)).etag).toBe(after.etag);
    const sites = await fetch(`${second.url}/api/sites?dataset=pg-instances-sites&limit=1`);
    expect(sites.status).toBe(200);
  });

  it("PostgreSQL stopped: /api/health is 503 and reads are 503 on both, nobody crashes; back: both answer again without a restart", async () => {
    await cluster.halt();
    for (const instance of instances) {
      const { status, body } = await health(instance);
      expect(status).toBe(503);
      expect(body.database).toMatchObject({ reachable: false });
      const read = await fetch(`${instance.url}/api/metrics?period=2021-05`, { signal: AbortSignal.timeout(DOWN_ANSWER_MS) });
      expect(read.status).toBe(503);
      expect(read.headers.get("cache-control")).toBe("no-store");
      expect(read.headers.get("retry-after")).not.toBeNull();
    }
    expect(instances.every(alive)).toBe(true);

    await cluster.resume();
    for (const instance of instances) {
      await until(`${instance.url} healthy again`, async () => ((await health(instance)).status === 200 ? true : undefined), 30_000);
      expect((await datasets(instance)).list.some((d) => d.slug === "pg-instances-sites")).toBe(true);
    }
    expect(instances.every(alive)).toBe(true);
  });
});
