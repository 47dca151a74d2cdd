import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { z } from "zod";
import { parseRetargetsCsv } from "../../lib/io/network";

// Local stand-ins for a mempool instance and a Bitcoin Core node, answering in their real formats
// with a chain that continues the seed: the seeded retargets up to June 2026, then epochs mined at a
// known hashrate (so a test can say what each month must come to) until a tip on 2026-11-20.

const root = path.resolve(import.meta.dirname, "..", "..");
const BLOCKS = 2016;
const HASHES_PER_DIFFICULTY = 2 ** 32;
const TARGET_EPOCH_S = BLOCKS * 600;
/** The tip of the fixture chain; October 2026 is then the newest complete month. */
export const TIP_TIME = Date.UTC(2026, 10, 20, 12, 0, 0) / 1000;
/** The hashrate (EH/s) of each epoch after the seed's last retarget, in turn. */
const EPOCH_EH = [1005, 1032, 1061, 1048, 1083, 1110, 1127, 1102, 1139, 1170, 1188, 1215, 1230];
/** The daily mempool points start here (the backend serves what its window covers). */
const FIRST_DAY = Date.UTC(2025, 11, 1) / 1000;

export type Epoch = { height: number; time: number; difficulty: number; seconds: number; eh: number };
export type Chain = { epochs: Epoch[]; tip: { height: number; time: number; difficulty: number }; seededHeights: Set<number> };

const cache = new Map<number, Chain>();

/** Every epoch of the fixture chain (the last one open, up to the tip at `tipTime`). */
export function fixtureChain(tipTime = TIP_TIME): Chain {
  const cached = cache.get(tipTime);
  if (cached) return cached;
  const { retargets } = parseRetargetsCsv(fs.readFileSync(path.join(root, "seed/data/difficulty_adjustments.csv"), "utf8"), "difficulty_adjustments.csv");
  const seeded = retargets.map((r) => ({ height: r.height, time: Date.parse(`${r.dateUtc.replace(" ", "T")}Z`) / 1000, difficulty: r.difficulty }));
  const epochs: Epoch[] = [];
  seeded.forEach((r, i) => {
    const next = seeded[i + 1];
    if (!next) return;
    const seconds = next.time - r.time;
    epochs.push({ ...r, seconds, eh: (BLOCKS * r.difficulty * HASHES_PER_DIFFICULTY) / seconds / 1e18 });
  });
  let current = seeded[seeded.length - 1]!;
  for (const eh of EPOCH_EH) {
    const seconds = Math.round((BLOCKS * current.difficulty * HASHES_PER_DIFFICULTY) / (eh * 1e18));
    epochs.push({ ...current, seconds, eh: (BLOCKS * current.difficulty * HASHES_PER_DIFFICULTY) / seconds / 1e18 });
    if (current.time + seconds > tipTime) break;
    // Bitcoin's rule: scale by two weeks ÷ the time the epoch took, clamped to ×4 and ÷4.
    const factor = Math.min(4, Math.max(0.25, TARGET_EPOCH_S / seconds));
    current = { height: current.height + BLOCKS, time: current.time + seconds, difficulty: Number((current.difficulty * factor).toFixed(2)) };
  }
  const open = epochs[epochs.length - 1]!;
  const tipHeight = open.height + Math.floor(((tipTime - open.time) * BLOCKS) / open.seconds);
  const chain = {
    epochs,
    tip: { height: tipHeight, time: blockTime(epochs, tipHeight), difficulty: open.difficulty },
    seededHeights: new Set(seeded.map((r) => r.height)),
  };
  cache.set(tipTime, chain);
  return chain;
}

/** Blocks of an epoch are evenly spaced: the time of any height. */
function blockTime(epochs: Epoch[], height: number): number {
  const epoch = [...epochs].reverse().find((e) => e.height <= height);
  if (!epoch) throw new RangeError(`no block ${height} in the fixture chain`);
  return epoch.time + Math.floor(((height - epoch.height) * epoch.seconds) / BLOCKS);
}

/** The true hashrate (EH/s) at a moment, and the difficulty in force. */
export function stateAt(chain: Chain, time: number): { eh: number; difficulty: number } {
  const epoch = [...chain.epochs].reverse().find((e) => e.time <= time);
  if (!epoch) throw new RangeError(`no epoch at ${time}`);
  return { eh: epoch.eh, difficulty: epoch.difficulty };
}

/** The retargets of the fixture chain up to the tip, with the ratio to the previous difficulty. */
function retargetList(chain: Chain) {
  return chain.epochs.slice(1).map((e, i) => ({ ...e, adjustment: Math.round((e.difficulty / chain.epochs[i]!.difficulty) * 1e6) / 1e6 }));
}

/** The daily points a mempool backend serves: one per UTC midnight up to the tip's day, in H/s. */
export function dailyPoints(chain: Chain): { timestamp: number; avgHashrate: number }[] {
  const points = [];
  for (let t = FIRST_DAY; t <= chain.tip.time; t += 86_400) points.push({ timestamp: t, avgHashrate: stateAt(chain, t).eh * 1e18 });
  return points;
}

export type Fixture = { url: string; requests: string[]; close: () => Promise<void> };

/** A server on 127.0.0.1 and a free port; `requests` records "METHOD path" (and RPC methods). */
export async function serve(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse, requests: string[]) => void): Promise<Fixture> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      requests.push(`${req.method ?? "?"} ${req.url ?? ""}`);
      handler(req, body, res, requests);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (res: http.ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(value));
};

/** A mempool backend's two mining routes, as it answers them (the window is ignored: it serves all it has). */
export function mempoolAnswer(chain: Chain, urlPath: string): unknown {
  const list = retargetList(chain).filter((r) => r.time >= FIRST_DAY - 60 * 86_400);
  if (/^\/api\/v1\/mining\/hashrate\/[a-z0-9]+$/.test(urlPath)) {
    return {
      hashrates: dailyPoints(chain),
      // The backend averages this list per day; one retarget a day, so it is the list itself.
      difficulty: list.map((r) => ({ time: r.time, height: r.height, difficulty: r.difficulty, adjustment: r.adjustment })),
      currentHashrate: stateAt(chain, chain.tip.time).eh * 1e18,
      currentDifficulty: chain.tip.difficulty,
    };
  }
  if (/^\/api\/v1\/mining\/difficulty-adjustments\/[a-z0-9]+$/.test(urlPath)) {
    // Newest first, with the genesis block as height 0 (adjustment 0), as the backend lists them.
    return [...list.map((r) => [r.time, r.height, r.difficulty, r.adjustment]).reverse(), [1231006505, 0, 1, 0]];
  }
  return null;
}

export function mempoolHandler(chain: Chain) {
  return (req: http.IncomingMessage, _body: string, res: http.ServerResponse) => {
    const answer = mempoolAnswer(chain, req.url ?? "");
    if (answer === null) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Not Found");
    } else json(res, 200, answer);
  };
}

/** A JSON-RPC request as the client sends it. */
export const RpcCall = z.object({ id: z.unknown(), method: z.string(), params: z.array(z.unknown()) });

const hashOf = (height: number) => height.toString(16).padStart(64, "0");

/** A Bitcoin Core node's JSON-RPC 1.0 over HTTP with Basic auth (`credentials` is "user:password"). */
export function bitcoindHandler(chain: Chain, credentials: string) {
  return (req: http.IncomingMessage, body: string, res: http.ServerResponse, requests: string[]) => {
    if (req.headers.authorization !== `Basic ${Buffer.from(credentials).toString("base64")}`) {
      // Bitcoin Core answers bad credentials with an empty 401 (and slows down the next attempt).
      res.writeHead(401, { "www-authenticate": 'Basic realm="jsonrpc"' });
      res.end();
      return;
    }
    const call = RpcCall.parse(JSON.parse(body));
    requests.push(`rpc ${call.method} ${JSON.stringify(call.params)}`);
    const reply = (result: unknown) => json(res, 200, { result, error: null, id: call.id });
    const fail = (code: number, message: string) => json(res, 500, { result: null, error: { code, message }, id: call.id });
    const header = (height: number) => {
      const epoch = [...chain.epochs].reverse().find((e) => e.height <= height)!;
      return {
        hash: hashOf(height),
        confirmations: chain.tip.height - height + 1,
        height,
        time: blockTime(chain.epochs, height),
        difficulty: epoch.difficulty,
      };
    };
    if (call.method === "getblockchaininfo") {
      reply({ chain: "main", blocks: chain.tip.height, headers: chain.tip.height, bestblockhash: hashOf(chain.tip.height), difficulty: chain.tip.difficulty });
    } else if (call.method === "getblockhash") {
      const height = Number(call.params[0]);
      if (!Number.isInteger(height) || height < 0 || height > chain.tip.height) fail(-8, "Block height out of range");
      else reply(hashOf(height));
    } else if (call.method === "getblockheader") {
      const height = Number.parseInt(String(call.params[0]), 16);
      if (!(height >= chain.epochs[0]!.height && height <= chain.tip.height) || hashOf(height) !== call.params[0]) fail(-5, "Block not found");
      else reply(header(height));
    } else {
      json(res, 404, { result: null, error: { code: -32601, message: "Method not found" }, id: call.id });
    }
  };
}

/** A port nothing listens on (taken from the system, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
