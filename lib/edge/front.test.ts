// The server's front against ONE real server (`next start` on a production build, started the way
// every server is: scripts/app-server.ts → scripts/next-command.ts), configured for what it checks:
// a trusted proxy at 127.0.0.1 (requests from 127.0.0.2 are a client connecting directly — the
// whole of 127/8 is this machine), two allowed host names, a 1 s body timeout and 3 imports a minute.
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "@/scripts/app-server";
import { freePort } from "@/scripts/free-port";
import { securityHeaders } from "./security-headers.cjs";

const TOKEN = "front-admin-token-0123456789abcdef";
const IMPORT_LIMIT = 3;
const PROXY = "127.0.0.1";
const DIRECT = "127.0.0.2";
const IMPORT = "/api/import?kind=shares&dataset=front-test&publisher=Front%20Lab&url=https%3A%2F%2Fexample.org%2Ffront&licence=CC0";

let server: AppServer;
let port = 0;

beforeAll(async () => {
  port = await freePort();
  server = await startAppServer({
    port,
    dbFile: path.join(os.tmpdir(), `hashatlas-front-${port}-${process.pid}.db`),
    stdio: "pipe",
    env: {
      HASHATLAS_TRUST_PROXY: PROXY,
      HASHATLAS_ALLOWED_HOSTS: "127.0.0.1,hashatlas.test",
      HASHATLAS_BODY_TIMEOUT_SECONDS: "1",
      HASHATLAS_IMPORT_RATE_PER_MINUTE: String(IMPORT_LIMIT),
      HASHATLAS_ADMIN_TOKEN: TOKEN,
      LOG_LEVEL: "info",
    },
  });
}, 300_000);

afterAll(async () => {
  await server.stop();
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One request with what fetch will not send: a Host of our choosing, an absolute-form target, a local address. */
function send(options: { method?: string; target: string; host?: string; headers?: Record<string, string>; from?: string; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        method: options.method ?? "GET",
        path: options.target,
        localAddress: options.from,
        agent: false,
        headers: { host: options.host ?? `127.0.0.1:${port}`, ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/** A failed import (wrong token: cheap, writes nothing) that still takes one of the client's tokens. */
const importFrom = (from: string, forwardedFor?: string) =>
  send({
    method: "POST",
    target: IMPORT,
    from,
    headers: { authorization: "Bearer wrong-token", "content-type": "text/csv", ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
    body: "period,country,share\n",
  }).then((a) => a.status);

function expectSecurityHeaders(answer: Answer, what: string) {
  for (const { key, value } of securityHeaders(false)) expect(answer.headers[key.toLowerCase()], `${what}: ${key}`).toBe(value);
}

/** A POST that declares a body (`declared` bytes) it sends only the start of; `abortAfterMs` then drops the connection. */
function partialPost(
  target: string,
  contentType: string,
  { abortAfterMs, declared = 50_000 }: { abortAfterMs?: number; declared?: number } = {},
): Promise<{ status: number; body: string; ms: number; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let received = "";
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.write(
        `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: ${contentType}\r\nContent-Length: ${declared}\r\n\r\n{"period":"2021-05",`,
      );
      if (abortAfterMs !== undefined) setTimeout(() => socket.destroy(), abortAfterMs);
    });
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("utf8")));
    socket.on("error", reject);
    socket.on("close", () => {
      const [head = "", ...rest] = received.split("\r\n\r\n");
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        body: rest.join("\r\n\r\n"),
        ms: Date.now() - started,
        closedByServer: abortAfterMs === undefined,
      });
    });
  });
}

/** The server's JSON log lines (stdout), parsed. */
function logLines(): Record<string, unknown>[] {
  return server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("the server's front", () => {
  it("counts a client by its socket address: X-Forwarded-For only from the trusted proxy, IPv6 by /64", async () => {
    // A client connecting directly cannot reset its allowance by sending a new X-Forwarded-For each time.
    const direct = [];
    for (let i = 0; i <= IMPORT_LIMIT; i++) direct.push(await importFrom(DIRECT, `198.51.100.${i + 1}`));
    expect(direct).toEqual([401, 401, 401, 429]);
    // Through the trusted proxy, each forwarded client has an allowance of its own…
    expect(await importFrom(PROXY, "203.0.113.50")).toBe(401);
    expect(await importFrom(PROXY, "203.0.113.51")).toBe(401);
    // …whatever a client put to the left of the proxy's own entry.
    const forged = [];
    for (let i = 0; i <= IMPORT_LIMIT; i++) forged.push(await importFrom(PROXY, `10.9.9.${i}, 203.0.113.52`));
    expect(forged).toEqual([401, 401, 401, 429]);
    // An IPv6 client is its /64: moving around inside it gains nothing.
    const v6 = [];
    for (let i = 0; i <= IMPORT_LIMIT; i++) v6.push(await importFrom(PROXY, `2001:db8:7:7::${i + 1}`));
    expect(v6).toEqual([401, 401, 401, 429]);
    // The header naming the socket address cannot be sent by the client either.
    expect(await importFrom(DIRECT, undefined)).toBe(429);
    const spoofed = await send({ method: "POST", target: IMPORT, from: DIRECT, headers: { "x-hashatlas-peer": "192.0.2.99", authorization: "Bearer x" } });
    expect(spoofed.status).toBe(429);
  });

  it("refuses a Host it does not serve with 421, pages, API and redirects alike; serves the listed ones", async () => {
    for (const target of ["/", "/methodology", "/api/version", "/api/periods/", "/geo/world.json"]) {
      const refused = await send({ target, host: "rebound.evil.example" });
      expect(refused.status, target).toBe(421);
      expect(refused.headers.location, target).toBeUndefined();
      expect(refused.body.length, target).toBeLessThan(200);
      expect(refused.body, target).toContain("rebound.evil.example");
      expectSecurityHeaders(refused, `421 ${target}`);
    }
    const api = await send({ target: "/api/version", host: "evil.example:80" });
    expect(JSON.parse(api.body)).toEqual({ error: { status: 421, message: 'this server does not answer for the host "evil.example:80"' } });
    expect((await send({ target: "/api/version", host: "hashatlas.test:8080" })).status).toBe(200);
    expect((await send({ target: "/api/version", host: "HashAtlas.Test" })).status).toBe(200);
    expect((await send({ target: "/" })).status).toBe(200);
  });

  it("never redirects to the host an absolute-form request target names", async () => {
    // RFC 9112 §3.2.2: the target's host is the request's host, so a foreign one is refused…
    const foreign = await send({ target: "http://evil.example/api/periods/" });
    expect(foreign.status).toBe(421);
    expect(foreign.headers.location).toBeUndefined();
    const foreignPage = await send({ target: "https://evil.example:8443/data" });
    expect(foreignPage.status).toBe(421);
    // …and a listed one is served as its path: redirects stay on a path of this server.
    const own = await send({ target: "http://hashatlas.test/api/periods/?dataset=cbeci" });
    expect(own.status).toBe(308);
    expect(own.headers.location).toBe("/api/periods?dataset=cbeci");
    expect((await send({ target: `http://127.0.0.1:${port}/api/version` })).status).toBe(200);
    expect((await send({ target: "ftp://evil.example/" })).status).toBe(400);
  });

  it("answers 405 with Allow to a method the path does not answer, and OPTIONS with Allow", async () => {
    const cases: [string, string, string][] = [
      ["TRACE", "/api/periods", "GET, HEAD, OPTIONS"],
      ["PUT", "/api/periods", "GET, HEAD, OPTIONS"],
      ["DELETE", "/api/metrics", "GET, HEAD, OPTIONS"],
      ["POST", "/api/version", "GET, HEAD, OPTIONS"],
      ["PUT", "/api/simulate", "GET, HEAD, OPTIONS, POST"],
      ["PATCH", "/api/import", "OPTIONS, POST"],
      ["TRACE", "/api/openapi.json", "GET, HEAD, OPTIONS"],
      ["PUT", "/", "GET, HEAD, OPTIONS"],
      ["DELETE", "/methodology", "GET, HEAD, OPTIONS"],
      ["POST", "/data", "GET, HEAD, OPTIONS"],
      ["TRACE", "/", "GET, HEAD, OPTIONS"],
      ["POST", "/geo/world.json", "GET, HEAD, OPTIONS"],
    ];
    for (const [method, target, allow] of cases) {
      const answer = await send({ method, target, body: method === "GET" || method === "TRACE" ? undefined : "x=1" });
      expect(answer.status, `${method} ${target}`).toBe(405);
      expect(answer.headers.allow, `${method} ${target}`).toBe(allow);
      expectSecurityHeaders(answer, `${method} ${target}`);
      if (target.startsWith("/api/")) expect(JSON.parse(answer.body), `${method} ${target}`).toMatchObject({ error: { status: 405 } });
      else expect(answer.body, `${method} ${target}`).toMatch(new RegExp(`^${method} is not allowed on ${target}`));
    }
    // A trailing slash is the same path (not a redirect to a 405).
    expect((await send({ method: "PUT", target: "/api/periods/" })).status).toBe(405);
    for (const target of ["/", "/methodology"]) {
      const options = await send({ method: "OPTIONS", target });
      expect(options.status, target).toBe(204);
      expect(options.headers.allow, target).toBe("GET, HEAD, OPTIONS");
    }
    expect((await send({ method: "OPTIONS", target: "/api/simulate" })).headers.allow).toBe("GET, HEAD, OPTIONS, POST");
    expect((await send({ method: "OPTIONS", target: "/api/import" })).headers.allow).toBe("OPTIONS, POST");
    // What a path does answer is untouched.
    expect((await send({ method: "HEAD", target: "/api/version" })).status).toBe(200);
    expect((await send({ target: "/api/no-such-route" })).status).toBe(404);
  });

  it("puts the security headers on what Next answers outside the routes: its redirects and 404s", async () => {
    const redirect = await send({ target: "/api/periods/" });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.location).toBe("/api/periods");
    expectSecurityHeaders(redirect, "trailing-slash redirect");
    const page = await send({ target: "/methodology/" });
    expect(page.status).toBe(308);
    expectSecurityHeaders(page, "a page's trailing-slash redirect");
    expectSecurityHeaders(await send({ target: "/no-such-page" }), "404 page");
    expectSecurityHeaders(await send({ target: "/api/no-such-route" }), "404 API");
  });

  it("cuts off a body that stalls with 408 after HASHATLAS_BODY_TIMEOUT_SECONDS, and ends the connection", async () => {
    for (const [target, type] of [
      ["/api/simulate", "application/json"],
      [IMPORT.replace("front-test", "front-stall"), "text/csv"],
    ] as const) {
      const answer = await partialPost(target, type);
      expect(answer.status, target).toBe(408);
      expect(answer.closedByServer).toBe(true);
      expect(answer.ms, target).toBeLessThan(15_000);
      expect(JSON.parse(/\{[\s\S]*\}/.exec(answer.body)?.[0] ?? "null")).toMatchObject({
        error: { status: 408, message: expect.stringMatching(/did not arrive in full within 1 s/), field: "body" },
      });
    }
    // A body declared too large is refused at once, and its connection ended too: nobody waits for the rest.
    const tooLarge = await partialPost("/api/simulate", "application/json", { declared: 10_000_000 });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.ms).toBeLessThan(5_000);
  }, 40_000);

  it("logs a client that aborts mid-body as one info line, not as an error", async () => {
    await partialPost(IMPORT.replace("front-test", "front-abort"), "text/csv", { abortAfterMs: 300 });
    await partialPost("/api/simulate", "application/json", { abortAfterMs: 300 });
    await expect.poll(() => logLines().filter((l) => l.msg === "request aborted by the client").length, { timeout: 10_000 }).toBe(2);
    const aborts = logLines().filter((l) => l.msg === "request aborted by the client");
    for (const line of aborts) expect(line).toMatchObject({ level: 30, status: 499, aborted: true });
    expect(aborts.map((l) => l.route).sort()).toEqual(["/api/import", "/api/simulate"]);
  });

  it("logged no error and no stack trace through all of the above", () => {
    const output = server.output();
    expect(logLines().filter((l) => Number(l.level) >= 50)).toEqual([]);
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(output).not.toMatch(/⨯|TypeError/);
    // The refusals are there, one line each.
    expect(logLines().filter((l) => l.msg === "request refused").length).toBeGreaterThan(20);
  });
});
