import { resolveCountry } from "../geo/countries";
import { clipped, parseDecimal, periodSchema, quoted } from "../validation/cells";
import { HASHRATE_EH, inRange, MAX_TEXT_CHARS, rangeProblem, SHARE_FRACTION } from "../validation/limits";
import type { ShareRecord } from "../validation/shares";
import type { RowIssue } from "./issues";
import { SHARE_SUM_TOLERANCE } from "./shares";

// The generic shares layout (period, country, share | hashrate_eh), from CSV rows or JSON rows
// alike: lib/io/import.ts turns either into GenericRows, one at a time, and validates them here.

const UNATTRIBUTED = new Set(["other", "unattributed", "unknown", "rest of world"]);

export type GenericRow = { line: number; period: unknown; country: unknown; share: unknown; hashrateEh: unknown };

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
export function shown(value: unknown): string {
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

type Parsed = { line: number; iso2: string | null; share: number | null; eh: number | null };

/**
 * The generic shares format: rows of period, country and either share (a fraction 0–1) or
 * hashrate_eh (EH/s). A country named "Other" is the unattributed bucket; where the shares of a
 * month add up to less than 1 and no "Other" is given, the rest is unattributed.
 *
 * Rows are added one at a time as the file is read (lib/io/csv.ts readCsv), so that a large file
 * is never held in a second form: each good row is kept only as its month's entry for its country
 * (which also finds a repeated country), and `finish` turns the months into ShareRecords. The
 * issues are those of the rows in the order they were added, then those of whole months.
 */
export function genericSharesReader(file: string): { add(row: GenericRow): void; finish(): { shares: ShareRecord[]; issues: RowIssue[] } } {
  const issues: RowIssue[] = [];
  const add = (line: number, column: string, message: string) => issues.push({ file, line, column, message });
  // Month → its rows by country ("Other" for the unattributed bucket), in the order they came.
  const months = new Map<string, Map<string, Parsed>>();
  return {
    add(row) {
      const issuesBefore = issues.length;
      // A cell that is too long gets that message and no other check: nothing else runs on it.
      const long = { period: tooLong(row.period), country: tooLong(row.country), share: tooLong(row.share), hashrate_eh: tooLong(row.hashrateEh) };
      for (const [column, problem] of Object.entries(long)) if (problem) add(row.line, column, problem);
      if (issues.length > issuesBefore) return;
      const period = typeof row.period === "string" ? row.period.trim() : "";
      // A month already kept is a valid one: the schema need not look at it again.
      let month = months.get(period);
      if (!month && !periodSchema.safeParse(period).success) add(row.line, "period", `${shown(row.period ?? "")} is not a month as YYYY-MM`);
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
      if (issues.length > issuesBefore || iso2 === undefined || share === undefined || eh === undefined) return;
      if (!month) months.set(period, (month = new Map<string, Parsed>()));
      const key = iso2 ?? "Other";
      const first = month.get(key);
      if (first !== undefined) {
        add(row.line, "country", `repeats ${name} for ${period} (first on line ${first.line})`);
        return;
      }
      month.set(key, { line: row.line, iso2, share, eh });
    },
    finish() {
      const shares: ShareRecord[] = [];
      for (const period of [...months.keys()].sort()) {
        const rowsOf = [...(months.get(period)?.values() ?? [])];
        // Each month's rows are let go once turned into records: they are never all held twice.
        months.delete(period);
        const firstLine = rowsOf[0]?.line ?? 0;
        const byShare = rowsOf.every((r) => r.share !== null);
        const byEh = rowsOf.every((r) => r.eh !== null);
        if (!byShare && !byEh) {
          add(firstLine, "share", `${period} mixes rows with a share and rows with only a hashrate; give one or the other for a whole month`);
          continue;
        }
        const totalEh = rowsOf.reduce((s, r) => s + (r.eh ?? 0), 0);
        if (!byShare && totalEh <= 0) {
          add(firstLine, "hashrate_eh", `the hashrates of ${period} add up to 0`);
          continue;
        }
        const share = (r: Parsed) => (byShare ? (r.share ?? 0) : (r.eh ?? 0) / totalEh);
        const sum = rowsOf.reduce((s, r) => s + share(r), 0);
        if (sum > 1 + SHARE_SUM_TOLERANCE + 1e-9) {
          add(firstLine, "share", `shares of ${period} add up to ${(sum * 100).toFixed(3)} %, more than 100 %`);
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
    },
  };
}
