import { z } from "zod";
import { regionByCode, resolveRegion } from "../geo/regions";
import { cellText, httpUrl, isCalendarDate, nonEmptyText, optionalText, parseDecimal, quoted } from "./cells";
import { rangeProblem, SHARE_PERCENT } from "./limits";
import { countryCell } from "./sites";

// Published sub-national share estimates, one schema per file layout (seed/data/subnational_*.csv). Every
// row keeps its source's own figure: a share of the country's hashrate and a share of the network are
// different columns, filled only where the source gives (or lets one derive) that figure; neither is ever
// computed from the other here. Percentages are stored as fractions (÷ 100), like HashrateShare.share.

export type RegionalShareRecord = {
  /** The period as the source gives it ("2021-12", "2023-07-21..2023-07-27", "2019 (mid-year)"). */
  periodLabel: string;
  /** First and last month (YYYY-MM) the label covers; a year without a month covers the whole year. */
  periodStart: string;
  periodEnd: string;
  countryIso2: string;
  /** ISO 3166-2 code of the region (lib/geo/regions.ts). */
  regionCode: string;
  /** The region as the source names it ("Irkutsk Oblast (southern districts)"). */
  regionName: string;
  /** Share of the country's hashrate, 0..1; a range "a..b" keeps both ends; null when the source gives none. */
  shareOfCountryLow: number | null;
  shareOfCountryHigh: number | null;
  /** Share of the network's hashrate, 0..1, likewise. */
  shareOfNetworkLow: number | null;
  shareOfNetworkHigh: number | null;
  /** What the share is of, in the source's words ("share of Foundry USA pool hashrate by state"). */
  basis: string;
  sourceOrg: string;
  /** How the source measured it, where the file says so separately from the basis. */
  method: string | null;
  certainty: string;
  sourceUrl: string;
  note: string | null;
};

const MONTH = /^([1-9]\d{3})-(0[1-9]|1[0-2])$/;

/**
 * The months a period label covers: "2021-12" and "2021-12 (…)" → that month; "2023-07-21..2023-07-27"
 * → the months of both days; "2020 wet season start (…)" or "2019 (mid-year)" → that whole year.
 */
export function monthsOfPeriodLabel(label: string): { start: string; end: string } | string {
  const text = label.trim();
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (range?.[1] && range[2]) {
    if (!isCalendarDate(range[1]) || !isCalendarDate(range[2])) return `${quoted(text)} names a day that is not in the calendar`;
    if (range[2] < range[1]) return `${quoted(text)} ends before it starts`;
    return { start: range[1].slice(0, 7), end: range[2].slice(0, 7) };
  }
  const day = /^(\d{4}-\d{2}-\d{2})(?:\s|$)/.exec(text)?.[1];
  if (day) return isCalendarDate(day) ? { start: day.slice(0, 7), end: day.slice(0, 7) } : `${quoted(day)} is not a day of the calendar`;
  const month = /^(\d{4}-\d{2})(?:\s|$)/.exec(text)?.[1];
  if (month) return MONTH.test(month) ? { start: month, end: month } : `${quoted(month)} is not a month YYYY-MM`;
  const year = /^([1-9]\d{3})(?:\s|$)/.exec(text)?.[1];
  if (year) return { start: `${year}-01`, end: `${year}-12` };
  return `${quoted(text)} must start with a day (YYYY-MM-DD), a day range (YYYY-MM-DD..YYYY-MM-DD), a month (YYYY-MM) or a year`;
}

const periodLabel = cellText().transform((text, ctx) => {
  const months = monthsOfPeriodLabel(text);
  if (typeof months === "string") {
    ctx.addIssue({ code: "custom", message: months });
    return z.NEVER;
  }
  return { label: text.trim(), ...months };
});

/** A percentage 0..100, or a range "a..b" of two; empty → null. Kept as the source wrote it, as fractions. */
const percentOrRange = cellText().transform((text, ctx): { low: number; high: number } | null => {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const [low = "", high = low, ...rest] = trimmed.split("..");
  const a = parseDecimal(low);
  const b = parseDecimal(high);
  if (rest.length || a === undefined || b === undefined) {
    ctx.addIssue({ code: "custom", message: `${quoted(text)} is not a percentage or a range a..b` });
    return z.NEVER;
  }
  const problem = rangeProblem(a, SHARE_PERCENT) ?? rangeProblem(b, SHARE_PERCENT) ?? (b < a ? `the range ${quoted(trimmed)} ends below its start` : null);
  if (problem) {
    ctx.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  }
  return { low: Number((a / 100).toFixed(12)), high: Number((b / 100).toFixed(12)) };
});

const requiredPercent = percentOrRange.refine((v) => v !== null, "is empty");

function regionOf(countryIso2: string, what: string) {
  return nonEmptyText.transform((text, ctx) => {
    const region = resolveRegion(countryIso2, text);
    if (!region) {
      ctx.addIssue({ code: "custom", message: `${quoted(text)} is not a ${what} (ISO 3166-2)` });
      return z.NEVER;
    }
    return { code: region.code, name: text.trim() };
  });
}

/** seed/data/subnational_us_states.csv: CBECI (Dec 2021) and Foundry (Oct 2021) shares of US hashrate by state. */
export const UsStateShareRowSchema = z.object({
  period: periodLabel,
  state: regionOf("US", "US state"),
  share_of_us_pct: requiredPercent,
  source_org: nonEmptyText,
  method: nonEmptyText,
  certainty: nonEmptyText,
  source_url: httpUrl,
  note: optionalText,
});

export const shareBases = ["of_global_hashrate", "of_china_hashrate"] as const;

/** seed/data/subnational_cn_provinces.csv: CBECI (2020) and CoinShares (2019) provincial shares, each of global or of China's hashrate. */
export const CnProvinceShareRowSchema = z.object({
  period: periodLabel,
  province: regionOf("CN", "Chinese province"),
  share_pct: requiredPercent,
  share_basis: z.enum(shareBases),
  source_org: nonEmptyText,
  method: nonEmptyText,
  certainty: nonEmptyText,
  source_url: httpUrl,
  note: optionalText,
});

/** seed/data/subnational_shares_2022_2026.csv: later estimates with an explicit basis and code; either share column may be empty, not both. */
export const SubnationalShareRowSchema = z
  .object({
    period: periodLabel,
    country: countryCell,
    region_code: nonEmptyText,
    region_name: nonEmptyText,
    share_of_country_pct: percentOrRange,
    share_of_network_pct: percentOrRange,
    basis: nonEmptyText,
    source_org: nonEmptyText,
    certainty: nonEmptyText,
    source_url: httpUrl,
    note: optionalText,
  })
  .superRefine((row, ctx) => {
    const region = regionByCode(row.region_code);
    if (region?.countryIso2 !== row.country) {
      ctx.addIssue({ code: "custom", path: ["region_code"], message: `${quoted(row.region_code)} is not an ISO 3166-2 region of ${row.country}` });
    }
    if (row.share_of_country_pct === null && row.share_of_network_pct === null) {
      ctx.addIssue({ code: "custom", path: ["share_of_country_pct"], message: "gives neither a share of the country nor of the network" });
    }
  });
