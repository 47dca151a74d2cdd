import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sharedCacheControl, VARY } from "../http-cache/http-cache";
import { createEdgeGuard } from "./guard";

// The front's caching (cache-front.ts) on a real http server, with a stand-in for Next behind it that
// answers the way Next does: Cache-Control set before (setHeader) or in writeHead's own headers, an
// implicit writeHead on the first write, compression wrapping writeHead after the front.

let version: string | undefined = "1:1:2026-01-01@2026-05";
let behind = 0;
let server: http.Server;
let base = "";

/** Next's part: what each path answers, counted (a 304 of the front never gets here). */
function next(req: http.IncomingMessage, res: http.ServerResponse) {
  behind++;
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/api/metrics" || path === "/api/health" || path === "/api/simulate") {
    // lib/api/respond.ts: every API answer says no-store.
    res.setHeader("cache-control", "no-store");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ version, query: req.url }));
  } else if (path === "/api/periods") {
    res.writeHead(404, { "cache-control": "no-store", "content-type": "application/json" });
    res.end('{"error":{"status":404}}');
  } else if (path === "/") {
    // A dynamic page: Next's own no-cache in writeHead's headers, Vary on the RSC headers, and
    // compression's wrapper (installed after the front's) adding Content-Encoding and Vary.
    const writeHead = res.writeHead.bind(res);
    res.writeHead = (statusCode: number, ...rest: unknown[]) => {
      res.setHeader("content-encoding", "identity");
      res.setHeader("vary", `${String(res.getHeader("vary"))}, Accept-Encoding`);
      return rest.length === 0 ? writeHead(statusCode) : writeHead(statusCode, rest[0] as http.OutgoingHttpHeaders);
    };
    res.setHeader("vary", "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch");
    res.writeHead(200, { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate", "content-type": "text/html" });
    res.end(`<html>${version}${String(req.headers.rsc ?? "")}</html>`);
  } else {
    res.statusCode = 308;
    res.setHeader("location", "/");
    res.end();
  }
}

beforeAll(async () => {
  // The version is read as the server reads it: asynchronously (a query on PostgreSQL).
  const guard = createEdgeGuard({ headers: [], cache: { release: "9.9.9+test", dataVersion: () => Promise.resolve(version), seconds: 10 } });
  server = http.createServer((req, res) => {
    const answered = guard(req, res);
    if (answered === false) next(req, res);
    else if (answered !== true) void answered.then((done) => done || next(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  version = "1:1:2026-01-01@2026-05";
  behind = 0;
});

const CACHED = sharedCacheControl(10);

async function send(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${base}${path}`, { method: init.method ?? "GET", headers: init.headers, redirect: "manual" });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe("the front's HTTP caching", () => {
  it("gives a 200 GET an ETag and the shared-cache Cache-Control over the route's no-store; a matching If-None-Match gets 304 without Next", async () => {
    const first = await send("/api/metrics?period=2022-01&dataset=x");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers.get("cache-control")).toBe(CACHED);
    expect(first.headers.get("vary")).toBe(VARY.join(", "));
    expect(behind).toBe(1);

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      // The same request with its parameters in another order is the same answer.
      const again = await send("/api/metrics?dataset=x&period=2022-01", { headers: { "if-none-match": ifNoneMatch } });
      expect([ifNoneMatch, again.status, again.body]).toEqual([ifNoneMatch, 304, ""]);
      expect(again.headers.get("etag")).toBe(etag);
      expect(again.headers.get("cache-control")).toBe(CACHED);
      expect(again.headers.get("vary")).toBe(VARY.join(", "));
    }
    expect(behind).toBe(1);

    const head = await send("/api/metrics?period=2022-01&dataset=x", { method: "HEAD" });
    expect(head.headers.get("etag")).toBe(etag);
    expect((await send("/api/metrics?period=2022-02&dataset=x", { headers: { "if-none-match": etag } })).status).toBe(200);
  });

  it("after the data version changes, the old ETag gets the new answer with a new ETag", async () => {
    const before = await send("/api/metrics");
    version = "2:5:2026-05-02@2026-05";
    const after = await send("/api/metrics", { headers: { "if-none-match": before.headers.get("etag") ?? "" } });
    expect(after.status).toBe(200);
    expect(after.body).toContain(version);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
  });

  it("has the last word over headers given to writeHead, after compression's, on a page; varies it on the RSC headers", async () => {
    const page = await send("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe(CACHED);
    expect(page.headers.get("vary")).toBe("rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding");
    const etag = page.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"/);
    expect((await send("/", { headers: { "if-none-match": etag } })).status).toBe(304);
    const rsc = await send("/", { headers: { "if-none-match": etag, rsc: "1" } });
    expect(rsc.status).toBe(200);
    expect(rsc.headers.get("etag")).not.toBe(etag);
  });

  it.each<[string, string, Record<string, string>, number]>([
    ["an error answer", "/api/periods", {}, 404],
    ["a redirect", "/elsewhere", {}, 308],
    ["an answer to a request with credentials", "/api/metrics", { authorization: "Bearer x" }, 200],
  ])("leaves %s no-store, without an ETag", async (_what, path, headers, status) => {
    const answer = await send(path, { headers });
    expect(answer.status).toBe(status);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.headers.get("etag")).toBeNull();
  });

  it("never answers 304 to a request with credentials, nor when the data version cannot be read", async () => {
    const etag = (await send("/api/metrics")).headers.get("etag") ?? "";
    const withToken = await send("/api/metrics", { headers: { "if-none-match": etag, authorization: "Bearer x" } });
    expect([withToken.status, withToken.headers.get("cache-control")]).toEqual([200, "no-store"]);
    version = undefined;
    const unreadable = await send("/api/metrics", { headers: { "if-none-match": etag } });
    expect([unreadable.status, unreadable.headers.get("cache-control"), unreadable.headers.get("etag")]).toEqual([200, "no-store", null]);
  });

  it("leaves /api/health and POSTs to the route", async () => {
    const health = await send("/api/health", { headers: { "if-none-match": "*" } });
    expect([health.status, health.headers.get("cache-control"), health.headers.get("etag")]).toEqual([200, "no-store", null]);
    const post = await send("/api/simulate", { method: "POST", headers: { "if-none-match": "*" } });
    expect([post.status, post.headers.get("cache-control"), post.headers.get("etag")]).toEqual([200, "no-store", null]);
  });
});
