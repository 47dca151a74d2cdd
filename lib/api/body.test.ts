import { afterEach, describe, expect, it } from "vitest";
import { setLogDestination } from "../log";
import { readCapped, readJsonBody } from "./body";
import { ApiError, ClientAbort, handler, json } from "./respond";

const bytes = (text: string) => new TextEncoder().encode(text);

/** A body that sends `first`, then nothing more (a stalled client), or fails (a client that went away). */
function body(first: string, then: "stall" | "abort" | "end"): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(bytes(first));
        return;
      }
      if (then === "end") controller.close();
      else if (then === "abort") controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      else return new Promise<void>(() => undefined);
    },
  });
}

afterEach(() => setLogDestination(undefined));

describe("readCapped", () => {
  it("reads a whole body", async () => {
    expect(Buffer.from(await readCapped(body("a,b\n1,2\n", "end"), 100, "the upload", 1_000)).toString()).toBe("a,b\n1,2\n");
  });

  it("stops a body that stalls with a 408 naming what and how much came", async () => {
    const started = performance.now();
    const error = await readCapped(body("period,country", "stall"), 100, "the upload", 50).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 408, field: "body", message: "the upload did not arrive in full within 0.1 s (14 bytes came)" });
  });

  it("reports a client that went away mid-body as a ClientAbort", async () => {
    await expect(readCapped(body("period", "abort"), 100, "the upload", 1_000)).rejects.toBeInstanceOf(ClientAbort);
  });

  it("still refuses a body over the limit with 413", async () => {
    await expect(readCapped(body("x".repeat(200), "stall"), 100, "the upload", 1_000)).rejects.toMatchObject({ status: 413 });
  });
});

describe("a route whose client goes away mid-body", () => {
  it("is logged as one info line, an abort, without an error or a stack", async () => {
    const lines: Record<string, unknown>[] = [];
    setLogDestination({ write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }, "info");
    const route = handler(async (request) => json({ length: (await readJsonBody(request, 1_000)).length }));
    const request = new Request("http://127.0.0.1/api/simulate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body('{"period":', "abort"),
      duplex: "half",
    } as RequestInit);
    expect((await route(request)).status).toBe(499);
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: "request aborted by the client", route: "/api/simulate", status: 499, aborted: true })]);
    expect(JSON.stringify(lines)).not.toMatch(/stack|ECONNRESET/);
  });

  it("answers a stalled body 408 and ends the connection", async () => {
    // A short timeout of its own: the route's default is HASHATLAS_BODY_TIMEOUT_SECONDS (30 s; 1 s in lib/edge/front.test.ts).
    const refused = await handler(async () => {
      await readCapped(body("{", "stall"), 1_000, "body", 20);
      return json({});
    })(new Request("http://127.0.0.1/api/simulate", { method: "POST" }));
    expect(refused.status).toBe(408);
    expect(refused.headers.get("connection")).toBe("close");
    expect(await refused.json()).toMatchObject({ error: { status: 408, field: "body" } });
  });
});
