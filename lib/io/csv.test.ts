import { describe, expect, it } from "vitest";
import { CsvFormatError, csvHeader, detectDelimiter, parseCsv, readCsv } from "./csv";

// Every error names a line a person can find in an editor, whatever the file's line ends: LF (Unix),
// CRLF (Windows) or a lone CR (classic Mac OS, still written by some spreadsheet exports).
const ENDINGS = [
  ["LF", "\n"],
  ["CRLF", "\r\n"],
  ["CR", "\r"],
] as const;

/** The lines of a file joined with one kind of line end. */
const file = (eol: string, ...lines: string[]) => lines.join(eol);

function formatError(run: () => unknown): CsvFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvFormatError) return error;
    throw error;
  }
  throw new Error("expected a CsvFormatError");
}

describe.each(ENDINGS)("parseCsv with %s line ends", (_name, eol) => {
  it.each([
    ["plain rows", ["a,b", "1,2", "3,4", "5,6"], [2, 3, 4]],
    ["a final line end", ["a,b", "1,2", "3,4", ""], [2, 3]],
    ["blank lines between rows", ["a,b", "", "1,2", "", "", "3,4"], [3, 6]],
    ["a quoted cell spanning two lines", ["a,b", '"x', 'y",2', "3,4"], [2, 4]],
    ["a byte-order mark", ["\uFEFFa,b", "1,2", "3,4"], [2, 3]],
  ])("numbers the records of %s from their first line", (_case, lines, expected) => {
    const { header, records } = parseCsv(file(eol, ...lines), "t.csv");
    expect(header).toEqual(["a", "b"]);
    expect(records.map((r) => r.line)).toEqual(expected);
  });

  it("keeps a line end inside a quoted cell as it was written", () => {
    const { records } = parseCsv(file(eol, "a,b", '"x', 'y",2'), "t.csv");
    expect(records[0]?.values).toEqual({ a: `x${eol}y`, b: "2" });
  });

  it.each([
    ["a row with too few fields", ["a,b", "1,2", "3"], 3, /has 1 fields, the header has 2/],
    ["a row with too many fields", ["a,b", "1,2", "", "3,4,5"], 4, /has 3 fields/],
    ["a bad quote after a multi-line cell", ["a,b", '"x', 'y",2', '3,"4'], 4, /quote/i],
    ["a repeated header column", ["", "a,a", "1,2"], 2, /repeats the column "a"/],
  ])("names the line of %s", (_case, lines, line, message) => {
    const error = formatError(() => parseCsv(file(eol, ...lines), "t.csv"));
    expect(error.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^t\\.csv:${line}: `));
    expect(error.message).toMatch(message);
  });

  it("counts skipped preamble lines", () => {
    const text = file(eol, "Source: somewhere", "Units: cents/kWh", "", "a,b", "1,2", "3");
    const error = formatError(() => parseCsv(text, "t.csv", { skipLines: 3 }));
    expect(error.line).toBe(6);
    expect(parseCsv(file(eol, "note", "a,b", "1,2"), "t.csv", { skipLines: 1 }).records).toEqual([{ line: 3, values: { a: "1", b: "2" } }]);
  });

  it("finds the delimiter and the header on the first line only", () => {
    expect(detectDelimiter(file(eol, "period;country;share", "2025-07;US;0,3"))).toBe(";");
    expect(detectDelimiter(file(eol, "period,country,share", "2025-07;US;0.3"))).toBe(",");
    expect(csvHeader(file(eol, " a ,b", "1,2"))).toEqual(["a", "b"]);
  });

  it("reads decimal commas in a ;-separated file", () => {
    const { records } = parseCsv(file(eol, "country;share", "US;0,3", "CN;1"), "t.csv", { delimiter: ";", decimalComma: true });
    expect(records).toEqual([
      { line: 2, values: { country: "US", share: "0.3" } },
      { line: 3, values: { country: "CN", share: "1" } },
    ]);
  });
});

describe("parseCsv", () => {
  it("refuses an empty file", () => {
    expect(formatError(() => parseCsv("\uFEFF\r\n\r\n", "t.csv")).message).toBe("t.csv: the file is empty (no header row)");
  });
});

describe("readCsv, row by row", () => {
  it("hands each row's cells to the visitor with its line, decimal commas read, and holds no rows itself", () => {
    const seen: [number, string[]][] = [];
    const header = readCsv("\uFEFFcountry;share\r\n\r\nUS;0,3\r\nCN;1\r\n", "t.csv", { delimiter: ";", decimalComma: true }, (names) => {
      expect(names).toEqual(["country", "share"]);
      return (cells, line) => seen.push([line, cells]);
    });
    expect(header).toEqual(["country", "share"]);
    expect(seen).toEqual([
      [3, ["US", "0.3"]],
      [4, ["CN", "1"]],
    ]);
  });

  it.each([
    ["a bad quote after a short row", ["a,b", "1,2", "3", "4,5", '6,"7'], {}, 5, /quote/i, [2]],
    ["a row past the limit after a short row", ["a,b", "1", "2,3", "4,5"], { maxRows: 2 }, 4, /past the limit of 2 data rows/, []],
    ["a repeated header column before a short row", ["a,a", "1"], {}, 1, /repeats the column "a"/, []],
    ["the first of two short rows", ["a,b", "1,2", "3", "4"], {}, 3, /has 1 fields/, [2]],
  ])("reports the error parseCsv reports when a file has several: %s", (_case, lines, options, line, message, visitedLines) => {
    const visited: number[] = [];
    const error = formatError(() => readCsv(lines.join("\n"), "t.csv", options, () => (_cells, at) => visited.push(at)));
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(formatError(() => parseCsv(lines.join("\n"), "t.csv", options)).message).toBe(error.message);
    // Only the good rows before the first bad one reach the visitor.
    expect(visited).toEqual(visitedLines);
  });
});
