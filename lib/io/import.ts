import type { DatasetContent } from "../db/bulk";
import type { DatasetMeta } from "../validation/datasets";
import type { ImportKind } from "../validation/import";
import { env } from "../env";
import { clipped } from "../validation/cells";
import type { ShareRecord } from "../validation/shares";
import { CsvFormatError, type CsvOptions, csvHeader, detectDelimiter, readCsv } from "./csv";
import { DataValidationError, type RowIssue } from "./issues";
import { parsePricesCsv } from "./prices";
import { genericSharesReader, shown } from "./generic-shares";
import { parseCbeciCsv } from "./shares";
import { parseSitesCsv } from "./sites";

// Turning an uploaded file into a dataset: decode, detect its format, validate every row, and
// either return the complete dataset or every problem found (nothing is written from here).

/** A problem with the file as a whole (not one row): wrong encoding, unknown layout, empty. */
export class ImportFormatError extends Error {
  constructor(
    readonly status: 400 | 415 | 422,
    message: string,
    readonly field = "file",
  ) {
    super(message);
    this.name = "ImportFormatError";
  }
}

export type ImportFile = { bytes: Uint8Array; contentType: string; name: string };
/** maxRows: data rows a file may hold (HASHATLAS_MAX_IMPORT_ROWS unless given). */
export type ImportLimits = { maxRows: number };
export type PreparedImport = { content: DatasetContent; rows: number; format: string };

/** UTF-8 only; a byte-order mark is dropped. */
export function decodeText(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportFormatError(422, `${name} is not UTF-8 text; save it as UTF-8 CSV or JSON`);
  }
}

function csvOptions(text: string, limits: ImportLimits): CsvOptions {
  const delimiter = detectDelimiter(text);
  // A ";"-separated file comes from a locale that writes decimal commas.
  return { delimiter, decimalComma: delimiter === ";", maxRows: limits.maxRows };
}

function sharesFromCsv(text: string, file: string, limits: ImportLimits): { shares: ShareRecord[]; issues: RowIssue[]; format: string } {
  const options = csvOptions(text, limits);
  if (csvHeader(text, options).includes("monthly_hashrate_%")) return { ...parseCbeciCsv(text, file, options), format: "CBECI Mining Map download" };
  // Each row goes straight from the parser to the validator: no form of the whole file is held but the result.
  const reader = genericSharesReader(file);
  const header = readCsv(text, file, options, (names) => {
    if (!isGenericLayout(names)) return () => undefined;
    const [period, country, share, hashrateEh] = [
      names.indexOf("period"),
      names.indexOf("country"),
      names.indexOf("share"),
      names.indexOf("hashrate_eh"),
    ] as const;
    return (cells, line) =>
      reader.add({ line, period: cell(cells, period), country: cell(cells, country), share: cell(cells, share), hashrateEh: cell(cells, hashrateEh) });
  });
  // After the whole file is read, as before: a malformed row is reported before an unknown layout.
  if (!isGenericLayout(header)) {
    throw new ImportFormatError(
      422,
      `${file}: unknown shares layout (columns: ${clipped(header.join(", "))}). Use the CBECI download (date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S) or period,country,share|hashrate_eh`,
    );
  }
  return { ...reader.finish(), format: "period,country,share|hashrate_eh CSV" };
}

const isGenericLayout = (header: string[]) =>
  header.includes("period") && header.includes("country") && (header.includes("share") || header.includes("hashrate_eh"));
/** The cell of a column, undefined where the file has no such column. */
const cell = (cells: string[], index: number): string | undefined => (index < 0 ? undefined : cells[index]);

function sharesFromJson(json: unknown, file: string, limits: ImportLimits): { shares: ShareRecord[]; issues: RowIssue[]; format: string } {
  const list = Array.isArray(json)
    ? json
    : json && typeof json === "object" && Array.isArray((json as { rows?: unknown }).rows)
      ? (json as { rows: unknown[] }).rows
      : null;
  if (!list) throw new ImportFormatError(422, `${file}: JSON must be an array of { period, country, share | hashrateEh } or { "rows": [...] }`);
  if (list.length > limits.maxRows) {
    throw new DataValidationError([
      { file, line: limits.maxRows + 1, column: "(row)", message: `is past the limit of ${limits.maxRows} data rows per file; split the file` },
    ]);
  }
  const notObjects: RowIssue[] = [];
  const reader = genericSharesReader(file);
  list.forEach((item: unknown, i) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      notObjects.push({
        file,
        line: i + 1,
        column: "(row)",
        message: `${shown(item)} is not an object such as { "period": "2024-01", "country": "US", "share": 0.3 }`,
      });
      return;
    }
    const o = new Map(Object.entries(item));
    reader.add({
      line: i + 1,
      period: o.get("period"),
      country: o.get("country"),
      share: o.get("share"),
      hashrateEh: o.get("hashrateEh") ?? o.get("hashrate_eh"),
    });
  });
  const parsed = reader.finish();
  return { shares: parsed.shares, issues: [...notObjects, ...parsed.issues].sort((a, b) => a.line - b.line), format: "JSON rows" };
}

/** The column layouts of the seed files, which site and price imports take. */
export const SITE_COLUMNS = [
  "site",
  "operator",
  "country",
  "region_city",
  "lat_approx",
  "lon_approx",
  "capacity_MW",
  "hashrate_EH_s",
  "energy_source",
  "status_note",
  "certainty",
  "source_url",
];
export const PRICE_COLUMNS = ["country_iso2", "country_name", "usd_per_kwh", "price_type", "period", "source_name", "source_url", "certainty", "note"];

/** Validate an uploaded file into a complete dataset; throws DataValidationError listing every bad row. */
export function prepareImport(
  kind: ImportKind,
  meta: DatasetMeta,
  file: ImportFile,
  limits: ImportLimits = { maxRows: env().HASHATLAS_MAX_IMPORT_ROWS },
): PreparedImport {
  const type = file.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const isJson = type === "application/json" || file.name.toLowerCase().endsWith(".json");
  const text = decodeText(file.bytes, file.name).replace(/^\uFEFF/, "");
  if (text.trim() === "") throw new ImportFormatError(422, `${file.name} is empty`);
  let content: DatasetContent;
  let rows: number;
  let format: string;
  try {
    if (kind === "shares") {
      let json: unknown;
      if (isJson) {
        try {
          json = JSON.parse(text);
        } catch (error) {
          throw new ImportFormatError(422, `${file.name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const result = isJson ? sharesFromJson(json, file.name, limits) : sharesFromCsv(text, file.name, limits);
      if (result.issues.length) throw new DataValidationError(result.issues);
      content = { meta, origin: "import", shares: result.shares };
      rows = result.shares.length;
      format = result.format;
    } else {
      if (isJson)
        throw new ImportFormatError(
          415,
          `${kind} are imported as CSV in the layout of seed/data/${kind === "sites" ? "mining_sites" : "electricity_prices"}.csv`,
          "content-type",
        );
      const options = csvOptions(text, limits);
      const header = csvHeader(text, options);
      const required = kind === "sites" ? SITE_COLUMNS : PRICE_COLUMNS;
      const missing = required.filter((c) => !header.includes(c));
      if (missing.length)
        throw new ImportFormatError(
          422,
          `${file.name} lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (expected: ${required.join(",")})`,
        );
      const result = kind === "sites" ? parseSitesCsv(text, file.name, options) : parsePricesCsv(text, file.name, options);
      if (result.issues.length) throw new DataValidationError(result.issues);
      content =
        kind === "sites"
          ? { meta, origin: "import", sites: "sites" in result ? result.sites : [] }
          : { meta, origin: "import", prices: "prices" in result ? result.prices : [] };
      rows = "sites" in result ? result.sites.length : result.prices.length;
      format = `${kind} CSV (seed layout${options.delimiter === ";" ? ", ';' separated with decimal commas" : ""})`;
    }
  } catch (error) {
    if (error instanceof CsvFormatError)
      throw new DataValidationError([{ file: file.name, line: error.line ?? 0, column: "(row)", message: error.message.replace(/^[^:]+:(\d+:)? /, "") }]);
    throw error;
  }
  if (rows === 0) throw new ImportFormatError(422, `${file.name} holds no data rows`);
  return { content, rows, format };
}
