import { z } from "zod";
import { countryByIso2 } from "../geo/countries";
import { cellText, httpUrl, isCalendarDate, nonEmptyText, optionalText, parseDecimal, quoted } from "./cells";
import { BLOCK_TIME_MINUTES, CHANGE_PCT, HASHRATE_CHANGE_EH, NETWORK_HASHRATE_EH, POWER_MW, type Range, rangeProblem, SHARE_PERCENT } from "./limits";
import { type ObservationMetric, observationMetrics, observationUnits } from "./vocabulary";

// One row of shock_observations_2022_2026.csv: one sourced figure about a real shock, grouped by
// event_id (docs/methodology.md#backtests).

const DAY = /^[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** "2022-01-05" or "2022-01-05..2022-01-07" → its first and last day. */
const dateLabel = cellText().transform((text, ctx) => {
  const label = text.trim();
  const [start = "", end = start, ...rest] = label.split("..");
  if (rest.length > 0 || !DAY.test(start) || !DAY.test(end)) {
    ctx.addIssue({ code: "custom", message: `${quoted(text)} must be a day YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD` });
    return z.NEVER;
  }
  for (const day of [start, end]) {
    if (!isCalendarDate(day)) {
      ctx.addIssue({ code: "custom", message: `${day} is not a day of the calendar` });
      return z.NEVER;
    }
  }
  if (end < start) {
    ctx.addIssue({ code: "custom", message: `the range ends (${end}) before it starts (${start})` });
    return z.NEVER;
  }
  return { label, start, end };
});

/** ISO 3166-1 alpha-2 (KZ) or a 3166-2 subdivision (US-TX, RU-IRK). */
const JURISDICTION = /^([A-Z]{2})(-[A-Z0-9]{1,3})?$/;

/**
 * The countries a jurisdiction names, in order, each once: a subdivision counts as its country
 * (US-TX → US), several are joined by ";" (US;IR). Empty when a code is malformed or unknown.
 */
export function countriesOfJurisdiction(jurisdiction: string): string[] {
  const countries: string[] = [];
  for (const code of jurisdiction.split(";").map((c) => c.trim())) {
    const iso2 = JURISDICTION.exec(code)?.[1];
    if (iso2 === undefined || !countryByIso2(iso2)) return [];
    if (!countries.includes(iso2)) countries.push(iso2);
  }
  return countries;
}

const jurisdiction = cellText()
  .trim()
  .superRefine((text, ctx) => {
    for (const code of text.split(";").map((c) => c.trim())) {
      const iso2 = JURISDICTION.exec(code)?.[1];
      if (iso2 === undefined)
        ctx.addIssue({ code: "custom", message: `${quoted(code)} is not an ISO 3166-1 or 3166-2 code (e.g. KZ, US-TX; several joined by ";")` });
      else if (!countryByIso2(iso2)) ctx.addIssue({ code: "custom", message: `"${iso2}" in ${quoted(code)} is not an ISO 3166-1 alpha-2 country` });
    }
  });

/** A number, a range "a..b" (a ≤ b), or empty: a policy with no measured figure. */
const valueCell = cellText().transform((text, ctx) => {
  const t = text.trim();
  if (t === "") return { text: t, low: null, high: null };
  const parts = t.split("..");
  const numbers = parts.map(parseDecimal);
  const [low, high = low] = numbers;
  if (parts.length > 2 || low === undefined || high === undefined || numbers.includes(undefined)) {
    ctx.addIssue({ code: "custom", message: `${quoted(text)} must be a number, a range a..b, or empty` });
    return z.NEVER;
  }
  if (high < low) {
    ctx.addIssue({ code: "custom", message: `the range ${quoted(t)} runs downwards` });
    return z.NEVER;
  }
  return { text: t, low, high };
});

/** The values each metric can take, in its unit. */
function valueRange(metric: ObservationMetric, unit: string): Range {
  switch (metric) {
    case "network_hashrate":
      return NETWORK_HASHRATE_EH;
    case "curtailed_power":
      return { ...POWER_MW, aboveMin: true };
    case "block_time":
      return BLOCK_TIME_MINUTES;
    case "share_offline":
      return SHARE_PERCENT;
    default:
      return unit === "%" ? CHANGE_PCT : HASHRATE_CHANGE_EH;
  }
}

export const ShockObservationRowSchema = z
  .object({
    event_id: cellText().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, "must be 3–64 lowercase letters, digits and dashes (e.g. kz-2022-01)"),
    event: nonEmptyText,
    date_utc: dateLabel,
    jurisdiction,
    metric: z.enum(observationMetrics),
    value: valueCell,
    unit: nonEmptyText,
    certainty: nonEmptyText,
    source_url: httpUrl,
    note: optionalText,
  })
  .superRefine((row, ctx) => {
    const units = observationUnits[row.metric];
    if (!units.includes(row.unit)) {
      ctx.addIssue({ code: "custom", path: ["unit"], message: `${quoted(row.unit)} is not a unit of ${row.metric} (${units.join(" or ")})` });
      return;
    }
    const { low, high } = row.value;
    if (low === null) return;
    const range = valueRange(row.metric, row.unit);
    const problem = rangeProblem(low, range) ?? rangeProblem(high, range);
    // The value as its numbers, not the cell: as short as a number is.
    const value = low === high ? String(low) : `${low}..${high}`;
    if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: `${value} ${row.unit} ${problem} for ${row.metric}` });
  });

export type ShockObservationRecord = {
  eventId: string;
  event: string;
  dateLabel: string;
  /** First day (YYYY-MM-DD). */
  date: string;
  /** Last day; equal to date for a single day. */
  endDate: string;
  jurisdiction: string;
  metric: ObservationMetric;
  valueText: string;
  valueLow: number | null;
  valueHigh: number | null;
  unit: string;
  certainty: string;
  sourceUrl: string;
  note: string | null;
};
