import { z } from "zod";
import { boundedDecimalCell, cellText, decimalCell, isCalendarDate, isHttpUrl, nonEmptyText, periodSchema } from "./cells";
import { BLOCK_HEIGHT, DIFFICULTY, MAX_URL_CHARS, NETWORK_HASHRATE_EH, rangeProblem, RETARGET_CHANGE_PCT } from "./limits";

/** One row of network_monthly.csv. */
export const NetworkMonthlyRowSchema = z.object({
  period: periodSchema,
  hashrate_eh: boundedDecimalCell(NETWORK_HASHRATE_EH),
  difficulty: boundedDecimalCell(DIFFICULTY),
  source: nonEmptyText,
  method: nonEmptyText,
});

/** One row of difficulty_adjustments.csv; the newest retarget has no completed epoch yet. */
export const RetargetRowSchema = z.object({
  height: decimalCell
    .refine((n) => Number.isInteger(n) && n > 0 && n % 2016 === 0, { error: "must be a retarget height (a multiple of 2016)", abort: true })
    .superRefine((n, ctx) => {
      const problem = rangeProblem(n, BLOCK_HEIGHT);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  date_utc: cellText()
    .regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, { error: "must be YYYY-MM-DD HH:MM:SS", abort: true })
    .refine((t) => isCalendarDate(t.slice(0, 10)), { error: (issue) => `${String(issue.input).slice(0, 10)} is not a day of the calendar` }),
  difficulty: boundedDecimalCell(DIFFICULTY),
  change_pct: boundedDecimalCell(RETARGET_CHANGE_PCT),
  // Blank for the newest, still open epoch: lib/io/network.ts reads them.
  epoch_hashrate_eh: cellText(),
  epoch_days: cellText(),
  date_source: nonEmptyText,
});

/** The date a network event's label starts with; the rest (a range "..07-03" or a note " (monthly avg)") is kept as text. */
const EVENT_DATE = /^([1-9]\d{3}-(0[1-9]|1[0-2]))(-(0[1-9]|[12]\d|3[01]))?(?=$|\.\.|\s)/;

/** A source: an http(s) URL, or the name of a seed file (one row cites the CBECI file itself). */
const SEED_FILE = /^[\w.-]+\.csv$/;

/** One row of network_events.csv: dates are labels such as "2021-06-13..07-03" or "2021-05 (monthly avg)". */
export const NetworkEventRowSchema = z.object({
  date_utc: cellText()
    .regex(EVENT_DATE, { error: "must start with YYYY-MM or YYYY-MM-DD, then a range (..) or a space and a note", abort: true })
    .refine((t) => !/^\d{4}-\d{2}-\d{2}/.test(t) || isCalendarDate(t.slice(0, 10)), {
      error: (issue) => `${String(issue.input).slice(0, 10)} is not a day of the calendar`,
    }),
  event: nonEmptyText,
  metric: nonEmptyText,
  value: nonEmptyText,
  unit: nonEmptyText,
  certainty: nonEmptyText,
  // A union would report only "Invalid input": one rule, one message.
  source_url: cellText(MAX_URL_CHARS)
    .trim()
    .refine((s) => isHttpUrl(s) || SEED_FILE.test(s), "is neither an http(s) URL nor the name of a seed CSV file"),
});

export type NetworkStatRecord = {
  period: string;
  hashrateEh: number;
  difficulty: number;
  blockSubsidyBtc: number;
  avgFeesBtc: number | null;
  method: string | null;
};

export type RetargetRecord = {
  height: number;
  dateUtc: string;
  difficulty: number;
  changePct: number;
  epochHashrateEh: number | null;
  epochDays: number | null;
  dateSource: string;
};

export type NetworkEventRecord = {
  dateLabel: string;
  date: string;
  event: string;
  metric: string;
  value: number | null;
  valueText: string;
  unit: string;
  certainty: string;
  sourceUrl: string;
};
