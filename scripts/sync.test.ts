import { spawn } from "node:child_process";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../seed/seed";
import { removeDatabase } from "../tests/support/global-db";
import {
  bitcoindHandler,
  type Chain,
  closedPort,
  dailyPoints,
  type Fixture,
  fixtureChain,
  mempoolAnswer,
  mempoolHandler,
  RpcCall,
  serve,
  stateAt,
} from "../tests/support/sync-fixtures";

// `npm run sync` is `tsx scripts/sync.ts`: run as a real process against local servers that answer
// as a mempool instance and a Bitcoin Core node do (and misbehave), on a copy of a seeded database.

const root = path.resolve(import.meta.dirname, "..");
const tmp = path.join(root, ".tmp");
const baseDb = path.join(tmp, `sync-cli-${process.pid}.db`);
const made: string[] = [];
const fixtures: Fixture[] = [];
let chain: Chain;

beforeAll(async () => {
  fs.mkdirSync(tmp, { recursive: true });
  removeDatabase(baseDb);
  await seedDatabase(baseDb);
  chain = fixtureChain();
});

afterAll(async () => {
  await Promise.all(fixtures.map((f) => f.close()));
  for (const file of [baseDb, ...made]) removeDatabase(file);
});

/** A copy of the seeded database for one case. */
function freshDb(name: string): string {
  const file = path.join(tmp, `sync-cli-${process.pid}-${name}.db`);
  removeDatabase(file);
  fs.copyFileSync(baseDb, file);
  made.push(file);
  return file;
}

async function start(handler: Parameters<typeof serve>[0]): Promise<Fixture> {
  const fixture = await serve(handler);
  fixtures.push(fixture);
  return fixture;
}

/**
 * Async: the fixture servers live in this process and must answer while the CLI runs. tsx as a
 * loader of this node (as `npm start` runs its script) rather than its wrapper, which would start a
 * second node per run.
 */
function cli(db: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/sync.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${db}` },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

type Row = Record<string, unknown>;

function read<T = Row>(db: string, sql: string, ...params: unknown[]): T[] {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return conn.prepare<unknown[], T>(sql).all(...params);
  } finally {
    conn.close();
  }
}

/** What a write would change: every dataset's content hash and import time, and the row counts. */
function snapshot(db: string) {
  return {
    datasets: read(db, `SELECT slug, contentHash, importedAt FROM "Dataset" ORDER BY slug`),
    stats: read(db, `SELECT count(*) AS n FROM "NetworkStat"`),
    retargets: read(db, `SELECT count(*) AS n FROM "DifficultyAdjustment"`),
  };
}

const monthsOf = (db: string, slug: string) =>
  read<{ period: string; hashrateEh: number; difficulty: number; blockSubsidyBtc: number; method: string }>(
    db,
    `SELECT s.period, s.hashrateEh, s.difficulty, s.blockSubsidyBtc, s.method FROM "NetworkStat" s JOIN "Dataset" d ON d.id = s.datasetId WHERE d.slug = ? ORDER BY s.period`,
    slug,
  );
const retargetsOf = (db: string, slug: string) =>
  read<{ height: number; dateUtc: string; changePct: number; epochDays: number | null; dateSource: string }>(
    db,
    `SELECT r.height, r.dateUtc, r.changePct, r.epochDays, r.dateSource FROM "DifficultyAdjustment" r JOIN "Dataset" d ON d.id = r.datasetId WHERE d.slug = ? ORDER BY r.height`,
    slug,
  );
const datasetOf = (db: string, slug: string) => read(db, `SELECT url, publisher, retrievedAt, origin, kind, importedAt FROM "Dataset" WHERE slug = ?`, slug)[0];

const ADDED_MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];
const monthStart = (period: string) => Date.parse(`${period}-01T00:00:00Z`) / 1000;
const monthEnd = (period: string) => {
  const [y, m] = period.split("-").map(Number);
  return Date.UTC(y!, m, 1) / 1000;
};
/** The fixture chain's true mean hashrate over a month, by hourly steps (not the code under test's arithmetic). */
function integratedEh(period: string): number {
  let sum = 0;
  for (let t = monthStart(period); t < monthEnd(period); t += 3600) sum += stateAt(chain, t + 1800).eh;
  return sum / ((monthEnd(period) - monthStart(period)) / 3600);
}
const today = () => new Date().toISOString().slice(0, 10);

describe("npm run sync -- --mempool", () => {
  it("adds the months and retargets after the seed with the instance as provenance; a second run writes nothing", async () => {
    const db = freshDb("mempool");
    const before = snapshot(db);
    const mempool = await start(mempoolHandler(chain));
    const first = await cli(db, ["--mempool", mempool.url]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(`sync: added 5 months (2026-06 … 2026-10) and 11 retargets (955584 … 975744) from ${mempool.url}; newest month 2026-10\n`);
    expect(mempool.requests).toEqual([
      expect.stringMatching(/^GET \/api\/v1\/mining\/hashrate\/(1m|3m|6m|1y|2y|3y|all)$/),
      expect.stringMatching(/^GET \/api\/v1\/mining\/difficulty-adjustments\/(1m|3m|6m|1y|2y|3y|all)$/),
    ]);

    const months = monthsOf(db, "synced-network");
    expect(months.map((m) => m.period)).toEqual(ADDED_MONTHS);
    for (const m of months) {
      const points = dailyPoints(chain).filter((p) => p.timestamp >= monthStart(m.period) && p.timestamp < monthEnd(m.period));
      expect(m.hashrateEh, m.period).toBeCloseTo(points.reduce((s, p) => s + p.avgHashrate, 0) / points.length / 1e18, 2);
      expect(m.blockSubsidyBtc).toBe(3.125);
      expect(m.method).toContain(`mempool API at ${mempool.url}`);
    }
    expect(datasetOf(db, "synced-network")).toMatchObject({
      kind: "network",
      url: mempool.url,
      publisher: "HashAtlas sync from a mempool instance",
      retrievedAt: today(),
      origin: "import",
    });
    expect(datasetOf(db, "synced-retargets")).toMatchObject({ kind: "retargets", url: mempool.url, publisher: "HashAtlas sync from a mempool instance" });
    // The seed's months and retargets stay where they are, untouched.
    const seeded = (slug: string) => before.datasets.find((d) => d.slug === slug);
    expect(snapshot(db).datasets.filter((d) => !String(d.slug).startsWith("synced-"))).toEqual(before.datasets);
    expect(seeded("network-monthly")).toBeDefined();
    const retargets = retargetsOf(db, "synced-retargets");
    expect(retargets[0]).toMatchObject({ height: 955_584, dateUtc: "2026-06-26 11:36:11", changePct: 12.38, epochDays: 13.634 });
    expect(retargets.every((r) => !chain.seededHeights.has(r.height))).toBe(true);
    expect(retargets[retargets.length - 1]).toMatchObject({ height: 975_744, epochDays: null });

    const written = snapshot(db);
    const again = await cli(db, ["--mempool", mempool.url]);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(`sync: nothing new from ${mempool.url}; newest month 2026-10\n`);
    expect(snapshot(db)).toEqual(written);
  });
});

describe("npm run sync -- --bitcoind", () => {
  it("derives the same months from the headers as the seed was derived, fetching only from the last known retarget; a second run writes nothing", async () => {
    const db = freshDb("bitcoind");
    const node = await start(bitcoindHandler(chain, "alice:s3cret"));
    const url = node.url.replace("http://", "http://alice:s3cret@");
    const first = await cli(db, ["--bitcoind", url]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const shown = `${node.url.replace("http://", "http://alice@")}/`;
    expect(first.stdout).toBe(`sync: added 5 months (2026-06 … 2026-10) and 11 retargets (955584 … 975744) from ${shown}; newest month 2026-10\n`);
    // The seed's last month is 2026-05; the retarget in force on 1 June (951552) and the one before it are read again, nothing older.
    const heights = (requests: string[]) => requests.filter((r) => r.startsWith("rpc getblockhash")).map((r) => Number(/\[(\d+)\]/.exec(r)?.[1]));
    expect(Math.min(...heights(node.requests))).toBe(949_536);

    const months = monthsOf(db, "synced-network");
    expect(months.map((m) => m.period)).toEqual(ADDED_MONTHS);
    for (const m of months) expect(Math.abs(m.hashrateEh / integratedEh(m.period) - 1), m.period).toBeLessThan(1e-3);
    expect(datasetOf(db, "synced-network")).toMatchObject({ url: shown, publisher: "HashAtlas sync from a Bitcoin Core node", retrievedAt: today() });
    expect(JSON.stringify(read(db, `SELECT * FROM "Dataset"`))).not.toContain("s3cret");
    expect(first.stdout).not.toContain("s3cret");

    const written = snapshot(db);
    node.requests.length = 0;
    const again = await cli(db, ["--bitcoind", node.url, "--rpcuser", "alice", "--rpcpassword", "s3cret"]);
    expect(again.stdout).toBe(`sync: nothing new from ${node.url}/; newest month 2026-10\n`);
    expect(snapshot(db)).toEqual(written);
    expect(Math.min(...heights(node.requests))).toBe(971_712);
  });

  it("closes the epoch of the newest synced retarget when the next one arrives (cookie file auth)", async () => {
    const db = freshDb("epoch");
    const cookie = path.join(tmp, `sync-cli-${process.pid}.cookie`);
    fs.writeFileSync(cookie, "__cookie__:0123abcd\n");
    made.push(cookie);
    const early = await start(bitcoindHandler(fixtureChain(Date.UTC(2026, 10, 5) / 1000), "__cookie__:0123abcd"));
    const first = await cli(db, ["--bitcoind", early.url, "--rpccookiefile", cookie]);
    expect(first.stdout).toMatch(/^sync: added 5 months \(2026-06 … 2026-10\) and 10 retargets \(955584 … 973728\) from /);
    expect(retargetsOf(db, "synced-retargets").pop()).toMatchObject({ height: 973_728, epochDays: null });

    const later = await start(bitcoindHandler(chain, "__cookie__:0123abcd"));
    const second = await cli(db, ["--bitcoind", later.url, "--rpccookiefile", cookie]);
    expect(second.stdout).toBe(`sync: added 0 months and 1 retarget (975744), closed the epoch of retarget 973728 from ${later.url}/; newest month 2026-10\n`);
    expect(retargetsOf(db, "synced-retargets").slice(-2)).toMatchObject([
      { height: 973_728, epochDays: 13.788 },
      { height: 975_744, epochDays: null },
    ]);
  });
});

type Handler = Parameters<typeof serve>[0];
const good = (req: http.IncomingMessage) => JSON.stringify(mempoolAnswer(chain, req.url ?? ""));

const failures: [string, "mempool" | "bitcoind", Handler | "refused", string[], RegExp][] = [
  [
    "an HTTP 500",
    "mempool",
    (_q, _b, res) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
    },
    [],
    /^HTTP 500 Internal Server Error/,
  ],
  [
    "a 500 on the second request only (the first answer is not written alone)",
    "mempool",
    (req, _b, res) => {
      if (req.url?.includes("difficulty-adjustments")) res.writeHead(500).end("database error");
      else res.writeHead(200, { "content-type": "application/json" }).end(good(req));
    },
    [],
    /^HTTP 500 Internal Server Error: database error$/,
  ],
  [
    "truncated JSON",
    "mempool",
    (req, _b, res) => res.writeHead(200, { "content-type": "application/json" }).end(good(req).slice(0, 5000)),
    [],
    /^answer is not valid JSON \(/,
  ],
  [
    "a connection closed mid-answer",
    "mempool",
    (req, _b, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(good(req).length) });
      res.write(good(req).slice(0, 1000));
      setTimeout(() => res.destroy(), 20);
    },
    [],
    /^the connection closed before the answer was complete$/,
  ],
  [
    "an answer slower than --timeout-ms",
    "mempool",
    (req, _b, res) => setTimeout(() => res.writeHead(200).end(good(req)), 3000),
    ["--timeout-ms", "300"],
    /^no complete answer within 300 ms$/,
  ],
  [
    "an HTML page",
    "mempool",
    (_q, _b, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!DOCTYPE html><html><body>Maintenance</body></html>"),
    [],
    /^answer \(text\/html\) is not valid JSON/,
  ],
  [
    "a wrongly shaped answer",
    "mempool",
    (req, _b, res) => res.writeHead(200, { "content-type": "application/json" }).end(good(req).replace(/"avgHashrate":([\d.e+-]+)/, '"avgHashrate":"$1"')),
    [],
    /^the hashrate answer has an unexpected shape: hashrates\.0\.avgHashrate: /,
  ],
  [
    "a retarget beyond the ×4 clamp",
    "mempool",
    (req, _b, res) => res.writeHead(200, { "content-type": "application/json" }).end(good(req).replace(/,1\.\d+\],\[/, ",5.5],[")),
    [],
    /^the derived retarget \d+ is invalid: change_pct must be within/,
  ],
  ["a refused connection", "mempool", "refused", [], /^connection refused/],
  ["a wrong password (HTTP 401)", "bitcoind", bitcoindHandler(fixtureChain(), "alice:other"), [], /^HTTP 401 Unauthorized: the node refused the credentials/],
  [
    "an RPC error object",
    "bitcoind",
    (_q, body, res) => {
      const { id } = RpcCall.parse(JSON.parse(body));
      res
        .writeHead(500, { "content-type": "application/json" })
        .end(JSON.stringify({ result: null, error: { code: -28, message: "Loading block index…" }, id }));
    },
    [],
    /^getblockchaininfo: RPC error -28: Loading block index…$/,
  ],
  ["a node that does not answer in time", "bitcoind", () => undefined, ["--timeout-ms", "300"], /^no complete answer within 300 ms$/],
];

describe("a source that fails stops the sync: one line naming the URL, exit 1, nothing written", () => {
  it.concurrent.each(failures)("%s (%s)", async (label, kind, handler, extra, problem) => {
    const db = freshDb(`fail-${failures.findIndex((f) => f[0] === label)}`);
    const before = snapshot(db);
    const base = handler === "refused" ? `http://127.0.0.1:${await closedPort()}` : (await start(handler)).url;
    const url = kind === "bitcoind" ? base.replace("http://", "http://alice:s3cret@") : base;
    const out = await cli(db, [`--${kind}`, url, ...extra]);
    expect(out.status).toBe(1);
    expect(out.stdout).toBe("");
    const lines = out.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const shown = kind === "bitcoind" ? `${base.replace("http://", "http://alice@")}/` : base;
    const [, named, said] = /^sync: (\S+): (.*)$/.exec(lines[0]!) ?? [];
    expect(named?.startsWith(shown), `${lines[0]} names ${shown}`).toBe(true);
    expect(said).toMatch(problem);
    expect(out.stderr).not.toContain("s3cret");
    expect(snapshot(db)).toEqual(before);
  });
});

describe("bad flags: one usage line, exit 2", () => {
  it.concurrent.each([
    [[], /^sync: --mempool give either --mempool or --bitcoind \(one source\); see --help$/],
    [["--mempool", "ftp://example.org"], /^sync: --mempool must be an http\(s\) URL/],
    [["--mempool", "http://127.0.0.1", "--timeout-ms", "soon"], /^sync: --timeout-ms must be a whole number of milliseconds/],
    [["--mempool", "http://127.0.0.1", "--rpcuser", "alice"], /^sync: --rpcuser is for --bitcoind only/],
    [["--mempool", "http://127.0.0.1", "--bogus"], /^sync: Unknown option '--bogus'; see --help$/],
  ])("%j", async (args, message) => {
    const out = await cli(baseDb, args);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr.trimEnd()).toMatch(message);
    expect(out.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
