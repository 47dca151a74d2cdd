import { dataVersion } from "../db/data-version";

// Serialised JSON answers, kept per data version. Answers can be large (a 10-year simulation
// timeline is ~400 KB) and keys can be request bodies (up to 64 KiB), so the cache is bounded by
// size, least recently used out first, rather than by entry count.

const utf8 = new TextEncoder();

type Entry = { body: Promise<Uint8Array<ArrayBuffer>>; bytes: number };

export type ResponseCache = {
  /** The answer for `key` at the current data version, computed (and serialised) on a miss. */
  get(key: string, compute: () => Promise<unknown>): Promise<Uint8Array<ArrayBuffer>>;
  stats(): { entries: number; bytes: number };
};

/**
 * A cache of UTF-8 JSON bodies: a repeated request costs one version check and a map lookup — no
 * recomputation, re-serialisation or re-encoding. A version change drops everything; a failed
 * computation (bad input) is never kept.
 */
export function createResponseCache(maxBytes: number, version: () => string): ResponseCache {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let cachedVersion: string | undefined;

  const evict = () => {
    // Map order is recency order: the first entries are the least recently used.
    for (const [key, entry] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(key);
      bytes -= entry.bytes;
    }
  };

  return {
    get(key, compute) {
      const current = version();
      if (current !== cachedVersion) {
        entries.clear();
        bytes = 0;
        cachedVersion = current;
      }
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit.body;
      }
      // async: a compute that throws synchronously (e.g. validation) becomes a rejection like any other.
      const entry: Entry = { body: (async () => utf8.encode(JSON.stringify(await compute())))(), bytes: 0 };
      entries.set(key, entry);
      entry.body.then(
        (body) => {
          if (entries.get(key) !== entry) return; // dropped meanwhile by a version change or eviction
          entry.bytes = body.byteLength + 2 * key.length; // a JS string takes up to two bytes per character
          bytes += entry.bytes;
          evict();
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      return entry.body;
    },
    stats: () => ({ entries: entries.size, bytes }),
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
