import { resolveCountry } from "../geo/countries";
import type { DatasetContent } from "../db/bulk";
import type { DatasetMeta } from "../validation/datasets";
import type { ImportKind } from "../validation/import";
import { env } from "../env";
import { clipped, parseDecimal, periodSchema, quoted } from "../validation/cells";
import { HASHRATE_EH, inRange, MAX_TEXT_CHARS, rangeProblem, SHARE_FRACTION } from "../validation/limits";
import type { ShareRecord } from "../validation/shares";
import { CsvFormatError, type CsvOptions, csvHeader, detectDelimiter, parseCsv } from "./csv";
import { DataValidationError, type RowIssue } from "./issues";
import { parsePricesCsv } from "./prices";
import { parseCbeciCsv, SHARE_SUM_TOLERANCE } from "./shares";
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

const UNATTRIBUTED = new Set(["other", "unattributed", "unknown", "rest of world"]);

type GenericRow = { line: number; period: unknown; country: unknown; share: unknown; hashrateEh: unknown };

function numberOf(value: unknown): number | undefined | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string") return parseDecimal(value);
  return undefined;
}

/**
 * A JSON value as an error message quotes it, by the quotation rule of cells. Never String() on
 * it: an object such as {"toString": "x"} cannot be converted and threw a 500 (found by tests/fuzz).
 */
function shown(value: unknown): string {
  if (typeof value === "string") return quoted(value);
  if (value === undefined || typeof value === "number" || typeof value === "boolean" || value === null) return `"${String(value)}"`;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  return text === undefined ? (Array.isArray(value) ? "an array" : `a ${typeof value}`) : clipped(text);
}

/** The length rule of text cells (lib/validation/cells.ts cellText), for values that may come from JSON. */
function tooLong(value: unknown): string | null {
  return typeof value === "string" && value.length > MAX_TEXT_CHARS ? `is ${value.length} characters long; a cell holds at most ${MAX_TEXT_CHARS}` : null;
}

/**
 * The generic shares format: rows of period, country and either share (a fraction 0–1) or
 * hashrate_eh (EH/s). A country named "Other" is the unattributed bucket; where the shares of a
 * month add up to less than 1 and no "Other" is given, the rest is unattributed.
 */
export function parseGenericShares(rows: GenericRow[], file: string): { shares: ShareRecord[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const add = (line: number, column: string, message: string) => issues.push({ file, line, column, message });
  type Parsed = { line: number; period: string; iso2: string | null; share: number | null; eh: number | null };
  const parsed: Parsed[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const issuesBefore = issues.length;
    // A cell that is too long gets that message and no other check: nothing else runs on it.
    const long = { period: tooLong(row.period), country: tooLong(row.country), share: tooLong(row.share), hashrate_eh: tooLong(row.hashrateEh) };
    for (const [column, problem] of Object.entries(long)) if (problem) add(row.line, column, problem);
    if (issues.length > issuesBefore) continue;
    const period = typeof row.period === "string" ? row.period.trim() : "";
    if (!periodSchema.safeParse(period).success) add(row.line, "period", `${shown(row.period ?? "")} is not a month as YYYY-MM`);
    const name = typeof row.country === "string" ? row.country.trim() : "";
    const iso2 = UNATTRIBUTED.has(name.toLowerCase()) ? null : (resolveCountry(name)?.iso2 ?? undefined);
    if (iso2 === undefined) {
      const problem =
        typeof row.country !== "string" && row.country !== undefined && row.country !== null
          ? `${shown(row.country)} is not a country name or code`
          : name
            ? `${quoted(name)} is not a known country (ISO alpha-2, alpha-3 or English name; "Other" for unattributed)`
            : "is empty";
      add(row.line, "country", problem);
    }
    const share = numberOf(row.share);
    const eh = numberOf(row.hashrateEh);
    if (share === undefined) add(row.line, "share", `${shown(row.share)} is not a number`);
    else if (share !== null && !inRange(share, SHARE_FRACTION)) {
      add(row.line, "share", `${share} is outside ${SHARE_FRACTION.min}–${SHARE_FRACTION.max} (shares are fractions: 37.84 % is 0.3784)`);
    }
    if (eh === undefined) add(row.line, "hashrate_eh", `${shown(row.hashrateEh)} is not a number`);
    else if (eh !== null && eh < 0) add(row.line, "hashrate_eh", `${eh} is negative`);
    else if (eh !== null) {
      const problem = rangeProblem(eh, HASHRATE_EH);
      if (problem) add(row.line, "hashrate_eh", `${eh} ${problem}`);
    }
    if (share === null && eh === null) add(row.line, "share", "is empty: give a share or a hashrate_eh");
    // A row with any bad cell stays out of its month, whose sums would otherwise blame the month for it.
    if (issues.length > issuesBefore || iso2 === undefined || share === undefined || eh === undefined) continue;
    const key = `${period}|${iso2 ?? "Other"}`;
    const first = seen.get(key);
    if (first !== undefined) {
      add(row.line, "country", `repeats ${name} for ${period} (first on line ${first})`);
      continue;
    }
    seen.set(key, row.line);
    parsed.push({ line: row.line, period, iso2, share, eh });
  }
  const shares: ShareRecord[] = [];
  const periods = [...new Set(parsed.map((p) => p.period))].sort();
  for (const period of periods) {
    const rowsOf = parsed.filter((p) => p.period === period);
    const byShare = rowsOf.every((r) => r.share !== null);
    const byEh = rowsOf.every((r) => r.eh !== null);
    if (!byShare && !byEh) {
      add(rowsOf[0]?.line ?? 0, "share", `${period} mixes rows with a share and rows with only a hashrate; give one or the other for a whole month`);
      continue;
    }
    const totalEh = rowsOf.reduce((s, r) => s + (r.eh ?? 0), 0);
    if (!byShare && totalEh <= 0) {
      add(rowsOf[0]?.line ?? 0, "hashrate_eh", `the hashrates of ${period} add up to 0`);
      continue;
    }
    const share = (r: Parsed) => (byShare ? (r.share ?? 0) : (r.eh ?? 0) / totalEh);
    const sum = rowsOf.reduce((s, r) => s + share(r), 0);
    if (sum > 1 + SHARE_SUM_TOLERANCE + 1e-9) {
      add(rowsOf[0]?.line ?? 0, "share", `shares of ${period} add up to ${(sum * 100).toFixed(3)} %, more than 100 %`);
      continue;
    }
    for (const r of rowsOf)
      shares.push({
        period,
        countryIso2: r.iso2,
        share: Number(share(r).toFixed(12)),
        hashrateEh: r.eh,
        sourceLabel: null,
        certainty: null,
        sourceUrl: null,
        note: null,
      });
    if (sum < 1 - SHARE_SUM_TOLERANCE && !rowsOf.some((r) => r.iso2 === null)) {
      shares.push({
        period,
        countryIso2: null,
        share: Number((1 - sum).toFixed(12)),
        hashrateEh: null,
        sourceLabel: "unattributed: not assigned to a country by the source",
        certainty: null,
        sourceUrl: null,
        note: null,
      });
    }
  }
  return { shares, issues };
}

function sharesFromCsv(text: string, file: string, limits: ImportLimits): { shares: ShareRecord[]; issues: RowIssue[]; format: string } {
  const options = csvOptions(text, limits);
  if (csvHeader(text, options).includes("monthly_hashrate_%")) return { ...parseCbeciCsv(text, file, options), format: "CBECI Mining Map download" };
  const { header, records } = parseCsv(text, file, options);
  if (!header.includes("period") || !header.includes("country") || !(header.includes("share") || header.includes("hashrate_eh"))) {
    throw new ImportFormatError(
      422,
      `${file}: unknown shares layout (columns: ${clipped(header.join(", "))}). Use the CBECI download (date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S) or period,country,share|hashrate_eh`,
    );
  }
  const rows = records.map((r) => ({
    line: r.line,
    period: r.values.period,
    country: r.values.country,
    share: r.values.share,
    hashrateEh: r.values.hashrate_eh,
  }));
  return { ...parseGenericShares(rows, file), format: "period,country,share|hashrate_eh CSV" };
}

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
  const rows: GenericRow[] = [];
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
    rows.push({
      line: i + 1,
      period: o.get("period"),
      country: o.get("country"),
      share: o.get("share"),
      hashrateEh: o.get("hashrateEh") ?? o.get("hashrate_eh"),
    });
  });
  const parsed = parseGenericShares(rows, file);
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
