import Papa from "papaparse";
import { quoted } from "../validation/cells";
import { MAX_TEXT_CHARS } from "../validation/limits";

export type CsvRecord = { line: number; values: Record<string, string> };

export class CsvFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${message}`);
    this.name = "CsvFormatError";
  }
}

/** How a CSV file is read. `skipLines` skips preamble lines before the header (e.g. EIA's four metadata lines). */
export type CsvOptions = {
  skipLines?: number;
  /** "," by default; imports detect ";" (see detectDelimiter). */
  delimiter?: string;
  /** With ";" files: numeric cells written with a decimal comma ("0,5") are read as "0.5". */
  decimalComma?: boolean;
  /** Refuse the file at its first data row past this many, before the rest is parsed or anything validated. */
  maxRows?: number;
};

const DECIMAL_COMMA_CELL = /^\s*[+-]?\d+,\d+\s*%?\s*$/;

/** One line end, as an editor counts them: CRLF (Windows), LF (Unix) or a lone CR (classic Mac OS). */
const LINE_END = /\r\n|\r|\n/;

/** Line ends in body[from, to); a CR followed by LF is counted once, at its LF. */
function lineEndsBetween(body: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = body.charCodeAt(i);
    if (c === 10 || (c === 13 && body.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** What readCsv does with each data row: its cells (as many as the header's, decimal commas read) and the line it started on. */
export type CsvRowVisitor = (cells: string[], line: number) => void;

/**
 * Read CSV text row by row, without holding the file's rows: `onHeader` gets the trimmed header and
 * returns what is done with each data row. The file's format errors are those parseCsv reports, and
 * the same one wins when a file has several: a malformed row or one past `maxRows` stops the read at
 * once; otherwise an empty file, then a repeated header column, then the first row whose field count
 * differs from the header's, thrown once the whole file is read (rows after it are not visited).
 */
export function readCsv(text: string, file: string, options: CsvOptions, onHeader: (header: string[]) => CsvRowVisitor): string[] {
  let body = text.replace(/^\uFEFF/, "");
  let lineOffset = 0;
  for (let skipped = 0; skipped < (options.skipLines ?? 0); skipped++) {
    const end = LINE_END.exec(body);
    body = end ? body.slice(end.index + end[0].length) : "";
    lineOffset++;
  }
  // Papa Parse reports where each row ends; counting newlines up to a row's start gives its line,
  // also when quoted cells span lines. (csv-parse was ~6× slower on large imports.)
  let counted = 0;
  let line = 1 + lineOffset;
  let start = 0;
  const advance = (to: number) => {
    if (to > counted) line += lineEndsBetween(body, counted, to);
    counted = Math.max(counted, to);
  };
  let header: string[] | undefined;
  let visit: CsvRowVisitor | undefined;
  let dataRows = 0;
  let pending: CsvFormatError | undefined;
  Papa.parse<string[]>(body, {
    delimiter: options.delimiter ?? ",",
    skipEmptyLines: true,
    step: (row) => {
      // Skip the blank lines and line ends between the previous row and this one.
      let from = start;
      while (from < body.length && (body[from] === "\n" || body[from] === "\r")) from++;
      advance(from);
      // A data row past the limit stops the parse here.
      if (header && options.maxRows !== undefined && dataRows >= options.maxRows) {
        throw new CsvFormatError(file, line, `is past the limit of ${options.maxRows} data rows per file; split the file`);
      }
      if (row.errors.length) {
        const e = row.errors[0];
        throw new CsvFormatError(file, line, e ? e.message : "malformed CSV row");
      }
      start = row.meta.cursor;
      const cells = row.data;
      if (!header) {
        header = cells.map((h) => h.trim());
        // A Set, not indexOf: a header of 10⁵ distinct names would take 10¹⁰ comparisons.
        const names = new Set<string>();
        const duplicate = header.find((h) => names.size === names.add(h).size);
        if (duplicate !== undefined) pending = new CsvFormatError(file, line, `header repeats the column ${quoted(duplicate)}`);
        else visit = onHeader(header);
        return;
      }
      dataRows++;
      if (pending || !visit) return;
      if (cells.length !== header.length) {
        pending = new CsvFormatError(file, line, `has ${cells.length} fields, the header has ${header.length}`);
        return;
      }
      if (options.decimalComma)
        cells.forEach((cell, i) => {
          // Only a cell of a number's length is tried: the pattern backtracks on long runs of spaces.
          if (cell.length <= MAX_TEXT_CHARS && DECIMAL_COMMA_CELL.test(cell)) cells[i] = cell.replace(",", ".");
        });
      visit(cells, line);
    },
  });
  if (!header) throw new CsvFormatError(file, undefined, "the file is empty (no header row)");
  if (pending) throw pending;
  return header;
}

/**
 * Parse CSV text with a header row into records that remember the line they started on, so every
 * validation error can name its line. Handles a BOM, LF, CRLF and CR-only line ends and quoted newlines.
 * `skipLines` skips preamble lines before the header (e.g. EIA's four metadata lines).
 */
export function parseCsv(text: string, file: string, options: CsvOptions = {}): { header: string[]; records: CsvRecord[] } {
  const records: CsvRecord[] = [];
  const header = readCsv(text, file, options, (names) => (cells, line) => {
    const values: Record<string, string> = {};
    names.forEach((name, i) => (values[name] = cells[i] ?? ""));
    records.push({ line, values });
  });
  return { header, records };
}

/**
 * The delimiter of a CSV file from its header line: "," unless the header splits on ";" (as files
 * saved by spreadsheets in locales with a decimal comma do) and not on ",".
 */
export function detectDelimiter(text: string): "," | ";" {
  const header = text.replace(/^\uFEFF/, "").split(LINE_END, 1)[0] ?? "";
  const outsideQuotes = header.replace(/"[^"]*"/g, "");
  const commas = (outsideQuotes.match(/,/g) ?? []).length;
  const semicolons = (outsideQuotes.match(/;/g) ?? []).length;
  return semicolons > 0 && commas === 0 ? ";" : ",";
}

/** Only the header row (cheap: stops after the first row). */
export function csvHeader(text: string, options: CsvOptions = {}): string[] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { delimiter: options.delimiter ?? ",", preview: 1, skipEmptyLines: true });
  return (result.data[0] ?? []).map((h) => h.trim());
}
