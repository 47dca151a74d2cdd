import type { CsvRecord } from "../io/csv";
import type { RowIssue } from "../io/issues";
import { networkStatsFromRecords, retargetsFromRecords } from "../io/network";
import type { NetworkStatRecord, RetargetRecord } from "../validation/network";
import { type MonthFigures, type RetargetFigures, utcDateTime } from "./derive";
import { SourceError } from "./http";

// Derived figures → database records, through the very validators a seed or imported file goes
// through (lib/io/network.ts): the same row schemas, and the block subsidy computed by the one rule
// there, never supplied. A row that fails them means the source answered nonsense: SourceError.

/** Where the rows came from, as each row records it. */
export type RowProvenance = { shownUrl: string; label: string; monthMethod: string };

function validated<T>(
  origin: RowProvenance,
  what: string,
  records: CsvRecord[],
  keys: string[],
  check: (records: CsvRecord[], file: string) => { issues: RowIssue[] } & T,
): T {
  const result = check(records, what);
  const issue = result.issues[0];
  if (issue) {
    const key = keys[issue.line - 1] ?? `row ${issue.line}`;
    const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more problems)` : "";
    throw new SourceError(origin.shownUrl, `the derived ${what} ${key} is invalid: ${issue.column} ${issue.message}${more}`);
  }
  return result;
}

export function networkStatRecords(months: readonly MonthFigures[], origin: RowProvenance): NetworkStatRecord[] {
  const records = months.map((m, i) => ({
    line: i + 1,
    values: { period: m.period, hashrate_eh: String(m.hashrateEh), difficulty: String(m.difficulty), source: origin.shownUrl, method: origin.monthMethod },
  }));
  return validated(
    origin,
    "month",
    records,
    months.map((m) => m.period),
    networkStatsFromRecords,
  ).stats;
}

export function retargetRecords(rows: readonly RetargetFigures[], origin: RowProvenance): RetargetRecord[] {
  const records = rows.map((r, i) => ({
    line: i + 1,
    values: {
      height: String(r.height),
      date_utc: utcDateTime(r.time),
      difficulty: String(r.difficulty),
      change_pct: String(r.changePct),
      epoch_hashrate_eh: r.epochHashrateEh === null ? "" : String(r.epochHashrateEh),
      epoch_days: r.epochDays === null ? "" : String(r.epochDays),
      date_source: `block header time (${origin.label})`,
    },
  }));
  return validated(
    origin,
    "retarget",
    records,
    rows.map((r) => String(r.height)),
    retargetsFromRecords,
  ).retargets;
}
