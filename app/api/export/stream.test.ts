import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { addSyntheticShares } from "@/bench/synthetic";
import { setLogDestination } from "@/lib/log";
import { ROWS_PER_CHUNK } from "@/lib/services/export-stream";
import { ExportJsonResponse, ExportMetadata } from "@/lib/validation/export";
import { seedDatabase } from "@/seed/seed";

// A large export on the one JavaScript thread: the shocks of 80 months × 120 countries (≈ 1.7 MB of
// CSV, 11 000 rows). The route handlers are called directly, in this process, so the export and the other requests
// share one event loop as they do in the server.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-export-stream-"));
const file = path.join(dir, "export.db");
vi.stubEnv("DATABASE_URL", `file:${file}`);

const LARGE = "what=shocks&period=all&dataset=synthetic-shares";

beforeAll(async () => {
  await seedDatabase(file);
  addSyntheticShares(file, { periods: 80, countries: 120 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => setLogDestination(undefined));

const request = (url: string) => new Request(`http://127.0.0.1${url}`);
const exportGET = async (query: string) => (await import("./route")).GET(request(`/api/export?${query}`));
const versionGET = async () => (await import("../version/route")).GET(request("/api/version"));

/** The number of rows the file holds, from its metadata (which counts them without producing them). */
const rowCount = async () => ({ rows: ExportMetadata.parse(await (await exportGET(`${LARGE}&metadata=1`)).json()).rowCount });

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
    // An object: the loop below reads what the reading loop sets meanwhile.
    const exportState = { finished: false };
    const answeredAt: number[] = [];
    const others = (async () => {
      while (!exportState.finished) {
        const answer = await versionGET();
        expect(answer.status).toBe(200);
        answeredAt.push(performance.now());
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const decoder = new TextDecoder();
    let text = decoder.decode(first.value, { stream: true });
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      sizes.push(part.value.byteLength);
      text += decoder.decode(part.value, { stream: true });
    }
    const lastChunkAt = performance.now();
    exportState.finished = true;
    await others;
    const answeredWhileStreaming = answeredAt.filter((t) => t < lastChunkAt).length;
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(1_500_000);
    const records = text.split("\r\n");
    expect(records.at(-1), "the file ends with a complete record").toBe("");
    expect(records.length - 2, "records after the header").toBe((await rowCount()).rows);
    expect(records.at(-2)?.startsWith("2016-08,synthetic-shares,")).toBe(true);
    expect(answeredWhileStreaming, "GET /api/version answered between the export's first and last chunk").toBeGreaterThanOrEqual(5);
    expect(sizes[0], "the first chunk").toBeLessThan(total / 20);
  });

  it("produces rows only as they are read, and stops when the client goes away", async () => {
    const { rows } = await rowCount();
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
    // What the reader took, and a chunk or so ahead of it: no more.
    expect(Number(cancelled[0]?.rows), "rows produced when the client went away").toBeLessThanOrEqual(3 * ROWS_PER_CHUNK);
    expect(3 * ROWS_PER_CHUNK).toBeLessThan(rows / 10);
    expect(lines.some((l) => l.msg === "export written")).toBe(false);
  });

  it("writes JSON that parses whole, with as many rows as its metadata says", async () => {
    const json = ExportJsonResponse.parse(JSON.parse(await (await exportGET(`${LARGE}&format=json`)).text()));
    expect(json.metadata.rowCount).toBe((await rowCount()).rows);
    expect(json.rows).toHaveLength(json.metadata.rowCount);
    expect(json.rows.at(-1)?.period).toBe("2016-08");
  });

  // Last: it replaces the dataset.
  it("is cut off, never mixes two versions, when its dataset is replaced while the file is written", async () => {
    const lines = captureLog();
    const response = await exportGET(LARGE);
    expect(response.status).toBe(200);
    const reader = (response.body ?? new ReadableStream<Uint8Array>()).getReader();
    expect((await reader.read()).done).toBe(false);
    // An import replaces the dataset: the months still to be written are gone from the database.
    addSyntheticShares(file, { periods: 80, countries: 120, seed: 9 });
    const rest = (async () => {
      for (let part = await reader.read(); !part.done; part = await reader.read());
    })();
    await expect(rest).rejects.toThrow(/dataset "synthetic-shares" was replaced while it was read/);
    const failed = lines.filter((l) => l.msg === "export failed after its first byte: the download is cut off");
    expect(failed).toHaveLength(1);
    expect(lines.some((l) => l.msg === "export written")).toBe(false);
  });
});
