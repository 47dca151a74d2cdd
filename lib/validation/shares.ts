import { z } from "zod";
import { resolveCountry } from "../geo/countries";
import { decimalCell, httpUrl, isoDateSchema, nonEmptyText, optionalDecimalCell, percentCell } from "./cells";

/** The unattributed bucket's name in CBECI downloads. */
export const UNATTRIBUTED_LABELS = ["other"];

/** A country name, or the unattributed bucket (null). */
export const shareCountryCell = z.string().transform((text, ctx) => {
  const t = text.trim();
  if (UNATTRIBUTED_LABELS.includes(t.toLowerCase())) return null;
  const country = resolveCountry(t);
  if (!country) {
    ctx.addIssue({ code: "custom", message: `"${text}" is not a known country (use an ISO code, an English name, or "Other")` });
    return z.NEVER;
  }
  return country.iso2;
});

/** One row of the CBECI Mining Map download (`date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S`). */
export const CbeciRowSchema = z.object({
  date: isoDateSchema.refine((d) => d.endsWith("-01"), "must be the first day of a month"),
  country: shareCountryCell,
  "monthly_hashrate_%": percentCell,
  "monthly_absolute_hashrate_EH/S": decimalCell.refine((n) => n >= 0, "must be ≥ 0"),
});

/** One row of a secondary estimate file (country_shares_*.csv). */
export const EstimateRowSchema = z.object({
  snapshot: nonEmptyText,
  source_org: nonEmptyText,
  method: nonEmptyText,
  country: nonEmptyText,
  share_pct: decimalCell.refine((n) => n >= 0 && n <= 100, "must be within 0–100"),
  abs_EH_s: optionalDecimalCell.refine((n) => n === null || n >= 0, "must be ≥ 0"),
  certainty: nonEmptyText,
  source_url: httpUrl,
});

/** A hashrate share as stored: countryIso2 null is the unattributed bucket. */
export type ShareRecord = {
  period: string;
  countryIso2: string | null;
  share: number;
  hashrateEh: number | null;
  sourceLabel: string | null;
  certainty: string | null;
  sourceUrl: string | null;
  note: string | null;
};
