import { describe, expect, it } from "vitest";
import { canonicalQuery, type CacheKey, etagFor, ifNoneMatch, isCacheable, sharedCacheControl, STALE_WHILE_REVALIDATE_SECONDS, withVary } from "./http-cache";

describe("isCacheable", () => {
  it.each([
    ["GET", "/api/metrics", true],
    ["HEAD", "/api/metrics", true],
    ["GET", "/api/version", true],
    ["GET", "/api/openapi.json", true],
    ["GET", "/api/simulate", true],
    ["GET", "/api/risk", true],
    ["GET", "/", true],
    ["GET", "/data", true],
    ["GET", "/geo/world.json", true],
    ["GET", "/no-such-page", true],
    // The server's state now, and a download that states when it was made.
    ["GET", "/api/health", false],
    ["GET", "/api/export", true],
    ["POST", "/api/simulate", false],
    ["POST", "/api/import", false],
    ["OPTIONS", "/api/metrics", false],
    ["PUT", "/", false],
    // Not a GET route of the API: Next answers 404 or 405 (the front refuses the latter first).
    ["GET", "/api/import", false],
    ["GET", "/api/no-such-route", false],
    ["GET", "/api", false],
    // Next's own build files, immutable for a year by Next's own headers.
    ["GET", "/_next/static/chunks/main.js", false],
    // Redirected by Next to the path without the slash.
    ["GET", "/api/metrics/", false],
    ["GET", "/data/", false],
  ])("%s %s → %s", (method, path, cacheable) => {
    expect(isCacheable(method, path)).toBe(cacheable);
  });
});

describe("canonicalQuery", () => {
  it.each([
    ["", ""],
    ["?", ""],
    ["?b=2&a=1", "a=1&b=2"],
    ["a=1&b=2", "a=1&b=2"],
    ["?shutdown=CN%2CRU:0.3", "shutdown=CN%2CRU%3A0.3"],
    ["?shutdown=CN,RU:0.3", "shutdown=CN%2CRU%3A0.3"],
    ["?q=a+b", "q=a+b"],
    ["?q=a%20b", "q=a+b"],
    // A repeated name keeps its values' order (the routes refuse it, with a 400 naming it).
    ["?z=1&a=2&a=1", "a=2&a=1&z=1"],
  ])("%j → %j", (search, canonical) => {
    expect(canonicalQuery(search)).toBe(canonical);
  });
});

describe("etagFor", () => {
  const base: CacheKey = {
    release: "1.0.0+build",
    dataVersion: "12:78:2025-01-01@2026-05",
    path: "/api/metrics",
    search: "?period=2022-01&dataset=x",
    headers: {},
  };
  const tag = etagFor(base);

  it("is a strong entity tag, the same for the same inputs (in any process)", () => {
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(etagFor({ ...base, headers: { "user-agent": "another", "if-none-match": tag } })).toBe(tag);
    expect(etagFor({ ...base, search: "dataset=x&period=2022-01" })).toBe(tag);
    expect(etagFor({ ...base, headers: { "accept-encoding": undefined } })).toBe(tag);
  });

  it.each<[string, Partial<CacheKey>]>([
    ["another release", { release: "1.0.1+build" }],
    ["another build of the release", { release: "1.0.0+other" }],
    ["another data version (an import)", { dataVersion: "13:99:2026-05-02@2026-05" }],
    ["another month", { dataVersion: "12:78:2025-01-01@2026-06" }],
    ["another path", { path: "/api/shocks" }],
    ["another query", { search: "?period=2022-02&dataset=x" }],
    ["no query", { search: "" }],
    ["another accepted encoding", { headers: { "accept-encoding": "gzip" } }],
  ])("changes with %s", (_what, change) => {
    expect(etagFor({ ...base, ...change })).not.toBe(tag);
  });

  it("reads Accept-Encoding without case or spaces", () => {
    const gzip = etagFor({ ...base, headers: { "accept-encoding": "gzip, deflate" } });
    expect(etagFor({ ...base, headers: { "accept-encoding": "GZIP,deflate" } })).toBe(gzip);
  });

  it.each(["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch"])("changes with %s, a header Next varies on", (name) => {
    expect(etagFor({ ...base, headers: { [name]: "1" } })).not.toBe(tag);
  });

  it("is weak for a page (Next streams its parts in the order they finish) and an export (generatedAt), strong for the rest of the API", () => {
    expect(etagFor({ ...base, path: "/" })).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(etagFor({ ...base, path: "/geo/world.json" })).toMatch(/^W\//);
    expect(etagFor({ ...base, path: "/api/openapi.json" })).toMatch(/^"/);
    expect(etagFor({ ...base, path: "/api/export" })).toMatch(/^W\//);
  });
});

describe("ifNoneMatch (RFC 9110 weak comparison)", () => {
  const etag = '"abc"';
  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ["", false],
    ['"abc"', true],
    ['W/"abc"', true],
    [' "x", W/"abc" ', true],
    ['"x","abc"', true],
    ['"x", "y"', false],
    ['"ab"', false],
    ['"abcd"', false],
    ["abc", false],
    ["*", true],
    [" * ", true],
    // A comma inside a tag does not split it.
    ['"x,abc"', false],
  ])("%j → %s", (header, matches) => {
    expect(ifNoneMatch(header, etag)).toBe(matches);
  });

  it("ignores W/ on the server's side too", () => {
    expect(ifNoneMatch('"abc"', 'W/"abc"')).toBe(true);
  });
});

describe("sharedCacheControl", () => {
  it.each([
    [10, `public, max-age=0, s-maxage=10, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}`],
    [86_400, `public, max-age=0, s-maxage=86400, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}`],
    // 0: a shared cache revalidates every time, and serves nothing stale meanwhile either.
    [0, "public, max-age=0, s-maxage=0"],
  ])("%d s → %s", (seconds, value) => {
    expect(sharedCacheControl(seconds)).toBe(value);
  });
});

describe("withVary", () => {
  it.each<[string | undefined, string[], string]>([
    [undefined, ["accept-encoding"], "accept-encoding"],
    ["", ["accept-encoding"], "accept-encoding"],
    ["Accept-Encoding", ["accept-encoding"], "Accept-Encoding"],
    ["rsc, next-router-state-tree", ["rsc", "accept-encoding"], "rsc, next-router-state-tree, accept-encoding"],
  ])("%j + %j → %j", (existing, names, value) => {
    expect(withVary(existing, names)).toBe(value);
  });
});
