import { isIP } from "node:net";
import { env, type TrustProxy } from "../env";

/**
 * Who a request comes from, for per-client limits: the one rule.
 *
 * Route handlers do not see the socket. The server's front (lib/edge/guard.ts, preloaded into
 * `next start` by scripts/next-command.ts) copies the socket's address into PEER_HEADER on every
 * request, overwriting anything a client sent under that name, and marks the process (trustPeerHeader)
 * so that a server started without it — where the header would be the client's to choose — counts
 * every request as "local" instead of believing it.
 *
 * X-Forwarded-For is believed only as far as HASHATLAS_TRUST_PROXY says (lib/env.ts):
 * - unset: never; the client is the socket address;
 * - `{ hops: N }`: N proxies stand in front; walking from the socket address leftwards through
 *   X-Forwarded-For, the client is N steps away (or the last address reached, if the list is shorter);
 * - `{ addresses }`: walking the same way, every address in the list is a proxy and the client is
 *   the first one that is not (a peer that is not a listed proxy is the client, whatever it forwards).
 * A walk stops at an entry that is not an IP address: the address before it stands for the client.
 * An IPv6 client is counted by its /64, the block one subscriber gets: its own address changes freely.
 */

/** Set by the server's front from the socket; see above. Lower case, as Headers hands it out. */
export const PEER_HEADER = "x-hashatlas-peer";

const PEER_HEADER_TRUSTED = Symbol.for("hashatlas.peer-header-trusted");
const marks = globalThis as typeof globalThis & { [PEER_HEADER_TRUSTED]?: boolean };

/** Called once by the server's front when it installs itself: from then on PEER_HEADER is the socket's. */
export function trustPeerHeader(trusted = true): void {
  marks[PEER_HEADER_TRUSTED] = trusted;
}

function peerHeaderTrusted(): boolean {
  return marks[PEER_HEADER_TRUSTED] === true;
}

/** The longest X-Forwarded-For walk (a chain of proxies is a handful; the header is not a list to scan). */
const MAX_WALK = 32;

/** Eight 16-bit groups of a canonical (WHATWG-serialised, so hex-only) IPv6 address. */
function ipv6Groups(canonical: string): number[] {
  const [head = "", tail] = canonical.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16));
}

/**
 * An IP address in one spelling: IPv4 dotted, IPv6 compressed lower case (as WHATWG URLs write it),
 * an IPv4-mapped IPv6 address as its IPv4. Brackets, a port and an IPv6 zone are dropped. Anything
 * else (a name, "unknown", garbage): undefined.
 */
export function canonicalAddress(raw: string): string | undefined {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  text = text.replace(/%[\w.-]+$/, "");
  const version = isIP(text);
  if (version === 4) return text;
  if (version !== 6) return undefined;
  const canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const groups = ipv6Groups(canonical);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
  }
  return canonical;
}

/** The client's address under `trust` (see the module comment); undefined without a peer address. */
export function clientAddress(peer: string | undefined, forwardedFor: string | null | undefined, trust: TrustProxy | undefined): string | undefined {
  const socket = peer === undefined ? undefined : canonicalAddress(peer);
  if (socket === undefined || trust === undefined) return socket;
  const hops = (forwardedFor ?? "").split(",").slice(-MAX_WALK);
  const proxies = "addresses" in trust ? new Set(trust.addresses.map(canonicalAddress)) : undefined;
  const maxHops = "hops" in trust ? trust.hops : MAX_WALK;
  let client = socket;
  for (let step = 1; step <= maxHops; step++) {
    if (proxies && !proxies.has(client)) break;
    const next = hops.pop();
    const address = next === undefined ? undefined : canonicalAddress(next);
    if (address === undefined) break;
    client = address;
  }
  return client;
}

/** The rate-limit bucket of an address: itself, an IPv6 address's /64, or "local" when there is none. */
export function keyOfAddress(address: string | undefined): string {
  if (address === undefined) return "local";
  if (!address.includes(":")) return address;
  const prefix = ipv6Groups(address)
    .slice(0, 4)
    .map((g) => g.toString(16));
  return `${canonicalAddress(`${prefix.join(":")}::`) ?? address}/64`;
}

/** The client a request is counted against (rate limits): see the module comment. */
export function clientKey(request: Request): string {
  const peer = peerHeaderTrusted() ? (request.headers.get(PEER_HEADER) ?? undefined) : undefined;
  return keyOfAddress(clientAddress(peer, request.headers.get("x-forwarded-for"), env().HASHATLAS_TRUST_PROXY));
}
