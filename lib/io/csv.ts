import { parse } from "csv-parse/sync";

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

/**
 * Parse CSV text with a header row into records that remember the line they started on, so every
 * validation error can name its line. Handles a BOM, CRLF line endings and quoted newlines.
 * `skipLines` skips preamble lines before the header (e.g. EIA's four metadata lines).
 */
export type CsvOptions = {
  skipLines?: number;
  /** "," by default; imports detect ";" (see detectDelimiter). */
  delimiter?: string;
  /** With ";" files: numeric cells written with a decimal comma ("0,5") are read as "0.5". */
  decimalComma?: boolean;
};

const DECIMAL_COMMA_CELL = /^\s*[+-]?\d+,\d+\s*%?\s*$/;

export function parseCsv(text: string, file: string, options: CsvOptions = {}): { header: string[]; records: CsvRecord[] } {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      relax_column_count: false,
      skip_empty_lines: true,
      from_line: (options.skipLines ?? 0) + 1,
      delimiter: options.delimiter ?? ",",
    }) as unknown as { record: string[]; info: { lines: number } }[]; // csv-parse's types do not model `info: true`
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = typeof (error as { lines?: unknown }).lines === "number" ? (error as { lines: number }).lines : undefined;
    throw new CsvFormatError(file, line, message.replace(/^Invalid Record Length: /, ""));
  }
  const [head, ...body] = rows;
  if (!head) throw new CsvFormatError(file, undefined, "the file is empty (no header row)");
  const header = head.record.map((h) => h.trim());
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate !== undefined) throw new CsvFormatError(file, head.info.lines, `header repeats the column "${duplicate}"`);
  const records = body.map(({ record, info }) => {
    const values: Record<string, string> = {};
    header.forEach((name, i) => {
      const cell = record[i] ?? "";
      values[name] = options.decimalComma && DECIMAL_COMMA_CELL.test(cell) ? cell.replace(",", ".") : cell;
    });
    // csv-parse reports the line a record ends on; quoted newlines inside it move its start back.
    const innerNewlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    return { line: info.lines - innerNewlines, values };
  });
  return { header, records };
}

/**
 * The delimiter of a CSV file from its header line: "," unless the header splits on ";" (as files
 * saved by spreadsheets in locales with a decimal comma do) and not on ",".
 */
export function detectDelimiter(text: string): "," | ";" {
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const outsideQuotes = header.replace(/"[^"]*"/g, "");
  const commas = (outsideQuotes.match(/,/g) ?? []).length;
  const semicolons = (outsideQuotes.match(/;/g) ?? []).length;
  return semicolons > 0 && commas === 0 ? ";" : ",";
}
