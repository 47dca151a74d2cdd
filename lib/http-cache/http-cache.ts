import { createHash } from "node:crypto";
import { allowedMethods, isApiPath } from "../edge/methods";

// The HTTP caching rule, in one place: which requests a shared cache (a CDN, nginx's proxy_cache) may
// keep, what their ETag is made of, the Cache-Control they carry and when an If-None-Match is
// answered with 304. Pure: the server's front (lib/edge/cache-front.ts) applies it to real requests,
// the OpenAPI document (lib/api/openapi.ts) describes it.
//
// Every answer of a cacheable request is a function of the release (the code that computes it), the
// data version (lib/db/data-version.ts: the datasets and the current month) and the request — its
// path, its query and the request headers the answer varies on. The ETag is a digest of exactly
// those: it needs no body to compute, and is the same in every process that serves the same release
// on the same database, across restarts.

/**
 * A shared cache may keep serving an answer this long after its s-maxage while it revalidates in the
 * background: a reader never waits for a revalidation, and an import shows within s-maxage plus this.
 */
export const STALE_WHILE_REVALIDATE_SECONDS = 30;

export const NO_STORE = "no-store";

/** GET routes whose answer is not a function of the data version and the request: /api/health reports the server's state now (a cached "ok" would hide an outage from a probe). */
export const NO_STORE_PATHS: ReadonlySet<string> = new Set(["/api/health"]);

/**
 * API routes whose answers carry a weak ETag: an export states in its metadata the moment it was
 * generated (generatedAt), so two downloads of the same data differ in that one field — the same
 * data, not the same bytes.
 */
export const WEAK_API_PATHS: ReadonlySet<string> = new Set(["/api/export"]);

/**
 * The request headers Next 16 varies its answers on — pages and route handlers alike — in its Vary
 * (the App Router's RSC requests carry them; next/dist/server/base-server.js setVaryHeader). Next-URL
 * is left out: Next varies on it only for interception routes, which this app has none of, and
 * deletes it from every other request.
 */
export const NEXT_VARY: readonly string[] = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch"];

/** Next compresses answers (gzip or deflate) as the request's Accept-Encoding allows: another representation, another ETag. */
export const ENCODING_VARY = "accept-encoding";

/** The request headers an answer varies on, lower case: its Vary header, and part of its ETag. */
export const VARY: readonly string[] = [...NEXT_VARY, ENCODING_VARY];

/**
 * Whether a GET or HEAD of `path` is cacheable: an API route that answers GET (but NO_STORE_PATHS),
 * a page or a public file. Not Next's build files under /_next/ (Next gives them a year's immutable
 * caching of its own), nor a path with a trailing slash (Next redirects it to the one without).
 */
export function isCacheable(method: string, path: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  if (path.length > 1 && path.endsWith("/")) return false;
  if (isApiPath(path)) return !NO_STORE_PATHS.has(path) && (allowedMethods(path)?.includes("GET") ?? false);
  return !path.startsWith("/_next/");
}

/**
 * The query with its parameters sorted by name, each decoded and encoded again: `b=2&a=1` and
 * `a=1&b=2`, or `shutdown=CN,RU` and `shutdown=CN%2CRU`, are one request to every route. Values of a
 * repeated name keep their order (the API refuses repeats anyway).
 */
export function canonicalQuery(search: string): string {
  const params = [...new URLSearchParams(search)];
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(params).toString();
}

/** Accept-Encoding as far as the server reads it: case and spaces do not matter. */
function headerValue(name: string, value: string | undefined): string {
  if (value === undefined) return "\u0000";
  return name === ENCODING_VARY ? value.toLowerCase().replace(/\s+/g, "") : value;
}

export type CacheKey = {
  /** The code: application version and build (lib/edge/install.ts). */
  release: string;
  /** lib/db/data-version.ts dataVersion(). */
  dataVersion: string;
  /** The request target's path, as sent (not decoded). */
  path: string;
  /** The query string, with or without "?". */
  search: string;
  /** The request's headers (lower-case names, as Node gives them). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
};

/**
 * The ETag of the answer to a request: a digest of everything the answer is a function of. GET and
 * HEAD share it (a HEAD answers with the headers of the GET).
 *
 * Strong for the API: its answers are JSON serialised the same way every time, so one ETag is one
 * sequence of bytes. Weak (W/) for pages, and the files served beside them: Next streams a page's
 * HTML and RSC payload in the order its parts finish, and the first render after a start orders them
 * otherwise than later ones (measured on /: the same content, bytes in another order); and for the
 * API routes of WEAK_API_PATHS. The answer
 * is the same — what a revalidation asks — but not byte for byte, which a strong ETag promises
 * (RFC 9110 §8.8.1: a range request could otherwise splice two renders).
 */
export function etagFor(key: CacheKey): string {
  const vary = VARY.map((name) => {
    const raw = key.headers[name];
    return `${name}:${headerValue(name, Array.isArray(raw) ? raw.join(",") : raw)}`;
  });
  const text = [key.release, key.dataVersion, key.path, canonicalQuery(key.search), ...vary].join("\n");
  const tag = `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
  return isApiPath(key.path) && !WEAK_API_PATHS.has(key.path) ? tag : `W/${tag}`;
}

/** The opaque part of an entity tag: its quoted string, without a W/ prefix. */
function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, "");
}

/**
 * Whether If-None-Match names `etag`, by the weak comparison RFC 9110 §13.1.2 prescribes for it (W/
 * is ignored on both sides): `*`, or a list of entity tags. Tags are read as quoted strings, not split
 * on commas, since a tag may itself hold one.
 */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  const wanted = opaque(etag);
  for (const match of header.matchAll(/(?:W\/)?"[^"]*"/g)) if (opaque(match[0]) === wanted) return true;
  return false;
}

/**
 * The Cache-Control of a cacheable 200 (and of its 304): any cache may store it (public); a shared
 * cache serves it `seconds` (HASHATLAS_CACHE_SECONDS) without asking, then STALE_WHILE_REVALIDATE_SECONDS
 * more while it revalidates; a browser (max-age=0) asks every time — a revalidation is a 304 without
 * a body — so an import shows at once. With 0 seconds, no shared cache serves anything unasked either.
 */
export function sharedCacheControl(seconds: number): string {
  const stale = seconds > 0 ? `, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}` : "";
  return `public, max-age=0, s-maxage=${seconds}${stale}`;
}

/** A Vary header value with `names` added to what it already lists (none twice, whatever the case). */
export function withVary(existing: string | undefined, names: readonly string[]): string {
  const listed = (existing ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const seen = new Set(listed.map((s) => s.toLowerCase()));
  return [...listed, ...names.filter((n) => !seen.has(n.toLowerCase()))].join(", ");
}
