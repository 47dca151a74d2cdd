import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Column, COLUMNS } from "./columns";
import { csvCell, csvRecord, jsonRows, plainNumber, safeText, toCsv } from "./csv";

const text: Pick<Column, "name" | "type"> = { name: "name", type: "text" };
const number: Pick<Column, "name" | "type"> = { name: "value", type: "number" };

describe("formula-injection safety (OWASP ASVS 1.2.10)", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ['=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'],
    ["-0.4398", "'-0.4398"], // in a text column, text that looks like a number is still text
    ["\uFF1D1+1", "'\uFF1D1+1"], // fullwidth =, which Apple Numbers reads as =
  ])("prefixes the text cell %j", (input, expected) => {
    expect(safeText(input)).toBe(expected);
    expect(csvCell(input, text)).toBe(expected);
  });

  it.each([["a=b"], ["plain text"], ["Côte d'Ivoire"], ["x-1"], [" =1"], [""], ["'already"]])("leaves the text cell %j unchanged", (input) => {
    expect(csvCell(input, text)).toBe(input);
  });

  it.each([
    [-0.4398, "-0.4398"],
    [1e-7, "0.0000001"],
    [-1e-7, "-0.0000001"],
    [0, "0"],
    [-0, "0"],
    [5775.124467142181, "5775.124467142181"],
    [1.5e21, "1500000000000000000000"],
    [-2.220446049250313e-16, "-0.0000000000000002220446049250313"],
    [123456789, "123456789"],
  ])("writes the number %s as the plain number %s, unprefixed", (input, expected) => {
    expect(csvCell(input, number)).toBe(expected);
    expect(csvCell(input, { name: "n", type: "integer" })).toBe(expected);
  });

  it("keeps a negative number an unquoted number in the CSV", () => {
    const csv = toCsv([number, text], [{ value: -0.4398, name: "-0.4398" }]);
    expect(csv).toBe("value,name\r\n-0.4398,'-0.4398\r\n");
  });

  it("refuses a value of the wrong type for a number column rather than guessing", () => {
    expect(() => csvCell("=1+1", number)).toThrow(/holds numbers/);
  });
});

describe("plainNumber", () => {
  it("reads back as exactly the same double, and never uses exponent notation", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const written = plainNumber(x);
        expect(written).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(written)).toBe(x === 0 ? 0 : x);
      }),
      { numRuns: 5000 },
    );
  });

  it("writes the digits String() writes, wherever String() uses no exponent", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        if (!String(x).includes("e")) expect(plainNumber(x)).toBe(String(x === 0 ? 0 : x));
      }),
      { numRuns: 5000 },
    );
  });

  it("rejects non-finite numbers (the CSV writer turns them into empty cells)", () => {
    expect(() => plainNumber(Number.NaN)).toThrow(RangeError);
    expect(csvCell(Number.POSITIVE_INFINITY, number)).toBe("");
  });
});

describe("toCsv (RFC 4180)", () => {
  const columns: Pick<Column, "name" | "type">[] = [
    { name: "name", type: "text" },
    { name: "share", type: "number" },
    { name: "nakamoto", type: "integer" },
    { name: "halted", type: "boolean" },
  ];

  it("writes a header row of column names, CRLF line ends, null as an empty cell", () => {
    const csv = toCsv(columns, [
      { name: "China", share: 0.4398, nakamoto: 1, halted: false },
      { name: "Other", share: null, nakamoto: null, halted: true },
    ]);
    expect(csv).toBe("name,share,nakamoto,halted\r\nChina,0.4398,1,false\r\nOther,,,true\r\n");
  });

  it.each([
    ["a comma", "Masdar City, Abu Dhabi", '"Masdar City, Abu Dhabi"'],
    ["a double quote", 'the "Big" site', '"the ""Big"" site"'],
    ["a newline", "line 1\nline 2", '"line 1\nline 2"'],
    ["a CRLF", "line 1\r\nline 2", '"line 1\r\nline 2"'],
    ["a carriage return", "a\rb", '"a\rb"'],
  ])("quotes a cell with %s", (_label, value, written) => {
    const csv = toCsv([text], [{ name: value }]);
    expect(csv).toBe(`name\r\n${written}\r\n`);
    const [, row] = parse(csv);
    expect(row).toEqual([value]);
  });

  it("round-trips through csv-parse: text as given (plus the apostrophe where needed), numbers exactly", () => {
    const rows = [
      { name: "=cmd|' /C calc'!A0", share: 0.1 + 0.2, nakamoto: 3, halted: false },
      { name: 'quote " and, comma\nnewline', share: -0.4398, nakamoto: null, halted: true },
    ];
    const parsed = parse<Record<string, string>>(toCsv(columns, rows), { columns: true });
    expect(parsed.map((r) => r.name)).toEqual(["'=cmd|' /C calc'!A0", 'quote " and, comma\nnewline']);
    expect(parsed.map((r) => Number(r.share))).toEqual([0.1 + 0.2, -0.4398]);
    expect(parsed.map((r) => r.nakamoto)).toEqual(["3", ""]);
  });

  it("writes each record as csv-stringify does (CRLF, quoting where needed) — plus a lone CR or LF quoted", () => {
    const field = fc.oneof(fc.string(), fc.stringMatching(/^[a,"\r\n =]{0,6}$/), fc.constantFrom("", ",", '"', "\r\n", "\r", "\n", '""'));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { maxLength: 5 }), (records) => {
        const expected = stringify(records, { record_delimiter: "windows", eof: true, quoted_match: /[\r\n]/ });
        expect(records.map(csvRecord).join("")).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("uses every export's column names as its header", () => {
    for (const [what, cols] of Object.entries(COLUMNS)) {
      const header = toCsv(cols, []).trimEnd();
      expect(header, what).toBe(cols.map((c) => c.name).join(","));
      expect(new Set(cols.map((c) => c.name)).size, what).toBe(cols.length);
      for (const c of cols) expect(c.description.length, `${what}.${c.name}`).toBeGreaterThan(5);
    }
  });
});

describe("jsonRows", () => {
  it("keeps numbers as numbers and text without the apostrophe, in column order", () => {
    const cols = COLUMNS.series;
    const [row] = jsonRows(cols, [{ top_country: "=X", hhi: -1, period: "2021-05" }]);
    expect(Object.keys(row ?? {})).toEqual(cols.map((c) => c.name));
    expect(row).toMatchObject({ period: "2021-05", hhi: -1, top_country: "=X", nakamoto: null });
  });
});
