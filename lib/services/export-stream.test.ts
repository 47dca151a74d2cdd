import { describe, expect, it } from "vitest";
import { COLUMNS, csvWriter, type Row } from "../io/export";
import { ROWS_PER_CHUNK, rowsPerItem, type StreamEnd, streamFile, type StreamOutcome, type StreamReport } from "./export-stream";

// The stream an export is written through, with rows made up here: how it ends when a part fails
// before or after the first byte, when the reader goes away, and how far it runs ahead of a reader.

const columns = COLUMNS.series;
const month = (period: string, n: number): Row[] => Array.from({ length: n }, (_, i) => ({ period, hhi: i, source_dataset: "test" }));

/** Months of `rows` rows each; `produced` records each part asked for, `failAt` makes that part throw. */
function months(count: number, rows: number, options: { failAt?: number; produced?: number[] } = {}) {
  const items = Array.from({ length: count }, (_, i) => i);
  return rowsPerItem(
    items,
    () => rows,
    (i) => {
      options.produced?.push(i);
      if (i === options.failAt) throw new Error(`month ${i} cannot be computed`);
      return month(`20${String(10 + Math.floor(i / 12))}-${String((i % 12) + 1).padStart(2, "0")}`, rows);
    },
  );
}

function recorder() {
  const ends: { end: StreamEnd; outcome: StreamOutcome; error?: unknown }[] = [];
  const report: StreamReport = (end, outcome, error) => void ends.push({ end, outcome, error });
  return { ends, report };
}

async function readAll(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) text += decoder.decode(part.value, { stream: true });
    return { text, error: null };
  } catch (error) {
    return { text, error };
  }
}

describe("streamFile", () => {
  it("writes the file whole when every part comes, and reports it", async () => {
    const { ends, report } = recorder();
    const { text, error } = await readAll(await streamFile("f.csv", csvWriter(columns), months(5, 300), { report }));
    expect(error).toBeNull();
    expect(text.split("\r\n")).toHaveLength(1 + 5 * 300 + 1);
    expect(ends).toEqual([{ end: "written", outcome: expect.objectContaining({ export: "f.csv", rows: 1500, bytes: Buffer.byteLength(text) }) }]);
  });

  it("throws at once when the first part fails: nothing has been sent, the request can still fail with its status", async () => {
    const { ends, report } = recorder();
    await expect(streamFile("f.csv", csvWriter(columns), months(3, 10, { failAt: 0 }), { report })).rejects.toThrow("month 0 cannot be computed");
    expect(ends).toEqual([]);
  });

  it("errors the stream when a later part fails: the reader sees an error, never a file that ends like a whole one", async () => {
    const { ends, report } = recorder();
    const { text, error } = await readAll(await streamFile("f.csv", csvWriter(columns), months(6, 300, { failAt: 3 }), { report }));
    expect(error).toBeInstanceOf(Error);
    expect(text.length).toBeGreaterThan(0);
    expect(text.split("\r\n").length - 2, "rows received").toBeLessThan(3 * 300 + 1);
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ end: "failed", outcome: { export: "f.csv" }, error: expect.objectContaining({ message: "month 3 cannot be computed" }) });
  });

  it("fails rather than end as if whole when the rows are not as many as the file states", async () => {
    const { ends, report } = recorder();
    const { text, error } = await readAll(await streamFile("f.json", csvWriter(columns), months(3, 100), { report, rows: 301 }));
    expect(error).toBeInstanceOf(Error);
    expect(text.split("\r\n").length - 2, "rows received").toBeLessThan(300);
    expect(ends[0]).toMatchObject({ end: "failed", error: expect.objectContaining({ message: "f.json: 300 rows written, but the file states 301" }) });
  });

  it("produces no more than about a chunk ahead of a reader that stops reading", async () => {
    const produced: number[] = [];
    const body = await streamFile("f.csv", csvWriter(columns), months(50, 100, { produced }), { report: () => undefined });
    const reader = body.getReader();
    await reader.read();
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    // A chunk is ROWS_PER_CHUNK rows: the one read, the one queued, and the months they span.
    expect(produced.length).toBeLessThanOrEqual(Math.ceil((2 * ROWS_PER_CHUNK) / 100) + 1);
    await reader.cancel();
  });

  it("stops producing when the reader goes away, and reports it", async () => {
    const produced: number[] = [];
    const { ends, report } = recorder();
    const body = await streamFile("f.csv", csvWriter(columns), months(50, 100, { produced }), { report });
    const reader = body.getReader();
    await reader.read();
    await reader.cancel();
    const after = produced.length;
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(produced.length).toBe(after);
    expect(ends).toEqual([{ end: "cancelled", outcome: expect.objectContaining({ export: "f.csv" }) }]);
    expect(ends[0]?.outcome.rows).toBeLessThan(50 * 100);
  });
});
