import { z } from "zod";
import { resolveCountry } from "../geo/countries";
import { boundedDecimalCell, cellText, httpUrl, isoDateSchema, nonEmptyText, optionalBoundedDecimalCell, percentCell, quoted } from "./cells";
import { HASHRATE_EH, SHARE_PERCENT } from "./limits";

/** The unattributed bucket's name in CBECI downloads. */
export const UNATTRIBUTED_LABELS = ["other"];

/** A country name, or the unattributed bucket (null). */
export const shareCountryCell = cellText().transform((text, ctx) => {
  const t = text.trim();
  if (UNATTRIBUTED_LABELS.includes(t.toLowerCase())) return null;
  const country = resolveCountry(t);
  if (!country) {
    ctx.addIssue({ code: "custom", message: `${quoted(text)} is not a known country (use an ISO code, an English name, or "Other")` });
    return z.NEVER;
  }
  return country.iso2;
});

/** One row of the CBECI Mining Map download (`date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S`). */
export const CbeciRowSchema = z.object({
  date: isoDateSchema.refine((d) => d.endsWith("-01"), "must be the first day of a month"),
  country: shareCountryCell,
  "monthly_hashrate_%": percentCell,
  "monthly_absolute_hashrate_EH/S": boundedDecimalCell(HASHRATE_EH),
});

/** One row of a secondary estimate file (country_shares_*.csv). */
export const EstimateRowSchema = z.object({
  snapshot: nonEmptyText,
  source_org: nonEmptyText,
  method: nonEmptyText,
  country: nonEmptyText,
  share_pct: boundedDecimalCell(SHARE_PERCENT),
  abs_EH_s: optionalBoundedDecimalCell(HASHRATE_EH),
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
