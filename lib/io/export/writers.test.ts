import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { type Column, COLUMNS } from "./columns";
import { csvCell, jsonRows, type Row, safeText } from "./csv";
import { buildMetadata, exportFilenames } from "./metadata";
import { csvWriter, type FileWriter, jsonWriter, metadataWriter } from "./writers";

// A file written part by part must be the file written whole, however its rows are cut into batches.

const columns = COLUMNS.shocks;

const cell = (c: Column) =>
  c.type === "text"
    ? fc.option(fc.oneof(fc.string(), fc.constantFrom("=1+1", "-0.4", 'a "b", c', "line\r\nbreak", "lone\nlf", "lone\rcr", "＝x", "")), { nil: null })
    : c.type === "boolean"
      ? fc.option(fc.boolean(), { nil: null })
      : fc.option(fc.oneof(fc.double(), fc.constantFrom(-0, 1e-7, 1e21, Number.NaN, Number.POSITIVE_INFINITY)), { nil: null });

const row: fc.Arbitrary<Row> = fc.record(Object.fromEntries(columns.map((c) => [c.name, cell(c)])));

/** Rows and a way to cut them into consecutive batches (possibly empty ones). */
const batched = fc.tuple(fc.array(row, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 8 })).map(([rows, cuts]) => {
  const points = [...new Set(cuts.map((c) => c % (rows.length + 1)))].sort((a, b) => a - b);
  const bounds = [0, ...points, rows.length];
  return { rows, batches: bounds.slice(1).map((end, i) => rows.slice(bounds[i], end)) };
});

const write = (writer: FileWriter, batches: readonly (readonly Row[])[]) => writer.head() + batches.map((b) => writer.rows(b)).join("") + writer.tail();

const metadata = (query: Record<string, string | number | null>) =>
  buildMetadata({
    what: "shocks",
    version: "1.2.3",
    generatedAt: new Date("2026-06-15T12:00:00Z"),
    query: { what: "shocks", ...query },
    files: exportFilenames({ what: "shocks", dataset: "best-estimate", period: "all" }, "json"),
    columns,
    rowCount: 0,
    datasets: [],
  });

describe("csvWriter", () => {
  it("writes the header, then every row as RFC 4180 records, whatever the batches", () => {
    fc.assert(
      fc.property(batched, ({ rows, batches }) => {
        const text = write(csvWriter(columns), batches);
        expect(text).toBe(write(csvWriter(columns), [rows]));
        const [header, ...records] = z.array(z.array(z.string())).parse(parse(text));
        expect(header).toEqual(columns.map((c) => safeText(c.name)));
        expect(records).toEqual(rows.map((r) => columns.map((c) => csvCell(r[c.name] ?? null, c))));
        expect(text.endsWith("\r\n")).toBe(true);
      }),
    );
  });
});

describe("jsonWriter", () => {
  it("writes exactly JSON.stringify({ metadata, rows }, null, 2) and a newline, whatever the batches", () => {
    fc.assert(
      fc.property(batched, fc.string(), ({ rows, batches }, text) => {
        const m = metadata({ note: text });
        expect(write(jsonWriter(columns, m), batches)).toBe(`${JSON.stringify({ metadata: m, rows: jsonRows(columns, rows) }, null, 2)}\n`);
      }),
    );
  });

  it("writes an empty file as an empty array", () => {
    const m = metadata({});
    expect(write(jsonWriter(columns, m), [[], []])).toBe(`${JSON.stringify({ metadata: m, rows: [] }, null, 2)}\n`);
  });
});

describe("metadataWriter", () => {
  it("writes the metadata alone and refuses rows", () => {
    const m = metadata({ period: "all" });
    const writer = metadataWriter(m);
    expect(writer.head() + writer.tail()).toBe(`${JSON.stringify(m, null, 2)}\n`);
    expect(() => writer.rows([{ period: "2021-05" }])).toThrow(RangeError);
  });
});
