import type { IncomingMessage, ServerResponse } from "node:http";
import { PEER_HEADER } from "../api/client-key";
import { cacheRequest, type CacheOptions } from "./cache-front";
import { allowedMethods, isApiPath } from "./methods";

/**
 * The server's front: what every request goes through before Next. scripts/edge-guard.cjs, preloaded
 * into `next start`, hands it every request; instrumentation.ts installs it there (install.ts). It
 * exists for what Next's routing and the route handlers cannot do or see:
 *
 * 1. the security headers on every response — Next's own redirects (a trailing slash) and errors
 *    included, which next.config.js's headers() does not reach;
 * 2. an absolute-form request target (`GET http://host/path HTTP/1.1`) becomes a path, its host the
 *    Host header (RFC 9112 §3.2.2): Next would otherwise answer it with a redirect to that host;
 * 3. with HASHATLAS_ALLOWED_HOSTS, any other Host is refused with 421 (a page on another name — DNS
 *    rebinding — must not read this server's answers);
 * 4. a method the path does not answer is refused with 405 and Allow (methods.ts); OPTIONS on a
 *    page is answered with Allow (Next answers it 400);
 * 5. HTTP caching (cache-front.ts, the rule in lib/http-cache): a strong ETag and a shared-cache
 *    Cache-Control on every cacheable 200, `no-store` on the other answers to those requests, and a
 *    304 — answered here, without Next — to an If-None-Match that names the current ETag;
 * 6. the socket's address goes to the route handlers in PEER_HEADER (lib/api/client-key.ts),
 *    replacing any the client sent.
 */

export type EdgeOptions = {
  /** HASHATLAS_ALLOWED_HOSTS: lower-case host or host:port; undefined: any Host. */
  allowedHosts?: readonly string[];
  /** The security headers (security-headers.cjs), set on every response. */
  headers: readonly { key: string; value: string }[];
  /** Told about each refusal (one log line). */
  onRefusal?: (refusal: { method: string; route: string; status: number; host?: string }) => void;
  /** HTTP caching; undefined: none (answers keep the headers Next and the routes give them). */
  cache?: CacheOptions;
};

/** Longest piece of the request quoted back in a refusal. */
const QUOTE = 100;

/** A Host header's name without its port, and without a final dot (`example.org.` is example.org). */
function hostName(host: string): string {
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d*$/, "");
  return name.replace(/\.$/, "");
}

/** An entry with a port must match host:port exactly; one without matches the name on any port. */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (!host) return false;
  const given = host.trim().toLowerCase();
  const name = hostName(given);
  const port = given.slice(name.length).replace(/^\.?/, "");
  return allowed.some((entry) => entry === name || entry === `${name}${port}` || entry === given);
}

function pathOf(target: string): string {
  const raw = target.split("?", 1)[0] ?? "/";
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

/**
 * Returns a listener's guard: true when it has answered the request itself (Next must not), false when
 * Next is to answer — or a promise of either, for a cacheable request that waits for the data version.
 */
export function createEdgeGuard(options: EdgeOptions): (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean> {
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) => {
    const route = pathOf(req.url ?? "/").slice(0, QUOTE);
    const api = isApiPath(route);
    const body = api ? JSON.stringify({ error: { status, message } }) : `${message}\n`;
    res.writeHead(status, {
      "content-type": api ? "application/json" : "text/plain; charset=utf-8",
      "content-length": String(Buffer.byteLength(body)),
      "cache-control": "no-store",
      // A body the client is still sending is not read: the connection ends with the answer.
      ...(hasBody(req) ? { connection: "close" } : {}),
      ...extra,
    });
    res.end(req.method === "HEAD" ? undefined : body);
    options.onRefusal?.({
      method: req.method ?? "",
      route,
      status,
      ...(status === 421 ? { host: (req.headers.host ?? "").slice(0, QUOTE) } : {}),
    });
    return true;
  };

  return (req, res) => {
    for (const { key, value } of options.headers) res.setHeader(key, value);
    const method = req.method ?? "GET";
    const target = req.url ?? "/";

    if (!target.startsWith("/") && target !== "*") {
      let url: URL | undefined;
      try {
        url = new URL(target);
      } catch {
        // not a URL either
      }
      if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || !url.host) {
        req.url = "/";
        return refuse(req, res, 400, "the request target must be a path or an http URL");
      }
      req.headers.host = url.host;
      req.url = `${url.pathname}${url.search}`;
    }

    if (options.allowedHosts && !hostAllowed(req.headers.host, options.allowedHosts)) {
      const host = (req.headers.host ?? "").slice(0, QUOTE);
      return refuse(req, res, 421, host ? `this server does not answer for the host "${host}"` : "the request names no host (Host header)");
    }

    const path = pathOf(req.url ?? "/");
    const allow = allowedMethods(path);
    if (allow && !allow.includes(method)) {
      return refuse(req, res, 405, `${method} is not allowed on ${path.slice(0, QUOTE)}; allowed: ${allow.join(", ")}`, { allow: allow.join(", ") });
    }
    if (method === "OPTIONS" && allow && !isApiPath(path)) {
      res.writeHead(204, { allow: allow.join(", "), "cache-control": "no-store" });
      res.end();
      return true;
    }

    const cached = options.cache ? cacheRequest(req, res, options.cache) : false;
    if (cached === false) return toNext(req);
    return cached.then((answered) => answered || toNext(req));
  };
}

/** What goes to Next: false (Next answers), once the route handlers' peer address is set. */
function toNext(req: IncomingMessage): false {
  // The socket's address, never the client's word for it (lib/api/client-key.ts).
  if (req.headers[PEER_HEADER] !== undefined) {
    for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
      if (req.rawHeaders[i]?.toLowerCase() === PEER_HEADER) req.rawHeaders.splice(i, 2);
    }
  }
  // An empty value when the socket is already gone: the handler then counts the request as "local".
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  return false;
}
