import type { Column } from "./columns";

// Cells and the CSV writer: the column's declared type decides how a value is written.

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/**
 * A finite number in full precision — the shortest decimal that reads back as the same double, as
 * JavaScript prints it — but never in exponent notation (1e-7 → 0.0000001), so that every
 * spreadsheet and CSV reader takes it as a plain number. −0 is written 0.
 */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (value === 0) return "0";
  // JSON.stringify writes a finite number as String() does, but String() of a fractional number is
  // allocated in the engine's long-lived heap (it feeds a number-to-string cache): an export of every
  // month writes millions of them, and they piled up there until a full collection.
  const text = JSON.stringify(value);
  const e = text.indexOf("e");
  if (e < 0) return text;
  const sign = text.startsWith("-") ? "-" : "";
  const mantissa = text.slice(sign.length, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf(".");
  const digits = mantissa.replace(".", "");
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection", ASVS 1.2.10),
 * plus their fullwidth forms, which Apple Numbers normalises to them (as csv-stringify's own
 * `escape_formulas` does; that option cannot be used here because every cell reaches the writer as text).
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe; other text is unchanged. */
export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The CSV text of one cell. The column's declared type decides, never the look of the value: a
 * number column writes plain numbers (a negative number stays a number), a text column's value is
 * always treated as text and made formula-safe; null (or a non-finite number) is an empty cell.
 */
export function csvCell(value: Cell, column: Pick<Column, "name" | "type">): string {
  if (value === null) return "";
  switch (column.type) {
    case "number":
    case "integer":
      if (typeof value !== "number") throw new TypeError(`column ${column.name} holds numbers, got ${typeof value}`);
      return Number.isFinite(value) ? plainNumber(value) : "";
    case "boolean":
      if (typeof value !== "boolean") throw new TypeError(`column ${column.name} holds booleans, got ${typeof value}`);
      return value ? "true" : "false";
    case "text":
      return safeText(String(value));
  }
}

type CsvColumns = readonly Pick<Column, "name" | "type">[];

/** A field that holds a comma, a double quote, a CR or an LF is quoted (csv-stringify quotes a CRLF but not a lone CR or LF, which most readers still take for a line end). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One RFC 4180 record: fields quoted only where needed (a double quote inside doubled), CRLF at its
 * end, so that the text of a file is the text of its records joined — the bytes csv-stringify writes
 * with these options (csv.test.ts holds the two to each other). Written here, a record at a time,
 * because a batch of an export of every month is made of thousands of cells: handed to csv-stringify
 * whole, they all lived until its end, long enough for the engine to move them to its long-lived heap.
 */
export function csvRecord(fields: readonly string[]): string {
  let record = "";
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? "";
    record += `${i > 0 ? "," : ""}${NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field}`;
  }
  return `${record}\r\n`;
}

/** The header row: the column names. */
export function csvHeader(columns: CsvColumns): string {
  return csvRecord(columns.map((c) => safeText(c.name)));
}

/** The records of some rows, in the columns' order. */
export function csvRows(columns: CsvColumns, rows: readonly Row[]): string {
  let text = "";
  for (const row of rows) text += csvRecord(columns.map((c) => csvCell(row[c.name] ?? null, c)));
  return text;
}

/** RFC 4180 CSV, UTF-8 without a byte-order mark: a header row of column names, then the rows. */
export function toCsv(columns: CsvColumns, rows: readonly Row[]): string {
  return csvHeader(columns) + csvRows(columns, rows);
}

/** JSON rows: the same cells, numbers as numbers, text as given (no apostrophe: JSON is not opened by spreadsheets). */
export function jsonRows(columns: readonly Column[], rows: readonly Row[]): Row[] {
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c.name, jsonCell(row[c.name] ?? null)])));
}

function jsonCell(value: Cell): Cell {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}
