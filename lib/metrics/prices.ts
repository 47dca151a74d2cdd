// Choosing one comparable power price per country. Pure.

export type PriceRow = {
  countryIso2: string;
  subdivision: string | null;
  usdPerKwh: number;
  priceType: string;
  period: string;
  sourceUrl: string;
  dataset: string;
};

/** Most comparable first: what large consumers pay, then miners' own tariffs, household prices last. */
export const PRICE_TYPE_PREFERENCE = ["industrial", "business", "miner_tariff", "wholesale", "household"] as const;

/** First month a price period covers: "2024" → 2024-01, "2024-S2" → 2024-07, "2024-05" → 2024-05. */
export function priceStartMonth(period: string): string {
  if (/^\d{4}$/.test(period)) return `${period}-01`;
  const half = /^(\d{4})-S([12])$/.exec(period);
  if (half) return `${half[1]}-${half[2] === "1" ? "01" : "07"}`;
  return period.slice(0, 7);
}

/**
 * The price to use for a country in a month: a whole-country row if there is one, of the most
 * comparable type available, dated at or before the month (the latest such), else the earliest after.
 * Ties on the start month go to the lower price.
 */
export function choosePrice(rows: readonly PriceRow[], period: string): PriceRow | null {
  const national = rows.filter((r) => r.subdivision === null);
  const pool = national.length > 0 ? national : rows;
  for (const type of PRICE_TYPE_PREFERENCE) {
    let latestBefore: { row: PriceRow; start: string } | null = null;
    let earliest: { row: PriceRow; start: string } | null = null;
    for (const row of pool) {
      if (row.priceType !== type) continue;
      const start = priceStartMonth(row.period);
      // "YYYY-MM" strings order as dates; a later start, or the same start at a lower price, wins.
      if (start <= period && (!latestBefore || start > latestBefore.start || (start === latestBefore.start && row.usdPerKwh < latestBefore.row.usdPerKwh))) {
        latestBefore = { row, start };
      }
      if (!earliest || start < earliest.start || (start === earliest.start && row.usdPerKwh < earliest.row.usdPerKwh)) earliest = { row, start };
    }
    if (earliest) return (latestBefore ?? earliest).row;
  }
  return null;
}

/** One comparable price per country for the month (see lib/metrics/prices.ts). */
export function chosenPrices(prices: readonly PriceRow[], period: string): Map<string, PriceRow> {
  const byCountry = new Map<string, PriceRow[]>();
  for (const p of prices) {
    const rows = byCountry.get(p.countryIso2);
    if (rows) rows.push(p);
    else byCountry.set(p.countryIso2, [p]);
  }
  const chosen = new Map<string, PriceRow>();
  for (const [iso2, rows] of byCountry) {
    const price = choosePrice(rows, period);
    if (price) chosen.set(iso2, price);
  }
  return chosen;
}
