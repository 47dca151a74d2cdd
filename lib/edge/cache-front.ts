import type { IncomingMessage, ServerResponse } from "node:http";
import { etagFor, ifNoneMatch, isCacheable, NO_STORE, sharedCacheControl, VARY, withVary } from "../http-cache/http-cache";

/**
 * HTTP caching in the server's front (guard.ts): the rule of lib/http-cache applied to real requests.
 * Here, before Next, a revalidation that still holds costs a version check and a digest — no Next
 * routing, no route handler — and pages and API routes are covered by the one rule.
 *
 * Where there is no front — `next dev` (install.ts leaves caching off there: code changes while the
 * data version stands still) or route handlers called directly in tests — answers keep the
 * `no-store` of lib/api/respond.ts and Next's own headers on pages.
 */
export type CacheOptions = {
  /** The code's identity: application version and build (install.ts). */
  release: string;
  /** The data version (lib/db/data-version.ts); undefined when it cannot be read (the answer is then not cached). */
  dataVersion: () => Promise<string | undefined>;
  /** HASHATLAS_CACHE_SECONDS: the shared-cache lifetime (s-maxage). */
  seconds: number;
};

type HeaderDecision = (status: number) => void;

/**
 * Have the last word on a response's headers: `decide` runs when the status line and headers are
 * written — by Next, by its compression (which wraps writeHead after this, so its Content-Encoding
 * and Vary are set by then), or implicitly by the first write. Headers passed to writeHead itself
 * would override anything set before, so they are applied first, as Node would, and then `decide`.
 */
function beforeHeaders(res: ServerResponse, decide: HeaderDecision): void {
  const original = res.writeHead.bind(res);
  // Header values are strings, numbers or lists of strings (Node's OutgoingHttpHeaders).
  const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");
  const apply = (name: string, value: unknown, set: (name: string, value: string | string[]) => void) => {
    if (value !== undefined) set(name, Array.isArray(value) ? value.map(text) : text(value));
  };
  res.writeHead = (statusCode: number, ...rest: unknown[]) => {
    const reason = typeof rest[0] === "string" ? rest[0] : undefined;
    const headers = reason === undefined ? rest[0] : rest[1];
    if (Array.isArray(headers)) {
      // A flat [name, value, name, value…] list: it replaces what was set under those names.
      for (let i = 0; i < headers.length; i += 2) res.removeHeader(String(headers[i]));
      for (let i = 0; i < headers.length; i += 2) apply(String(headers[i]), headers[i + 1], (n, v) => res.appendHeader(n, v));
    } else if (headers && typeof headers === "object") {
      for (const [name, value] of Object.entries(headers)) apply(name, value, (n, v) => res.setHeader(n, v));
    }
    decide(statusCode);
    return reason === undefined ? original(statusCode) : original(statusCode, reason);
  };
}

/** Whatever the answer, nothing keeps it: no ETag a cache could revalidate with either. */
function neverStored(res: ServerResponse): void {
  beforeHeaders(res, () => {
    res.setHeader("cache-control", NO_STORE);
    res.removeHeader("etag");
  });
}

/**
 * Apply the caching rule to one request; true when it has answered it (a 304), false when Next is to
 * answer, with the headers its answer will carry decided here. A cacheable request waits for the data
 * version (a query on PostgreSQL); any other goes on at once (false).
 */
export function cacheRequest(req: IncomingMessage, res: ServerResponse, options: CacheOptions): false | Promise<boolean> {
  const method = req.method ?? "GET";
  const target = req.url ?? "/";
  const queryAt = target.indexOf("?");
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  if (!isCacheable(method, path)) return false;
  // Nothing served for GET depends on a token today (only POST /api/import reads one); should that
  // change, an answer to a request that carries credentials must never reach a shared cache.
  if (req.headers.authorization !== undefined) {
    neverStored(res);
    return false;
  }
  // The version is read here, before Next computes the body: an import that commits meanwhile can
  // only make the body newer than its ETag — the next revalidation then misses, and gets the new
  // answer. Read after, an ETag could name a newer version than the body it stands for, and every
  // revalidation would keep that old body as current.
  return options.dataVersion().then((dataVersion) => cacheAt(req, res, options, dataVersion, path, queryAt === -1 ? "" : target.slice(queryAt)));
}

function cacheAt(req: IncomingMessage, res: ServerResponse, options: CacheOptions, dataVersion: string | undefined, path: string, search: string): boolean {
  if (dataVersion === undefined) {
    neverStored(res);
    return false;
  }
  const etag = etagFor({ release: options.release, dataVersion, path, search, headers: req.headers });
  const cacheControl = sharedCacheControl(options.seconds);
  if (ifNoneMatch(headerText(req.headers["if-none-match"]), etag)) {
    // RFC 9110 §15.4.5: a 304 carries the ETag, Cache-Control and Vary the 200 would have.
    res.writeHead(304, { etag, "cache-control": cacheControl, vary: withVary(undefined, VARY) });
    res.end();
    return true;
  }
  beforeHeaders(res, (status) => {
    if (status === 200) {
      res.setHeader("etag", etag);
      res.setHeader("cache-control", cacheControl);
      res.setHeader("vary", withVary(headerText(res.getHeader("vary")), VARY));
    } else if (status !== 304) {
      // Errors, redirects and partial answers are nobody's to keep.
      res.setHeader("cache-control", NO_STORE);
      res.removeHeader("etag");
    }
  });
  return false;
}

function headerText(value: string | number | readonly string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(", ") : String(value);
}
