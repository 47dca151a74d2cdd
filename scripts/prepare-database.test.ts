// Several `npm start` instances started at the same moment on one absent database file: the start-up
// step they all run (prepareDatabase, as scripts/start.ts calls it) migrates and seeds it once.
// Real processes, not promises in one process: the lock must hold between processes. Without it,
// one of three such starts failed with "database is locked" and the others both seeded.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_MIGRATIONS_DIR, migrationStatus } from "@/lib/db/migrate";
import { listMigrationNames } from "@/lib/db/migration-status";
import { startLockFile } from "@/lib/db/start-lock";

const INSTANCES = 3;
const root = path.resolve(__dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-prepare-"));
const dbFile = path.join(dir, "absent", "shared.db");

// Each instance loads everything, says "ready", and starts only when told: all of them at once.
const CHILD = `
import { once } from "node:events";
const loaded = await import(${JSON.stringify(path.join(__dirname, "prepare-database.ts"))});
const { prepareDatabase } = loaded.default ?? loaded; // a CommonJS module seen from ESM
let waited = false;
process.stdout.write("ready\\n");
await once(process.stdin, "data");
const result = await prepareDatabase(process.argv[1], { onWait: () => { waited = true; } });
process.stdout.write(JSON.stringify({ waited, seeded: !result.skipped, reason: result.skipped ? result.reason : null }) + "\\n");
process.exit(0);
`;

type Report = { waited: boolean; seeded: boolean; reason: string | null };
type Instance = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function startInstance(): Instance {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", CHILD, dbFile], {
    cwd: root,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function ready(instance: Instance, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!instance.output().includes("ready\n")) {
    if (instance.child.exitCode !== null) throw new Error(`an instance exited before it was ready: ${instance.output()}`);
    if (Date.now() > deadline) throw new Error(`an instance was not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const instances: Instance[] = [];

afterAll(() => {
  for (const { child } of instances) if (child.exitCode === null) child.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`${INSTANCES} instances starting at the same moment on an absent database file`, () => {
  it("apply each migration once and write each seed dataset once, and every instance starts", async () => {
    for (let i = 0; i < INSTANCES; i++) instances.push(startInstance());
    for (const instance of instances) await ready(instance, 60_000);
    for (const { child } of instances) child.stdin?.write("go\n");
    const codes = await Promise.all(instances.map((i) => i.exited));
    expect(codes, instances.map((i) => i.output()).join("\n---\n")).toEqual(instances.map(() => 0));

    const reports = instances.map((i) => JSON.parse(i.output().split("\n").filter(Boolean).at(-1) ?? "") as Report);
    // One seeded; the others waited for it, then found the datasets there.
    expect(reports.filter((r) => r.seeded)).toHaveLength(1);
    for (const r of reports.filter((r) => !r.seeded)) expect(r.reason).toMatch(/^database already holds \d+ datasets$/);
    expect(reports.filter((r) => r.waited).length, "no instance ever found the lock held: they did not start together").toBeGreaterThanOrEqual(1);

    const db = new Database(dbFile, { readonly: true });
    try {
      const migrations = db
        .prepare<[], { migration_name: string; finished_at: number | null; rolled_back_at: number | null }>(
          `SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`,
        )
        .all();
      expect(migrations.map((m) => m.migration_name)).toEqual(listMigrationNames(DEFAULT_MIGRATIONS_DIR));
      expect(migrations.every((m) => m.finished_at !== null && m.rolled_back_at === null)).toBe(true);
      // Ids are never reused: a dataset written twice would have a second id past the count.
      const datasets = db
        .prepare<[], { n: number; slugs: number; maxId: number }>(`SELECT count(*) AS n, count(DISTINCT slug) AS slugs, max(id) AS maxId FROM "Dataset"`)
        .get();
      expect(datasets?.n).toBeGreaterThan(0);
      expect(datasets).toEqual({ n: datasets?.n, slugs: datasets?.n, maxId: datasets?.n });
    } finally {
      db.close();
    }
    expect(migrationStatus(dbFile)).toMatchObject({ pending: [], failed: [] });
    // The lock file stays (removing it could hand out a second lock) and is empty: nothing was written to it.
    expect(fs.statSync(startLockFile(dbFile)).size).toBe(0);
  }, 120_000);
});
