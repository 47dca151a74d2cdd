import { afterEach, describe, expect, it } from "vitest";
import { setLogDestination } from "../log";
import { ApiError, handler, json } from "./respond";

function capture() {
  const lines: Record<string, unknown>[] = [];
  setLogDestination({ write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }, "info");
  return lines;
}

afterEach(() => setLogDestination(undefined));

describe("route handler wrapper", () => {
  it("logs one structured line per request with id, route, status and duration, and never the token", async () => {
    const lines = capture();
    const route = handler(() => json({ ok: true }));
    const response = await route(
      new Request("http://127.0.0.1/api/x?a=1", { headers: { authorization: "Bearer super-secret-token-123", "x-request-id": "abc-123" } }),
    );
    expect(response.headers.get("x-request-id")).toBe("abc-123");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, reqId: "abc-123", method: "GET", route: "/api/x", status: 200, msg: "request" });
    expect(typeof lines[0]?.ms).toBe("number");
    expect(JSON.stringify(lines)).not.toContain("super-secret-token");
  });

  it("turns ApiErrors into their 4xx and anything else into a logged 500 without internals", async () => {
    const lines = capture();
    const bad = await handler(() => {
      throw new ApiError(404, "no such thing", "id");
    })(new Request("http://127.0.0.1/api/y"));
    expect(bad.status).toBe(404);
    expect(await bad.json()).toEqual({ error: { status: 404, message: "no such thing", field: "id" } });
    const boom = await handler(() => {
      throw new Error("database exploded at /secret/path");
    })(new Request("http://127.0.0.1/api/z"));
    expect(boom.status).toBe(500);
    expect(JSON.stringify(await boom.json())).not.toContain("secret");
    expect(lines.find((l) => l.msg === "unhandled error in route")).toMatchObject({ level: 50 });
    expect(boom.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
