import { type CsvOptions, parseCsv } from "./csv";
import { type RowIssue, validateRecords } from "./issues";
import { parseDecimal, quoted } from "../validation/cells";
import { inRange, PRICE_CENTS_PER_KWH } from "../validation/limits";
import { PriceCsvRowSchema, type PowerPriceRecord, subdivisionFromName } from "../validation/prices";

/** Parse power prices in the column layout of the seed's electricity_prices.csv. */
export function parsePricesCsv(text: string, file: string, csv: CsvOptions = {}): { prices: PowerPriceRecord[]; issues: RowIssue[] } {
  const { records } = parseCsv(text, file, csv);
  const { rows, issues } = validateRecords(PriceCsvRowSchema, records, file);
  const prices = rows.map(({ value }) => ({
    countryIso2: value.country_iso2,
    subdivision: subdivisionFromName(value.country_name),
    usdPerKwh: value.usd_per_kwh,
    priceType: value.price_type,
    period: value.period,
    sourceName: value.source_name,
    sourceUrl: value.source_url,
    certainty: value.certainty,
    note: value.note,
  }));
  return { prices, issues };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The EIA Electricity Data Browser download: four preamble lines, then one row per series with a
 * column per month ("Jan 2001") in cents per kWh. Reads the series `sourceKey`.
 */
export function parseEiaMonthlyCsv(
  text: string,
  file: string,
  sourceKey: string,
  meta: { countryIso2: string; priceType: PowerPriceRecord["priceType"]; sourceName: string; sourceUrl: string },
): { prices: PowerPriceRecord[]; issues: RowIssue[] } {
  // The preamble has fewer columns than the table; the table's own rows are complete.
  const lines = text.split(/\r?\n/);
  const { header, records } = parseCsv(lines.slice(4).join("\n"), file);
  const issues: RowIssue[] = [];
  const row = records.find((r) => r.values["source key"] === sourceKey);
  if (!row) return { prices: [], issues: [{ file, line: 5, column: "source key", message: `no row for series ${sourceKey}` }] };
  const line = row.line + 4;
  const prices: PowerPriceRecord[] = [];
  for (const column of header) {
    const m = /^([A-Z][a-z]{2}) (\d{4})$/.exec(column);
    if (!m) continue;
    const month = MONTHS.indexOf(m[1] ?? "");
    if (month < 0) {
      issues.push({ file, line: 5, column, message: "is not a month column such as Jan 2001" });
      continue;
    }
    const cell = (row.values[column] ?? "").trim();
    if (cell === "" || cell === "--" || cell === "NA") continue; // not yet published
    const cents = parseDecimal(cell);
    if (cents === undefined || !inRange(cents, PRICE_CENTS_PER_KWH)) {
      issues.push({ file, line, column, message: `${quoted(cell)} is not a price in cents per kWh` });
      continue;
    }
    prices.push({
      countryIso2: meta.countryIso2,
      subdivision: null,
      usdPerKwh: Math.round(cents * 100) / 10000,
      priceType: meta.priceType,
      period: `${m[2]}-${String(month + 1).padStart(2, "0")}`,
      sourceName: meta.sourceName,
      sourceUrl: meta.sourceUrl,
      certainty: "high",
      note: `${cents} cents/kWh`,
    });
  }
  return { prices, issues };
}
