import { z } from "zod";
import { decimalCell, httpUrl, nonEmptyText, periodSchema } from "./cells";

/** One row of network_monthly.csv. */
export const NetworkMonthlyRowSchema = z.object({
  period: periodSchema,
  hashrate_eh: decimalCell.refine((n) => n > 0, "must be > 0"),
  difficulty: decimalCell.refine((n) => n > 0, "must be > 0"),
  source: nonEmptyText,
  method: nonEmptyText,
});

/** One row of difficulty_adjustments.csv; the newest retarget has no completed epoch yet. */
export const RetargetRowSchema = z.object({
  height: decimalCell.refine((n) => Number.isInteger(n) && n > 0 && n % 2016 === 0, "must be a retarget height (a multiple of 2016)"),
  date_utc: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, "must be YYYY-MM-DD HH:MM:SS"),
  difficulty: decimalCell.refine((n) => n > 0, "must be > 0"),
  change_pct: decimalCell.refine((n) => n >= -75 && n <= 300, "must be within −75 %…+300 % (the retarget clamp)"),
  epoch_hashrate_eh: z.string(),
  epoch_days: z.string(),
  date_source: nonEmptyText,
});

/** One row of network_events.csv: dates are labels such as "2021-06-13..07-03" or "2021-05 (monthly avg)". */
export const NetworkEventRowSchema = z.object({
  date_utc: z.string().regex(/^\d{4}-\d{2}(-\d{2})?/, "must start with YYYY-MM or YYYY-MM-DD"),
  event: nonEmptyText,
  metric: nonEmptyText,
  value: nonEmptyText,
  unit: nonEmptyText,
  certainty: nonEmptyText,
  // One row cites the CBECI file itself rather than a URL.
  source_url: z.union([httpUrl, z.string().regex(/^[\w.-]+\.csv$/, "is neither a URL nor a seed file name")]),
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
