import { type CsvOptions, parseCsv } from "./csv";
import { type RowIssue, validateRecords } from "./issues";
import { quoted } from "../validation/cells";
import { CbeciRowSchema, EstimateRowSchema, type ShareRecord, shareCountryCell } from "../validation/shares";

/** Shares of a period must add up to 100 % within the rounding of the source. */
export const SHARE_SUM_TOLERANCE = 0.0002;

type Parsed = { shares: ShareRecord[]; issues: RowIssue[] };

/** Parse a CBECI Mining Map download: one row per (month, country), "Other" being unattributed. */
export function parseCbeciCsv(text: string, file: string, csv: CsvOptions = {}): Parsed {
  const { records } = parseCsv(text, file, csv);
  const { rows, issues } = validateRecords(CbeciRowSchema, records, file);
  const shares: ShareRecord[] = [];
  const seen = new Map<string, number>();
  const periods = new Map<string, { line: number; sum: number }>();
  for (const { line, value } of rows) {
    const period = value.date.slice(0, 7);
    const key = `${period}|${value.country ?? "Other"}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push({ file, line, column: "country", message: `repeats ${value.country ?? "Other"} for ${period} (first on line ${earlier})` });
      continue;
    }
    seen.set(key, line);
    const total = periods.get(period) ?? { line, sum: 0 };
    total.sum += value["monthly_hashrate_%"];
    periods.set(period, total);
    shares.push({
      period,
      countryIso2: value.country,
      share: value["monthly_hashrate_%"],
      hashrateEh: value["monthly_absolute_hashrate_EH/S"],
      sourceLabel: "CBECI Mining Map",
      certainty: null,
      sourceUrl: null,
      note: null,
    });
  }
  for (const [period, { line, sum }] of periods) {
    if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE + 1e-9) {
      issues.push({ file, line, column: "monthly_hashrate_%", message: `shares of ${period} add up to ${(sum * 100).toFixed(3)} %, not 100 %` });
    }
  }
  return { shares, issues };
}

/**
 * Secondary estimates (country_shares_*.csv) name some countries only; the rest of the network
 * becomes the unattributed bucket. `select` picks the rows of one dataset and names their period.
 */
export function parseEstimateCsv(
  text: string,
  file: string,
  select: (row: { snapshot: string; source_org: string; country: string }) => string | null,
): Parsed {
  const { records } = parseCsv(text, file);
  const { rows, issues } = validateRecords(EstimateRowSchema, records, file);
  const shares: ShareRecord[] = [];
  const sums = new Map<string, { line: number; sum: number }>();
  for (const { line, value } of rows) {
    const period = select(value);
    if (period === null) continue;
    const country = shareCountryCell.safeParse(value.country);
    if (!country.success) {
      issues.push({ file, line, column: "country", message: `${quoted(value.country)} is not a known country` });
      continue;
    }
    if (country.data === null) {
      issues.push({
        file,
        line,
        column: "country",
        message: `${quoted(value.country)} cannot be listed: the unattributed rest is 100 % minus the named shares`,
      });
      continue;
    }
    if (shares.some((s) => s.period === period && s.countryIso2 === country.data)) {
      issues.push({ file, line, column: "country", message: `repeats ${value.country} for ${period}` });
      continue;
    }
    const share = Number((value.share_pct / 100).toFixed(12));
    const total = sums.get(period) ?? { line, sum: 0 };
    total.sum += share;
    sums.set(period, total);
    shares.push({
      period,
      countryIso2: country.data,
      share,
      hashrateEh: value.abs_EH_s,
      sourceLabel: `${value.source_org} (snapshot ${value.snapshot})`,
      certainty: value.certainty,
      sourceUrl: value.source_url,
      note: value.method,
    });
  }
  for (const [period, { line, sum }] of sums) {
    if (sum > 1 + SHARE_SUM_TOLERANCE) {
      issues.push({ file, line, column: "share_pct", message: `shares of ${period} add up to ${(sum * 100).toFixed(3)} %, more than 100 %` });
      continue;
    }
    const rest = Math.max(0, 1 - sum);
    if (rest > 0) {
      shares.push({
        period,
        countryIso2: null,
        share: Number(rest.toFixed(10)),
        hashrateEh: null,
        sourceLabel: "unattributed: the part of the network the source does not assign to a country",
        certainty: null,
        sourceUrl: null,
        note: null,
      });
    }
  }
  return { shares, issues };
}
