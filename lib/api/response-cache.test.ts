import { describe, expect, it } from "vitest";
import { createResponseCache } from "./response-cache";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("response cache", () => {
  it("computes once per key and version, serialised to the same bytes", async () => {
    let version = "v1";
    let computed = 0;
    const cache = createResponseCache(1 << 20, () => version);
    const compute = async () => ({ n: ++computed });
    const first = await cache.get("a", compute);
    expect(text(first)).toBe('{"n":1}');
    expect(await cache.get("a", compute)).toBe(first);
    expect(computed).toBe(1);
    version = "v2"; // an import
    expect(text(await cache.get("a", compute))).toBe('{"n":2}');
    expect(cache.stats().entries).toBe(1);
  });

  it("never keeps a failed computation, synchronous throw or rejection", async () => {
    const cache = createResponseCache(1 << 20, () => "v");
    await expect(
      cache.get("bad", () => {
        throw new Error("invalid body");
      }),
    ).rejects.toThrow("invalid body");
    await expect(cache.get("bad", () => Promise.reject(new Error("no data")))).rejects.toThrow("no data");
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0 });
    expect(text(await cache.get("bad", async () => "fixed"))).toBe('"fixed"');
  });

  it("stays within its byte budget, dropping the least recently used answer first", async () => {
    const answer = (c: string) => async () => c.repeat(1000); // 1002 bytes of JSON
    const cache = createResponseCache(3_500, () => "v");
    await cache.get("a", answer("a"));
    await cache.get("b", answer("b"));
    await cache.get("c", answer("c"));
    await cache.get("a", answer("x")); // a hit: "a" becomes the most recently used
    await cache.get("d", answer("d")); // 4 × 1004 > 3500: "b" goes
    const stats = cache.stats();
    expect(stats.entries).toBe(3);
    expect(stats.bytes).toBeLessThanOrEqual(3_500);
    let recomputed = "";
    for (const key of ["a", "c", "d", "b"]) await cache.get(key, async () => (recomputed += key));
    expect(recomputed).toBe("b");
  });

  it("lets concurrent identical requests share one computation", async () => {
    let computed = 0;
    const cache = createResponseCache(1 << 20, () => "v");
    let release: (v: string) => void = () => {};
    const slow = () => {
      computed++;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const both = Promise.all([cache.get("k", slow), cache.get("k", slow)]);
    release("done");
    const [a, b] = await both;
    expect(a).toBe(b);
    expect(computed).toBe(1);
  });

  it("answers the requests waiting on a computation that an import overtook, without keeping the stale answer", async () => {
    let version = "v1";
    const cache = createResponseCache(1 << 20, () => version);
    let release: (v: string) => void = () => {};
    const waiting = cache.get("k", () => new Promise<string>((resolve) => (release = resolve)));
    version = "v2"; // an import lands while the old answer is being computed
    const fresh = cache.get("k", async () => "new");
    release("old");
    expect(text(await waiting)).toBe('"old"');
    expect(text(await fresh)).toBe('"new"');
    expect(text(await cache.get("k", async () => "recomputed"))).toBe('"new"');
    expect(cache.stats().entries).toBe(1);
  });

  it("answers but does not keep an answer larger than the whole budget, and keeps the others", async () => {
    const cache = createResponseCache(100, () => "v");
    await cache.get("small", async () => "s");
    expect(text(await cache.get("big", async () => "x".repeat(200)))).toHaveLength(202);
    expect(cache.stats().entries).toBe(1);
    let again = 0;
    await cache.get("big", async () => "y".repeat(++again));
    expect(again).toBe(1);
  });
});
