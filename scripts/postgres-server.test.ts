// The throw-away cluster itself, started the way a developer would (`tsx scripts/postgres-server.ts`) in a
// child process: it is PostgreSQL set up as documented, and when its starter is killed outright the
// watchdog stops it and removes its folder. (stop() itself is what every other PostgreSQL test ends with.)
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
let child: ChildProcess;
let url: string;
let dataDirectory: string;

async function query<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function until(condition: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) if (await condition()) return true;
  return condition();
}

beforeAll(async () => {
  child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "postgres-server.ts")], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const started = await until(() => /postgresql:\/\/\S+/.test(output) || child.exitCode !== null, 60_000);
  const found = /postgresql:\/\/\S+/.exec(output)?.[0];
  if (!started || found === undefined) throw new Error(`scripts/postgres-server.ts did not print a URL: ${output}`);
  url = found;
}, 90_000);

afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
});

describe("scripts/postgres-server.ts", () => {
  it("serves an empty UTF-8 database with the C collation, on 127.0.0.1 only, tuned for throw-away use", async () => {
    expect(url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/hashatlas$/);
    const settings = await query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('lc_collate', 'server_encoding', 'listen_addresses', 'fsync', 'full_page_writes', 'synchronous_commit', 'data_directory') ORDER BY name",
    );
    const byName = Object.fromEntries(settings.map((s) => [s.name, s.setting]));
    dataDirectory = byName.data_directory ?? "";
    expect(byName).toMatchObject({
      lc_collate: "C",
      server_encoding: "UTF8",
      listen_addresses: "127.0.0.1",
      fsync: "off",
      full_page_writes: "off",
      synchronous_commit: "off",
    });
    expect(fs.existsSync(dataDirectory)).toBe(true);
    expect(await query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
    // Byte order, as SQLite's BINARY collation: upper case before lower case, non-ASCII after both.
    const sorted = await query<{ v: string }>("SELECT v FROM (VALUES ('a'), ('B'), ('é'), ('Z'), ('ab')) AS t(v) ORDER BY v");
    expect(sorted.map((r) => r.v)).toEqual(["B", "Z", "a", "ab", "é"]);
  });

  it("is stopped and removed by its watchdog when the process that started it is killed", async () => {
    expect(dataDirectory).not.toBe("");
    child.kill("SIGKILL");
    expect(await until(() => !fs.existsSync(path.dirname(dataDirectory)), 10_000)).toBe(true);
    await expect(query("SELECT 1")).rejects.toThrow(/ECONNREFUSED/);
  });
});
