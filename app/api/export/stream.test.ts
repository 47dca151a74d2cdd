import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { addSyntheticShares } from "@/bench/synthetic";
import { setLogDestination } from "@/lib/log";
import { ExportJsonResponse } from "@/lib/validation/export";
import { seedDatabase } from "@/seed/seed";

// A large export on the one JavaScript thread: the shocks of 120 months × 150 countries (≈ 3 MB of
// CSV). The route handlers are called directly, in this process, so the export and the other requests
// share one event loop as they do in the server.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-export-stream-"));
const file = path.join(dir, "export.db");
vi.stubEnv("DATABASE_URL", `file:${file}`);

const LARGE = "what=shocks&period=all&dataset=synthetic-shares";

beforeAll(async () => {
  await seedDatabase(file);
  addSyntheticShares(file, { periods: 120, countries: 150 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => setLogDestination(undefined));

const request = (url: string) => new Request(`http://127.0.0.1${url}`);
const exportGET = async (query: string) => (await import("./route")).GET(request(`/api/export?${query}`));
const versionGET = async () => (await import("../version/route")).GET(request("/api/version"));

function captureLog() {
  const lines: Record<string, unknown>[] = [];
  setLogDestination({ write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }, "info");
  return lines;
}

describe("a large export streams", () => {
  it("answers other requests between its chunks: the file comes in many small chunks, not one body built whole", async () => {
    const response = await exportGET(LARGE);
    expect(response.status).toBe(200);
    const reader = (response.body ?? new ReadableStream<Uint8Array>()).getReader();
    const first = await reader.read();
    const sizes = [first.value?.byteLength ?? 0];
    let finished = false;
    let answeredWhileStreaming = 0;
    const others = (async () => {
      while (!finished) {
        const answer = await versionGET();
        expect(answer.status).toBe(200);
        if (!finished) answeredWhileStreaming++;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    for (let part = await reader.read(); !part.done; part = await reader.read()) sizes.push(part.value.byteLength);
    finished = true;
    await others;
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(2_000_000);
    expect(sizes[0], "the first chunk").toBeLessThan(total / 20);
    expect(answeredWhileStreaming, "GET /api/version answered between the export's first and last chunk").toBeGreaterThanOrEqual(5);
  });

  it("produces rows only as they are read, and stops when the client goes away", async () => {
    const { metadata } = ExportJsonResponse.parse(await (await exportGET(`${LARGE}&format=json&metadata=0`)).json());
    const lines = captureLog();
    const response = await exportGET(LARGE);
    const reader = (response.body ?? new ReadableStream<Uint8Array>()).getReader();
    await reader.read();
    // The client has its first bytes and stops reading, then goes away.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cancelled = lines.filter((l) => l.msg === "export cancelled: the client went away");
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ export: "hashatlas-shocks-synthetic-shares-all.csv" });
    expect(Number(cancelled[0]?.rows), "rows produced when the client went away").toBeLessThan(metadata.rowCount / 20);
    expect(lines.some((l) => l.msg === "export written")).toBe(false);
  });

  it("writes the same rows as CSV and as JSON, as many as the metadata says", async () => {
    const csv = await (await exportGET(LARGE)).text();
    const json = ExportJsonResponse.parse(JSON.parse(await (await exportGET(`${LARGE}&format=json`)).text()));
    const records = csv.split("\r\n");
    expect(records.at(-1)).toBe("");
    expect(records.length - 2).toBe(json.metadata.rowCount);
    expect(json.rows).toHaveLength(json.metadata.rowCount);
    expect(json.rows.at(-1)?.period).toBe("2019-12");
    expect(records.at(-2)?.startsWith("2019-12,synthetic-shares,")).toBe(true);
  });
});
