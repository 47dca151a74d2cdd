import { type CsvRecord, parseCsv } from "./csv";
import { type RowIssue, validateRecords } from "./issues";
import { parseDecimal, quoted } from "../validation/cells";
import { EPOCH_DAYS, NETWORK_HASHRATE_EH, rangeProblem } from "../validation/limits";
import { blockSubsidyForPeriod } from "../metrics/subsidy";
import {
  NetworkEventRowSchema,
  type NetworkEventRecord,
  NetworkMonthlyRowSchema,
  type NetworkStatRecord,
  RetargetRowSchema,
  type RetargetRecord,
} from "../validation/network";

export function parseNetworkMonthlyCsv(text: string, file: string): { stats: NetworkStatRecord[]; issues: RowIssue[] } {
  return networkStatsFromRecords(parseCsv(text, file).records, file);
}

/**
 * Rows in the layout of network_monthly.csv, from a file or built by `npm run sync`, validated and
 * turned into records by the same rules (the block subsidy is computed here, never supplied).
 */
export function networkStatsFromRecords(records: CsvRecord[], file: string): { stats: NetworkStatRecord[]; issues: RowIssue[] } {
  const { rows, issues } = validateRecords(NetworkMonthlyRowSchema, records, file);
  const seen = new Set<string>();
  const stats: NetworkStatRecord[] = [];
  for (const { line, value } of rows) {
    if (seen.has(value.period)) {
      issues.push({ file, line, column: "period", message: `repeats ${value.period}` });
      continue;
    }
    seen.add(value.period);
    stats.push({
      period: value.period,
      hashrateEh: value.hashrate_eh,
      difficulty: value.difficulty,
      blockSubsidyBtc: blockSubsidyForPeriod(value.period),
      avgFeesBtc: null,
      method: value.method,
    });
  }
  return { stats, issues };
}

export function parseRetargetsCsv(text: string, file: string): { retargets: RetargetRecord[]; issues: RowIssue[] } {
  return retargetsFromRecords(parseCsv(text, file).records, file);
}

/** Rows in the layout of difficulty_adjustments.csv, from a file or built by `npm run sync`. */
export function retargetsFromRecords(records: CsvRecord[], file: string): { retargets: RetargetRecord[]; issues: RowIssue[] } {
  const { rows, issues } = validateRecords(RetargetRowSchema, records, file);
  const retargets: RetargetRecord[] = [];
  for (const { line, value } of rows) {
    // The newest retarget's epoch is still open: its average hashrate and length are blank.
    const optional = (column: "epoch_hashrate_eh" | "epoch_days") => {
      const cell = value[column].trim();
      if (cell === "") return null;
      const n = parseDecimal(cell);
      const problem =
        n === undefined || n <= 0 ? `${quoted(cell)} is not a positive number` : rangeProblem(n, column === "epoch_days" ? EPOCH_DAYS : NETWORK_HASHRATE_EH);
      if (problem) issues.push({ file, line, column, message: problem });
      return n ?? null;
    };
    retargets.push({
      height: value.height,
      dateUtc: value.date_utc,
      difficulty: value.difficulty,
      changePct: value.change_pct,
      epochHashrateEh: optional("epoch_hashrate_eh"),
      epochDays: optional("epoch_days"),
      dateSource: value.date_source,
    });
  }
  return { retargets, issues };
}

/**
 * The number a value cell states, for charts; the text itself is kept as written. "<110" → 110,
 * "~1,200" → 1200 (a thousands separator, not the end of the number), "−100" → −100 (a typographic
 * minus); null when the cell states no number.
 */
export function statedNumber(text: string): number | null {
  const plain = text.replace(/\u2212/g, "-").replace(/(\d)[,\s\u00a0\u202f](?=\d{3}(?!\d))/g, "$1");
  const number = /[-+]?\d+(\.\d+)?/.exec(plain)?.[0];
  // Hundreds of digits overflow to Infinity: not a number a chart can show.
  return number === undefined || !Number.isFinite(Number(number)) ? null : Number(number);
}

export function parseNetworkEventsCsv(text: string, file: string): { events: NetworkEventRecord[]; issues: RowIssue[] } {
  const { rows, issues } = validateRecords(NetworkEventRowSchema, parseCsv(text, file).records, file);
  const events = rows.map(({ value }) => {
    const [, ym = "", day] = /^(\d{4}-\d{2})(?:-(\d{2}))?/.exec(value.date_utc) ?? [];
    return {
      dateLabel: value.date_utc,
      date: `${ym}-${day ?? "01"}`,
      event: value.event,
      metric: value.metric,
      value: statedNumber(value.value),
      valueText: value.value,
      unit: value.unit,
      certainty: value.certainty,
      sourceUrl: value.source_url,
    };
  });
  return { events, issues };
}
