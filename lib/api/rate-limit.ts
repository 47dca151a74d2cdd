import { DEFAULT_IMPORT_RATE_PER_MINUTE, IMPORT_RATE_ENV, ratePerMinute, SIMULATE_RATE_ENV } from "../env";
import { clientKey } from "./client-key";
import { errorResponse } from "./respond";

/**
 * A small in-memory token bucket per client, for the write routes.
 *
 * Each client has a bucket of `capacity` tokens that refills continuously at `capacity` per
 * `windowMs`; a request takes one token, and without one it is refused with 429 and a Retry-After
 * saying when the next token arrives. So "30 a minute" allows a burst of 30, then one every 2 s.
 *
 * In memory, per process: a restart forgets every bucket, and several server processes would each
 * count on their own. That is enough for HashAtlas, one `next start` on one machine.
 *
 * A client is its socket address; X-Forwarded-For counts only from proxies HASHATLAS_TRUST_PROXY
 * names, and an IPv6 client is counted by its /64 (the rule and why: lib/api/client-key.ts). So a
 * client that sends a new X-Forwarded-For with each request does not get a new bucket with it.
 *
 * Limits (decided with the "Hardening" issue):
 * - POST /api/import: HASHATLAS_IMPORT_RATE_PER_MINUTE, default 30. An import is a human uploading a
 *   file; 30 a minute is far above that, and checked before authentication, so it also caps guesses
 *   at the admin token (each guess costs a token whether it is right or not).
 * - POST /api/simulate is not limited by default. It writes nothing, needs no token, its body is
 *   capped at 64 KiB and its work by the schema (≤ 3650 days, ≤ 300 items), so it costs
 *   milliseconds; the dashboard posts it on every scenario change and the benchmark measures its
 *   throughput from one address, and a per-client limit would throttle both. A deployment reachable
 *   from a network can turn one on with HASHATLAS_SIMULATE_RATE_PER_MINUTE (see `simulateRateLimit`).
 */

export type Clock = () => number;

export type TakeResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

type Bucket = { tokens: number; updatedAt: number };

export class TokenBucket {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
    /** Milliseconds from a monotonic clock by default, so a wall-clock step changes nothing. */
    private readonly now: Clock = () => performance.now(),
    /** Clients remembered at most; beyond it idle (full) buckets go first, then the oldest. */
    private readonly maxClients = 10_000,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, not ${capacity}`);
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, not ${windowMs}`);
  }

  /** Take one token for `key`, if it has one. */
  take(key: string): TakeResult {
    const now = this.now();
    const bucket = this.refill(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    const waitMs = ((1 - bucket.tokens) * this.windowMs) / this.capacity;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Clients currently remembered (for tests). */
  get size(): number {
    return this.buckets.size;
  }

  private refill(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxClients) this.evict(now);
      bucket = { tokens: this.capacity, updatedAt: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    // An injected clock that steps back must neither drain nor fill a bucket.
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(this.capacity, bucket.tokens + this.earned(elapsed));
    bucket.updatedAt = now;
    return bucket;
  }

  /** Tokens earned in `ms` (multiplied before dividing, so whole intervals give whole tokens). */
  private earned(ms: number): number {
    return (ms * this.capacity) / this.windowMs;
  }

  private evict(now: number) {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + this.earned(Math.max(0, now - bucket.updatedAt)) >= this.capacity) this.buckets.delete(key);
    }
    // Still full of active clients: forget the least recently created ones (Map keeps insertion order).
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxClients) break;
      this.buckets.delete(key);
    }
  }
}

/** Read a per-minute limit from the environment (the rule is lib/env.ts's); undefined means no limit. */
export function readRatePerMinute(name: string, source: Readonly<Record<string, string | undefined>>, fallback?: number): number | undefined {
  const parsed = ratePerMinute(fallback).safeParse(source[name]);
  if (!parsed.success) throw new Error(`Invalid environment: ${name}: ${parsed.error.issues[0]?.message ?? "invalid"} (got "${source[name]}")`);
  return parsed.data === 0 ? undefined : parsed.data;
}

type Limiter = { raw: string | undefined; bucket: TokenBucket | null };
const limiters = new Map<string, Limiter>();

/** One bucket per route and setting; re-created when the setting changes (tests stub the env). */
function limiterFor(name: string, fallback: number | undefined): TokenBucket | null {
  const raw = process.env[name];
  const known = limiters.get(name);
  if (known && known.raw === raw) return known.bucket;
  const perMinute = readRatePerMinute(name, process.env, fallback);
  const bucket = perMinute === undefined ? null : new TokenBucket(perMinute, 60_000);
  limiters.set(name, { raw, bucket });
  return bucket;
}

/** Forget every bucket (tests). */
export function resetRateLimits() {
  limiters.clear();
}

function limit(request: Request, name: string, fallback: number | undefined, what: string): Response | null {
  const bucket = limiterFor(name, fallback);
  if (!bucket) return null;
  const taken = bucket.take(clientKey(request));
  if (taken.allowed) return null;
  const response = errorResponse(
    429,
    `too many ${what} from this client: at most ${bucket.capacity} a minute; try again in ${taken.retryAfterSeconds} s`,
    "rate-limit",
  );
  response.headers.set("retry-after", String(taken.retryAfterSeconds));
  return response;
}

/** POST /api/import: null to go on, or the 429 to answer. Call it first, before authentication. */
export function importRateLimit(request: Request): Response | null {
  return limit(request, IMPORT_RATE_ENV, DEFAULT_IMPORT_RATE_PER_MINUTE, "imports");
}

/** /api/simulate (POST and GET): off unless HASHATLAS_SIMULATE_RATE_PER_MINUTE is set (see the note above). */
export function simulateRateLimit(request: Request): Response | null {
  return limit(request, SIMULATE_RATE_ENV, undefined, "simulations");
}

/** /api/risk (POST and GET): a computation on request like a simulation, so the same setting and the same bucket. */
export function riskRateLimit(request: Request): Response | null {
  return limit(request, SIMULATE_RATE_ENV, undefined, "simulations and risk assessments");
}
