import { LRUCache } from "lru-cache";
import { dataVersion } from "../db/data-version";

// Serialised JSON answers, kept per data version. Answers can be large (a 10-year simulation
// timeline is ~400 KB) and keys can be request bodies (up to 64 KiB), so the cache is bounded by
// size, least recently used out first, rather than by entry count.

const utf8 = new TextEncoder();

type Body = Uint8Array<ArrayBuffer>;
type Compute = () => Promise<unknown>;

export type ResponseCache = {
  /** The answer for `key` at the current data version, computed (and serialised) on a miss. */
  get(key: string, compute: Compute): Promise<Body>;
  stats(): { entries: number; bytes: number };
};

/**
 * A cache of UTF-8 JSON bodies: a repeated request costs one version check and a lookup — no
 * recomputation, re-serialisation or re-encoding. A version change drops everything; a failed
 * computation (bad input) is never kept; concurrent requests for one key share one computation.
 *
 * lru-cache's fetch does the sharing, the byte accounting and the eviction. ignoreFetchAbort: a
 * computation under way when the version changes (or its placeholder is evicted) still answers the
 * requests waiting on it, and is then not kept (lru-cache only stores it if its placeholder is
 * still there).
 */
export function createResponseCache(maxBytes: number, version: () => string | Promise<string>): ResponseCache {
  const cache = new LRUCache<string, Body, Compute>({
    maxSize: maxBytes,
    // A JS string takes up to two bytes per character.
    sizeCalculation: (body, key) => body.byteLength + 2 * key.length,
    ignoreFetchAbort: true,
    // async: a compute that throws synchronously (e.g. validation) becomes a rejection like any other.
    fetchMethod: async (_key, _stale, { context: compute }) => utf8.encode(JSON.stringify(await compute())),
  });
  let cachedVersion: string | undefined;

  return {
    async get(key, compute) {
      // A version at hand is used at once (no turn of the event loop between the check and the lookup).
      const asked = version();
      const current = typeof asked === "string" ? asked : await asked;
      if (current !== cachedVersion) {
        cache.clear();
        cachedVersion = current;
      }
      const body = await cache.fetch(key, { context: compute });
      // fetchMethod always resolves to bytes; undefined would mean lru-cache dropped the fetch.
      if (body === undefined) throw new Error(`response cache: no answer for ${key.slice(0, 80)}`);
      return body;
    },
    stats: () => ({ entries: cache.size, bytes: cache.calculatedSize }),
  };
}

/** 64 MiB of answers: thousands of scenarios at the default horizon, ~150 at the longest. */
const RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;
const responses = createResponseCache(RESPONSE_CACHE_BYTES, dataVersion);

/**
 * The serialised answer of a service call: repeated requests for the same data version cost one
 * version check, not a recomputation, re-serialisation or re-encoding. Kept here, beside the HTTP
 * answer it feeds (jsonText), because what it stores is bytes of a response body keyed by request
 * text; the services keep domain results of their own (memo, lib/db/data-version.ts).
 */
export function cachedJson(key: string, compute: () => Promise<unknown>): Promise<Uint8Array<ArrayBuffer>> {
  return responses.get(key, compute);
}
