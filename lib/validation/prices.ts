import { z } from "zod";
import { countryByIso2 } from "../geo/countries";
import { boundedDecimalCell, cellText, httpUrl, nonEmptyText, optionalText } from "./cells";
import { PRICE_USD_PER_KWH } from "./limits";
import { certainties } from "./sites";
import { type PriceType, priceTypes } from "./vocabulary";

/** Prices are dated by year, half-year (Eurostat's 2024-S2) or month; years as in periodSchema (no leading zero). */
export const pricePeriodSchema = cellText().regex(/^[1-9]\d{3}(-(0[1-9]|1[0-2])|-S[12])?$/, "must be YYYY, YYYY-MM or YYYY-S1/S2");

/** One row of the curated electricity_prices.csv. */
export const PriceCsvRowSchema = z.object({
  country_iso2: cellText()
    .trim()
    .refine((c) => countryByIso2(c) !== undefined && /^[A-Z]{2}$/.test(c), "is not an ISO 3166-1 alpha-2 code"),
  country_name: nonEmptyText,
  usd_per_kwh: boundedDecimalCell(PRICE_USD_PER_KWH),
  price_type: z.enum(priceTypes),
  period: pricePeriodSchema,
  source_name: nonEmptyText,
  source_url: httpUrl,
  certainty: z.enum(certainties),
  note: optionalText,
});

export type PowerPriceRecord = {
  countryIso2: string;
  subdivision: string | null;
  usdPerKwh: number;
  priceType: PriceType;
  period: string;
  sourceName: string;
  sourceUrl: string;
  certainty: string;
  note: string | null;
};

/** "Canada (Quebec)" → "Quebec"; a qualifier that only restates the country ("China (Mainland)") is none. */
export function subdivisionFromName(name: string): string | null {
  const inner = /\(([^)]+)\)\s*$/.exec(name)?.[1]?.trim();
  if (!inner || /^mainland$/i.test(inner)) return null;
  return inner;
}
