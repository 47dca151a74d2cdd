import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "@/scripts/app-server";
import { freePort } from "@/scripts/free-port";
import { sharedCacheControl } from "./http-cache";

// HTTP caching on ONE real server (next build + next start, through the server's front as `npm start`
// runs it), with an admin token so that an import can change the data version, and a cache lifetime
// other than the default so that the header is seen to come from HASHATLAS_CACHE_SECONDS.

const TOKEN = "http-cache-admin-token-0123456789";
const CACHE_SECONDS = 42;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-http-cache-"));
let server: AppServer | undefined;

beforeAll(async () => {
  server = await startAppServer({
    port: await freePort(),
    dbFile: path.join(dir, "server.db"),
    stdio: "ignore",
    env: { NODE_ENV: "production", HASHATLAS_ADMIN_TOKEN: TOKEN, HASHATLAS_CACHE_SECONDS: String(CACHE_SECONDS) },
  });
}, 600_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function send(target: string, init: RequestInit = {}) {
  if (!server) throw new Error("no server");
  const response = await fetch(`${server.url}${target}`, { redirect: "manual", ...init });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

const ifNoneMatch = (etag: string | null) => ({ headers: { "if-none-match": etag ?? "" } });
const CACHED = sharedCacheControl(CACHE_SECONDS);

describe("HTTP caching keyed on the data version", () => {
  it("gives GET /api/metrics a strong ETag and a shared-cache Cache-Control; If-None-Match with it gets 304 without a body", async () => {
    const first = await send("/api/metrics?period=2022-01");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers.get("cache-control")).toBe(CACHED);
    expect(first.headers.get("cache-control")).toMatch(new RegExp(`^public, .*s-maxage=${CACHE_SECONDS}, stale-while-revalidate=\\d+`));

    const again = await send("/api/metrics?period=2022-01", ifNoneMatch(`"stale", W/${etag}`));
    expect([again.status, again.body, again.headers.get("etag"), again.headers.get("cache-control")]).toEqual([304, "", etag, CACHED]);
    expect((await send("/api/metrics?period=2022-01", { method: "HEAD" })).headers.get("etag")).toBe(etag);
  });

  it("gives a page its ETag and 304 too", async () => {
    const page = await send("/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("HashAtlas");
    expect(page.headers.get("cache-control")).toBe(CACHED);
    const etag = page.headers.get("etag");
    expect(etag).toMatch(/^W\/"[\w-]{27}"$/);
    const again = await send("/", ifNoneMatch(etag));
    expect([again.status, again.body]).toEqual([304, ""]);
  });

  it("leaves health, errors and answers to credentials no-store, without an ETag", async () => {
    for (const [target, init, status] of [
      ["/api/health", {}, 200],
      ["/api/metrics?period=2022-13", {}, 400],
      ["/api/periods?dataset=no-such-set", {}, 404],
      ["/no-such-page", {}, 404],
      ["/api/metrics?period=2022-01", { headers: { authorization: "Bearer anything" } }, 200],
    ] as const) {
      const answer = await send(target, init);
      expect([target, answer.status, answer.headers.get("cache-control"), answer.headers.get("etag")]).toEqual([target, status, "no-store", null]);
    }
  });

  it("answers GET /api/simulate and GET /api/risk with the bytes of the POST, cacheable", async () => {
    for (const [target, body] of [
      [
        "/api/simulate?period=2021-05&shutdown=CN,KZ:0.5&migrate=0.5,90,30,proportional",
        { period: "2021-05", shutdown: ["CN", { id: "KZ", fraction: 0.5 }], migration: { fraction: 0.5, days: 90, delayDays: 30 } },
      ],
      [
        "/api/risk?period=2022-01&risk=CN:0.3,EAEU:0.05:0.5",
        {
          period: "2022-01",
          events: [
            { id: "CN", probability: 0.3 },
            { id: "EAEU", probability: 0.05, fraction: 0.5 },
          ],
        },
      ],
    ] as const) {
      const viaGet = await send(target);
      const viaPost = await send(target.split("?")[0] ?? "", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect([target, viaGet.status, viaPost.status]).toEqual([target, 200, 200]);
      expect(viaGet.body).toBe(viaPost.body);
      expect(viaGet.headers.get("etag")).toMatch(/^"/);
      expect(viaPost.headers.get("cache-control")).toBe("no-store");
      expect((await send(target, ifNoneMatch(viaGet.headers.get("etag")))).status).toBe(304);
    }
  });

  it("changes every ETag at once with an import: the old one then gets the new answer", async () => {
    const before = await send("/api/metrics?period=2022-01");
    const page = await send("/");
    const imported = await send(
      "/api/import?kind=shares&dataset=cache-test&publisher=Test%20Lab&url=https%3A%2F%2Fexample.org%2Fc&licence=CC0&coverage=partial",
      {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/csv" },
        body: "period,country,share\n2022-01,US,0.6\n2022-01,CN,0.4\n",
      },
    );
    expect(imported.status).toBe(201);
    expect(imported.headers.get("cache-control")).toBe("no-store");

    const after = await send("/api/metrics?period=2022-01", ifNoneMatch(before.headers.get("etag")));
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).toMatch(/^"/);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect((await send("/", ifNoneMatch(page.headers.get("etag")))).status).toBe(200);
    expect((await send("/api/datasets")).body).toContain("cache-test");
  });
});
