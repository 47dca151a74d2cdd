// Two `npm start` instances on one PostgreSQL database (ONE throw-away cluster), as an operator runs them:
// started at the same moment on an empty database, one migrates and seeds it and the other waits and
// leaves it alone; an import through one is read through the other at once; PostgreSQL stopped → both
// answer /api/health with 503 (quickly, without crashing) and reads with 503; PostgreSQL back → both
// answer again, without a restart. One killed outright in the middle of an import's write: the other
// still serves the data as it was, the write lock is free, and the killed one restarts on the database as
// it is. PostgreSQL hung (its processes stopped, connections open): reads answer 503 once
// READ_QUERY_TIMEOUT_MS is up instead of hanging, and both answer again when it goes on.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticSitesCsv } from "@/bench/synthetic";
import { WRITER_APPLICATION_NAME } from "@/lib/db/postgres/connect";
import { READ_QUERY_TIMEOUT_MS } from "@/lib/db/postgres/pool";
import { buildIfNeeded } from "@/scripts/build-if-needed";
import { freePort } from "@/scripts/free-port";
import { type PostgresServer, startPostgres } from "@/scripts/postgres-server";
import {
  alive,
  datasets,
  DOWN_ANSWER_MS,
  end,
  health,
  importSites,
  type Instance,
  npmStart,
  outcomeOf,
  until,
  writeLocksHeld,
  writerMidWrite,
} from "./instances-support";

/** Sites in the import that is cut off: enough that its write takes a while, cheap to make (~1 s, 4 MB). */
const CUT_IMPORT_ROWS = 30_000;
/** A read on a hung PostgreSQL answers once READ_QUERY_TIMEOUT_MS is up; this much later is a hang. */
const HUNG_ANSWER_MS = READ_QUERY_TIMEOUT_MS + 5_000;

let cluster: PostgresServer;
const instances: Instance[] = [];
const outputs = () => instances.map((i) => i.output().slice(-2000)).join("\n---\n");
const healthy = (instance: Instance, timeoutMs: number) =>
  until(`${instance.url} healthy`, async () => ((await health(instance)).status === 200 ? true : undefined), timeoutMs, outputs);

beforeAll(async () => {
  cluster = await startPostgres();
  // Built here, once: the two instances would otherwise wait for each other's build (under its lock).
  buildIfNeeded();
  const ports = [await freePort(), await freePort()];
  for (const port of ports) instances.push(npmStart(cluster.url, port));
  for (const instance of instances) await healthy(instance, 120_000);
}, 300_000);

afterAll(async () => {
  for (const instance of instances) await end(instance, "SIGTERM");
  await cluster.stop();
});

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
    const response = await importSites(first, "pg-instances-sites", syntheticSitesCsv(300));
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
      await healthy(instance, 30_000);
      expect((await datasets(instance)).list.some((d) => d.slug === "pg-instances-sites")).toBe(true);
    }
    expect(instances.every(alive)).toBe(true);
  });

  it("one killed (SIGKILL) in the middle of an import's write: the other serves the data as it was, the lock is free, the killed one restarts as it was", async () => {
    const [victim, survivor] = instances as [Instance, Instance];
    const csv = syntheticSitesCsv(CUT_IMPORT_ROWS);
    const before = await datasets(survivor);
    const watcher = new pg.Client({ connectionString: cluster.url });
    await watcher.connect();
    try {
      const upload = importSites(victim, "pg-cut-sites", csv).then(
        (response) => response.status,
        () => "cut off",
      );
      // The witness: the victim's writer inside its transaction, holding the lock, sending the sites.
      const writer = await writerMidWrite(watcher, WRITER_APPLICATION_NAME);
      await end(victim, "SIGKILL");
      // The server rolled the write back when the connection went: it never committed.
      expect(await outcomeOf(watcher, writer)).toBe("aborted");
      expect(await upload).toBe("cut off");
      expect(await writeLocksHeld(watcher)).toBe(0);

      expect(await datasets(survivor)).toEqual(before);
      expect(alive(survivor)).toBe(true);
      // No leftover lock to wait for: an import through the survivor is written at once (a held lock would be a 503 after the busy timeout).
      const response = await importSites(survivor, "pg-cut-sites", syntheticSitesCsv(40));
      expect(response.status).toBe(201);
      expect((await datasets(survivor)).list.find((d) => d.slug === "pg-cut-sites")?.rows).toBe(40);
    } finally {
      await watcher.end();
    }

    const restarted = npmStart(cluster.url, victim.port);
    instances[0] = restarted;
    await healthy(restarted, 120_000);
    expect(restarted.output()).toMatch(/database: postgresql:\/\/\S+ \(database already holds \d+ datasets; seed left alone\)/);
    expect(restarted.output()).not.toMatch(/seeded with/);
    expect(await datasets(restarted)).toEqual(await datasets(survivor));
  }, 180_000);

  it("PostgreSQL hung (stopped processes, connections open): reads answer 503 once READ_QUERY_TIMEOUT_MS is up, health 503; going on: both answer", async () => {
    // Reads just now leave idle connections in each pool: the hung reads below meet the silent server on them, where no connect timeout helps.
    for (const instance of instances) await datasets(instance);
    await cluster.pause();
    try {
      await Promise.all(
        instances.map(async (instance) => {
          // A read that no answer cache holds yet (each read asks the data version first anyway).
          const read = fetch(`${instance.url}/api/metrics?period=2021-06`, { signal: AbortSignal.timeout(HUNG_ANSWER_MS) });
          const { status, body } = await health(instance);
          expect(status).toBe(503);
          expect(body.database).toMatchObject({ reachable: false });
          const answer = await read;
          expect(answer.status).toBe(503);
          expect(answer.headers.get("cache-control")).toBe("no-store");
          expect(answer.headers.get("retry-after")).not.toBeNull();
        }),
      );
      expect(instances.every(alive)).toBe(true);
    } finally {
      await cluster.unpause();
    }
    for (const instance of instances) {
      await healthy(instance, 30_000);
      await until(
        `${instance.url} reading again`,
        async () => ((await fetch(`${instance.url}/api/metrics?period=2021-06`)).status === 200 ? true : undefined),
        30_000,
        outputs,
      );
    }
  }, 120_000);
});
