import { afterEach, describe, expect, it, vi } from "vitest";
import { PEER_HEADER, trustPeerHeader } from "./client-key";
import { importRateLimit, readRatePerMinute, resetRateLimits, simulateRateLimit, TokenBucket } from "./rate-limit";

/** A clock the test moves by hand: no sleeping. */
function manualClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("TokenBucket", () => {
  it("allows a burst of `capacity`, then refuses with the seconds until the next token", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(30, 60_000, clock.now);
    for (let i = 0; i < 30; i++) expect(bucket.take("a")).toEqual({ allowed: true, remaining: 29 - i });
    expect(bucket.take("a")).toEqual({ allowed: false, retryAfterSeconds: 2 });
    // A refused request takes nothing: the wait does not grow.
    expect(bucket.take("a")).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it("refills continuously at capacity per window", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(30, 60_000, clock.now);
    for (let i = 0; i < 30; i++) bucket.take("a");
    clock.advance(1_000); // half a token
    expect(bucket.take("a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1_000); // one token
    expect(bucket.take("a")).toMatchObject({ allowed: true, remaining: 0 });
    expect(bucket.take("a")).toMatchObject({ allowed: false });
    clock.advance(6_000); // three tokens
    expect([bucket.take("a"), bucket.take("a"), bucket.take("a"), bucket.take("a")].map((r) => r.allowed)).toEqual([true, true, true, false]);
  });

  it("never holds more than capacity, however long the client was away", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(3, 60_000, clock.now);
    bucket.take("a");
    clock.advance(24 * 3_600_000);
    expect([1, 2, 3, 4].map(() => bucket.take("a").allowed)).toEqual([true, true, true, false]);
  });

  it("rounds Retry-After up to whole seconds, at least 1", () => {
    const clock = manualClock();
    const slow = new TokenBucket(1, 60_000, clock.now);
    slow.take("a");
    expect(slow.take("a")).toEqual({ allowed: false, retryAfterSeconds: 60 });
    clock.advance(59_001);
    expect(slow.take("a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    const fast = new TokenBucket(600, 60_000, clock.now); // one token per 100 ms
    for (let i = 0; i < 600; i++) fast.take("b");
    expect(fast.take("b")).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("keeps one bucket per client", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(2, 60_000, clock.now);
    expect([bucket.take("a"), bucket.take("a"), bucket.take("a")].map((r) => r.allowed)).toEqual([true, true, false]);
    expect(bucket.take("b").allowed).toBe(true);
  });

  it("is not fooled by a clock that steps back", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(1, 60_000, clock.now);
    bucket.take("a");
    clock.advance(-3_600_000);
    expect(bucket.take("a")).toEqual({ allowed: false, retryAfterSeconds: 60 });
    clock.advance(30_000);
    expect(bucket.take("a")).toEqual({ allowed: false, retryAfterSeconds: 30 });
    clock.advance(30_000);
    expect(bucket.take("a").allowed).toBe(true);
  });

  it("remembers a bounded number of clients, forgetting idle ones first", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(2, 60_000, clock.now, 3);
    bucket.take("busy");
    bucket.take("busy");
    bucket.take("idle-1");
    bucket.take("idle-2");
    clock.advance(60_000); // every bucket is full again; busy spends its tokens at once
    bucket.take("busy");
    bucket.take("busy");
    bucket.take("new");
    expect(bucket.size).toBeLessThanOrEqual(3);
    // busy was kept, still empty.
    expect(bucket.take("busy").allowed).toBe(false);
    for (let i = 0; i < 100; i++) bucket.take(`flood-${i}`);
    expect(bucket.size).toBeLessThanOrEqual(3);
  });

  it("rejects a capacity or window that makes no sense", () => {
    expect(() => new TokenBucket(0, 60_000)).toThrow(RangeError);
    expect(() => new TokenBucket(1.5, 60_000)).toThrow(RangeError);
    expect(() => new TokenBucket(1, 0)).toThrow(RangeError);
  });
});

describe("limits from the environment", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetRateLimits();
  });

  it("reads a per-minute limit, with its default, and names a bad value", () => {
    expect(readRatePerMinute("X_RATE", {}, 30)).toBe(30);
    expect(readRatePerMinute("X_RATE", { X_RATE: "" }, 30)).toBe(30);
    expect(readRatePerMinute("X_RATE", { X_RATE: "5" }, 30)).toBe(5);
    expect(() => readRatePerMinute("X_RATE", { X_RATE: "0" }, 30)).toThrow(/X_RATE.*at least 1/);
    expect(() => readRatePerMinute("X_RATE", { X_RATE: "lots" }, 30)).toThrow(/X_RATE.*whole number/);
    expect(() => readRatePerMinute("X_RATE", { X_RATE: "2.5" }, 30)).toThrow(/X_RATE/);
    // Without a default: unset or 0 means no limit.
    expect(readRatePerMinute("X_RATE", {})).toBeUndefined();
    expect(readRatePerMinute("X_RATE", { X_RATE: "0" })).toBeUndefined();
    expect(readRatePerMinute("X_RATE", { X_RATE: "12" })).toBe(12);
  });

  // As the server's front hands requests over: the socket address in PEER_HEADER (lib/api/client-key.ts).
  trustPeerHeader();
  const post = (ip?: string) => new Request("http://127.0.0.1/api/x", { method: "POST", headers: ip ? { [PEER_HEADER]: ip } : {} });

  it("limits imports at 30 a minute by default", async () => {
    vi.stubEnv("HASHATLAS_IMPORT_RATE_PER_MINUTE", undefined);
    for (let i = 0; i < 30; i++) expect(importRateLimit(post())).toBeNull();
    const refused = importRateLimit(post());
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get("retry-after")).toBe("2");
    expect(await refused?.json()).toEqual({
      error: { status: 429, message: expect.stringMatching(/at most 30 a minute; try again in 2 s/), field: "rate-limit" },
    });
    expect(importRateLimit(post("198.51.100.1"))).toBeNull();
  });

  it("takes a new limit when the variable changes", () => {
    vi.stubEnv("HASHATLAS_IMPORT_RATE_PER_MINUTE", "1");
    expect(importRateLimit(post())).toBeNull();
    expect(importRateLimit(post())?.headers.get("retry-after")).toBe("60");
    vi.stubEnv("HASHATLAS_IMPORT_RATE_PER_MINUTE", "2");
    expect(importRateLimit(post())).toBeNull();
  });

  it("fails loudly on a bad setting rather than running without a limit", () => {
    vi.stubEnv("HASHATLAS_IMPORT_RATE_PER_MINUTE", "-3");
    expect(() => importRateLimit(post())).toThrow(/HASHATLAS_IMPORT_RATE_PER_MINUTE/);
  });

  it("leaves simulations unlimited unless HASHATLAS_SIMULATE_RATE_PER_MINUTE is set", () => {
    vi.stubEnv("HASHATLAS_SIMULATE_RATE_PER_MINUTE", undefined);
    for (let i = 0; i < 1000; i++) expect(simulateRateLimit(post())).toBeNull();
    vi.stubEnv("HASHATLAS_SIMULATE_RATE_PER_MINUTE", "2");
    expect([simulateRateLimit(post()), simulateRateLimit(post()), simulateRateLimit(post())].map((r) => r?.status ?? 200)).toEqual([200, 200, 429]);
  });
});
