import fs from "node:fs";
import { z } from "zod";
import { BLOCKS_PER_RETARGET, type Header } from "./derive";
import { excerpt, parseJsonAnswer, parseShape, request, SourceError } from "./http";

// A Bitcoin Core node over JSON-RPC (HTTP POST, Basic auth): getblockchaininfo for the tip,
// getblockhash and getblockheader (verbose) for the headers at retarget heights. Requests are
// JSON-RPC 1.0 as bitcoin-cli sends them: an error comes back as { result: null, error: { code,
// message } } with HTTP 500 (404 for an unknown method); bad credentials get a bare 401.

export type RpcEndpoint = {
  /** The URL requests go to, without credentials (fetch refuses a URL that carries them). */
  url: string;
  /** The URL as messages and provenance show it: the user name kept, the password removed. */
  shownUrl: string;
  authorization: string | null;
};

export type RpcCredentials = { cookieFile?: string; user?: string; password?: string };

/** The one network HashAtlas's network data describes. */
const MAINNET = "main";

/**
 * Where to send requests and with which credentials: a cookie file (`__cookie__:<secret>`, written by
 * the node at start-up), or a user and password given as flags or in the URL. Throws TypeError for
 * a URL that is not one (a usage error) and SourceError for a cookie file that cannot be read.
 */
export function rpcEndpoint(raw: string, credentials: RpcCredentials): RpcEndpoint {
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`${raw} is not an http(s) URL`);
  const inUrl = url.username ? { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : null;
  url.password = "";
  const shownUrl = url.href;
  url.username = "";
  const basic = (pair: string) => `Basic ${Buffer.from(pair).toString("base64")}`;
  let authorization: string | null = null;
  if (credentials.cookieFile !== undefined) {
    let cookie: string;
    try {
      cookie = fs.readFileSync(credentials.cookieFile, "utf8").trim();
    } catch (error) {
      const code = error && typeof error === "object" && "code" in error && typeof error.code === "string" ? error.code : String(error);
      throw new SourceError(shownUrl, `cannot read the cookie file ${credentials.cookieFile} (${code})`);
    }
    if (!cookie.includes(":")) throw new SourceError(shownUrl, `the cookie file ${credentials.cookieFile} does not hold user:password`);
    authorization = basic(cookie);
  } else if (credentials.user !== undefined) {
    authorization = basic(`${credentials.user}:${credentials.password ?? ""}`);
  } else if (inUrl) {
    authorization = basic(`${inUrl.user}:${inUrl.password}`);
  }
  return { url: url.href, shownUrl, authorization };
}

const RpcEnvelope = z.object({
  result: z.unknown(),
  error: z.object({ code: z.number(), message: z.string() }).nullable().optional(),
});

const blockHash = z.string().regex(/^[0-9a-f]{64}$/, "must be a block hash (64 hex digits)");
const BlockchainInfo = z.object({ chain: z.string(), blocks: z.number().int().nonnegative(), bestblockhash: blockHash });
const BlockHeader = z.object({ hash: blockHash, height: z.number().int().nonnegative(), time: z.number().int().positive(), difficulty: z.number().positive() });

type Rpc = <S extends z.ZodType>(method: string, params: unknown[], schema: S) => Promise<z.output<S>>;

function rpcClient(endpoint: RpcEndpoint, timeoutMs: number): Rpc {
  let id = 0;
  const { shownUrl } = endpoint;
  return async (method, params, schema) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (endpoint.authorization) headers.authorization = endpoint.authorization;
    const body = JSON.stringify({ jsonrpc: "1.0", id: `hashatlas-${++id}`, method, params });
    const answer = await request(endpoint.url, shownUrl, { method: "POST", headers, body }, timeoutMs);
    if (answer.status === 401) {
      throw new SourceError(shownUrl, "HTTP 401 Unauthorized: the node refused the credentials (check --rpccookiefile, or the RPC user and password)");
    }
    if (answer.status === 403) throw new SourceError(shownUrl, "HTTP 403 Forbidden: the node does not accept RPC from this machine (rpcallowip)");
    const ok = answer.status >= 200 && answer.status <= 299;
    let json: unknown;
    try {
      json = parseJsonAnswer(answer, shownUrl);
    } catch (error) {
      // A proxy's error page or an empty 500: the status says more than the body.
      if (!ok) throw new SourceError(shownUrl, `${method}: HTTP ${answer.status}${answer.text.trim() ? `: ${excerpt(answer.text)}` : ""}`);
      throw error;
    }
    const envelope = RpcEnvelope.safeParse(json);
    if (!envelope.success) {
      if (!ok) throw new SourceError(shownUrl, `${method}: HTTP ${answer.status}: ${excerpt(answer.text)}`);
      throw new SourceError(shownUrl, `${method}: not a JSON-RPC answer (no result or error): ${excerpt(answer.text)}`);
    }
    const { error, result } = envelope.data;
    if (error) throw new SourceError(shownUrl, `${method}: RPC error ${error.code}: ${error.message}`);
    if (!ok) throw new SourceError(shownUrl, `${method}: HTTP ${answer.status}`);
    return parseShape(schema, result, shownUrl, `the ${method} answer`);
  };
}

export type BitcoindData = { chain: string; retargets: Header[]; tip: Header };

/**
 * The headers of every retarget from one before `startHeight` (for its change) to the tip, and the
 * tip's header. `startHeight` is a retarget height; one past the tip gives no retargets.
 */
export async function fetchBitcoind(endpoint: RpcEndpoint, startHeight: number, timeoutMs: number): Promise<BitcoindData> {
  const rpc = rpcClient(endpoint, timeoutMs);
  const info = await rpc("getblockchaininfo", [], BlockchainInfo);
  if (info.chain !== MAINNET) throw new SourceError(endpoint.shownUrl, `the node is on chain "${info.chain}", not "${MAINNET}" (mainnet)`);
  const header = async (hash: string, height?: number): Promise<Header> => {
    const h = await rpc("getblockheader", [hash, true], BlockHeader);
    if (height !== undefined && h.height !== height) throw new SourceError(endpoint.shownUrl, `getblockheader: asked for block ${height}, got ${h.height}`);
    return { height: h.height, time: h.time, difficulty: h.difficulty };
  };
  const tip = await header(info.bestblockhash);
  const retargets: Header[] = [];
  for (let height = Math.max(0, startHeight - BLOCKS_PER_RETARGET); height <= tip.height; height += BLOCKS_PER_RETARGET) {
    if (height === 0) continue;
    const hash = await rpc("getblockhash", [height], blockHash);
    retargets.push(await header(hash, height));
  }
  return { chain: info.chain, retargets, tip };
}
