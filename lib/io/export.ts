import { stringify } from "csv-stringify/sync";
import type { z } from "zod";
import type { Distribution } from "../metrics/distribution";
import type { MetricsReport, SeriesRow, ShockRow } from "../metrics/report";
import type { ExportColumn, ExportDataset, ExportFormat, ExportMetadata, ExportWhat } from "../validation/export";
import type { PowerPriceSchema, SimulateResponse, SiteSchema } from "../validation/responses";
import { scenarioDate } from "../scenario/scenario";

// Export writers (docs/methodology.md#exports): the columns of every export with
// their definitions, rows built from already-loaded data, the CSV writer and the file names. Pure: no
// IO. lib/api/export.ts gathers the data; the route and `npm run export` share both.

export type Column = z.infer<typeof ExportColumn>;
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;
export type Metadata = z.infer<typeof ExportMetadata>;
export type DatasetInfo = z.infer<typeof ExportDataset>;

// ---------------------------------------------------------------------------------------------
// Column definitions. Metric definitions are docs/methodology.md's, word for word where it has one.

const FRACTION = "fraction (0–1)";
const HHI_UNIT = "index (0–10 000)";
const CHANGE = "fraction (−0.75 … +3)";

const col = (name: string, type: Column["type"], unit: string | null, description: string): Column => ({ name, type, unit, description });

const C = {
  period: col("period", "text", null, "Month (YYYY-MM) of the shares dataset"),
  networkHashrate: col(
    "network_hashrate_eh",
    "number",
    "EH/s",
    "Network hashrate of the period: the dataset's own absolute total where it has one (CBECI), otherwise the NetworkStat of that month (network-monthly)",
  ),
  unattributed: col(
    "unattributed_share",
    "number",
    FRACTION,
    'u: the share the source does not attribute to a country (CBECI\'s "Other"); it cannot be shut down',
  ),
  hhi: col(
    "hhi",
    "number",
    HHI_UNIT,
    "hhi = 10 000 · Σ_c s_c² over attributed countries (the unattributed mass counts as fully dispersed); shares s_c are fractions of the total including the unattributed bucket u",
  ),
  hhiUpper: col("hhi_upper", "number", HHI_UNIT, "hhiUpper = hhi + 10 000 · u² (as if the unattributed mass were one jurisdiction)"),
  effective: col("effective_jurisdictions", "number", "jurisdictions", "effectiveJurisdictions = 10 000 / hhi; empty when nothing is attributed"),
  concentration: col(
    "concentration",
    "text",
    null,
    'low if hhi < 1000, moderate if 1000 ≤ hhi ≤ 1800, high if hhi > 1800 (1800 is the "highly concentrated" line of the 2023 US Merger Guidelines)',
  ),
  nakamoto: col(
    "nakamoto",
    "integer",
    "countries",
    "nakamoto = the smallest k such that the k largest attributed shares sum to more than 0.5; empty (null) if attributed shares never exceed 0.5",
  ),
  top1: col("top1", "number", FRACTION, "top1: concentration ratio, the largest attributed share"),
  top3: col("top3", "number", FRACTION, "top3: concentration ratio, the sum of the three largest attributed shares"),
  entropy: col("entropy_bits", "number", "bits", "entropyBits = −Σ s_c log2 s_c over attributed countries"),
  topCountry: col("top_country", "text", null, "ISO 3166-1 alpha-2 code of the country with the largest share; empty when nothing is attributed"),
  efficiency: col(
    "efficiency_j_per_th",
    "number",
    "J/TH",
    "ε, the fleet efficiency the energy figures assume (the efficiency parameter; default 28.2, the 2024 Cambridge survey fleet average)",
  ),
  subsidy: col(
    "block_subsidy_btc",
    "number",
    "BTC/block",
    "Block subsidy of the period, the day-weighted mean over the month (12.5 BTC before 2020-05-11, 6.25 to 2024-04-19, then 3.125)",
  ),
  kwhPerBtc: col(
    "kwh_per_btc",
    "number",
    "kWh/BTC",
    "kWh per BTC = H_TH · ε · 600 / 3.6e6 / (subsidy + fees per block), with H_TH the network hashrate in TH/s and ε the fleet efficiency; fees are not counted (0)",
  ),
  iso2: col("iso2", "text", null, "ISO 3166-1 alpha-2 country code"),
  countryName: col("name", "text", null, "Country name"),
} as const;

export const COLUMNS: Record<ExportWhat, readonly Column[]> = {
  metrics: [
    C.period,
    C.networkHashrate,
    C.unattributed,
    C.hhi,
    C.hhiUpper,
    C.effective,
    C.concentration,
    C.nakamoto,
    C.top1,
    C.top3,
    C.entropy,
    C.topCountry,
    C.efficiency,
    C.subsidy,
    C.kwhPerBtc,
  ],
  series: [C.period, C.hhi, C.hhiUpper, C.concentration, C.nakamoto, C.effective, C.top1, C.topCountry, C.unattributed, C.networkHashrate],
  shocks: [
    C.period,
    col("kind", "text", null, "country or bloc: what is shut down, in full and alone"),
    col("id", "text", null, "ISO alpha-2 code of the country, or the bloc id"),
    col("name", "text", null, "Country or bloc name"),
    col("members", "text", null, "The countries shut down (a bloc expands to its members), space-separated ISO alpha-2 codes"),
    col("lost_share", "number", FRACTION, "lostShare L = Σ_{c∈S} f_c · s_c with f_c = 1 (full shutdown); the unattributed bucket cannot be shut down"),
    col("hashrate_lost_eh", "number", "EH/s", "hashrateLostEh = L · network hashrate of the period"),
    col("hhi_after", "number", HHI_UNIT, "hhi of the survivors, whose shares renormalise: s'_c = s_c · (1 − f_c) / (1 − L); empty if the chain halts"),
    col("nakamoto_after", "integer", "countries", "nakamoto of the survivors; empty if never more than half, or if the chain halts"),
    col(
      "block_interval_minutes",
      "number",
      "minutes",
      "Until the next retarget blocks come every blockIntervalMinutes = 10 / (1 − L); empty if the chain halts",
    ),
    col(
      "days_to_retarget",
      "number",
      "days",
      "daysToRetarget = (2016 − b) · 10/(1 − L) / 1440, with b = blocks_into_epoch already mined at 10 min when the shock hits; empty if the chain halts",
    ),
    col(
      "difficulty_change",
      "number",
      CHANGE,
      "difficultyChange = factor − 1 at the next retarget, factor = clamp(2016·10 / A, 1/4, 4), A = b·10 + (2016 − b)·10/(1 − L) minutes (Bitcoin Core measures 2015 intervals; this off-by-one is ignored); empty if the chain halts",
    ),
    col("majority_country", "text", null, "majority: the surviving country whose s'_c > 0.5, if any"),
    col("majority_share", "number", FRACTION, "That country's share s'_c after the shutdown"),
    col("halted", "boolean", null, "true when L = 1: no blocks at all (the chain halts)"),
  ],
  distribution: [
    C.period,
    col("rank", "integer", null, "Position by share within the period (1 = largest; ties by ISO code), as in the dashboard's country table"),
    C.iso2,
    C.countryName,
    col("share", "number", FRACTION, "The country's share as the source gives it (/api/distribution)"),
    col(
      "share_normalised",
      "number",
      FRACTION,
      "s_c: the share normalised so that all shares and the unattributed one sum to 1, the s_c every metric is computed from (/api/metrics)",
    ),
    col(
      "hashrate_eh",
      "number",
      "EH/s",
      "The country's hashrate: the dataset's own absolute figure where it has one, else share × the period's network hashrate (rounded to 1e-6 EH/s)",
    ),
    col(
      "usd_per_kwh",
      "number",
      "USD/kWh",
      "The country's most comparable power price: a whole-country row if there is one, of the first type available in industrial > business > miner_tariff > wholesale > household, the latest dated at or before the period (else the earliest after)",
    ),
    col("price_type", "text", null, "Type of that price: industrial, business, miner_tariff, wholesale or household"),
    col("price_period", "text", null, "Period the price is for (YYYY, YYYY-MM or YYYY-S1/S2)"),
    col("price_subdivision", "text", null, "Subdivision the price is for (e.g. Quebec) when the country has no whole-country price"),
    col("price_dataset", "text", null, "Dataset the price comes from (see the metadata's datasets)"),
    col("price_source_url", "text", null, "Source of the price row"),
    col(
      "energy_cost_per_btc_usd",
      "number",
      "USD/BTC",
      "Electricity cost of one BTC in the country = kWh per BTC · usd_per_kwh, kWh per BTC = H_TH · ε · 600 / 3.6e6 / (subsidy + fees per block) at the efficiency parameter ε (fees not counted)",
    ),
  ],
  sites: [
    col("id", "integer", null, "HashAtlas site id"),
    col("name", "text", null, "Site name"),
    col("operator", "text", null, "Operator"),
    col("country_iso2", "text", null, "ISO 3166-1 alpha-2 country code"),
    col("country_name", "text", null, "Country name"),
    col("locality", "text", null, "Town, county or region"),
    col("lat", "number", "degrees", "Latitude, approximate (town or county centroid); empty when undisclosed"),
    col("lon", "number", "degrees", "Longitude, approximate; empty when undisclosed"),
    col("capacity_mw", "number", "MW", "Power capacity"),
    col("hashrate_eh", "number", "EH/s", "Hashrate, where disclosed"),
    col("energy_source", "text", null, "Energy source"),
    col("status", "text", null, "operating, planned, curtailed, closed or converted"),
    col("status_note", "text", null, "Note on the status"),
    col("as_of", "text", null, "Date the figures are as of"),
    col("certainty", "text", null, "How certain the row is"),
    col("source_url", "text", null, "Source of the row"),
    col("dataset", "text", null, "Dataset the row belongs to (see the metadata's datasets)"),
  ],
  prices: [
    col("id", "integer", null, "HashAtlas price id"),
    col("country_iso2", "text", null, "ISO 3166-1 alpha-2 country code"),
    col("country_name", "text", null, "Country name"),
    col("subdivision", "text", null, "Subdivision (e.g. Quebec); empty for a whole-country price"),
    col("usd_per_kwh", "number", "USD/kWh", "Electricity price"),
    col("price_type", "text", null, "industrial, business, miner_tariff, household or wholesale"),
    col("period", "text", null, "Period the price is for (YYYY, YYYY-MM or YYYY-S1/S2)"),
    col("source_name", "text", null, "Name of the source"),
    col("source_url", "text", null, "Source of the row"),
    col("certainty", "text", null, "How certain the row is"),
    col("note", "text", null, "Note (e.g. the exchange rate used)"),
    col("dataset", "text", null, "Dataset the row belongs to (see the metadata's datasets)"),
  ],
  scenario: [
    col(
      "day",
      "number",
      "days",
      "Days since the shutdown: a whole number on daily rows (the state at the start of that day), the moment of the retarget on retarget rows",
    ),
    col("date", "text", null, "Calendar date of the day, counting day 0 as the first day of the period (YYYY-MM-DD)"),
    col("event", "text", null, "day: the network at the start of that day; retarget: a difficulty retarget during the previous day row"),
    col("hashrate_eh", "number", "EH/s", "Network hashrate during the day (survivors plus migrated hashrate)"),
    col(
      "block_interval_minutes",
      "number",
      "minutes",
      "Expected block interval at the start of the day = 10 · difficulty / (hashrate / hashrate before); empty while no hash power is left",
    ),
    col(
      "difficulty_relative",
      "number",
      "× difficulty before the shutdown",
      "Difficulty relative to the difficulty before the shutdown (= 1); on retarget rows, right after the retarget",
    ),
    col("blocks_mined", "number", "blocks", "Expected blocks mined during the day"),
    col("blocks_from_start", "integer", "blocks", "Retarget rows: blocks mined since the shutdown when the retarget happened"),
    col("difficulty_change", "number", CHANGE, "Retarget rows: factor − 1, factor = clamp(2016·10 / A, 1/4, 4) with A the minutes the epoch took"),
  ],
};

// ---------------------------------------------------------------------------------------------
// Rows, from the same values the API answers with.

export function metricsRows(reports: readonly MetricsReport[]): Row[] {
  return reports.map((m) => ({
    period: m.period,
    network_hashrate_eh: m.networkHashrateEh,
    unattributed_share: m.unattributedShare,
    hhi: m.hhi,
    hhi_upper: m.hhiUpper,
    effective_jurisdictions: m.effectiveJurisdictions,
    concentration: m.concentration,
    nakamoto: m.nakamoto,
    top1: m.top1,
    top3: m.top3,
    entropy_bits: m.entropyBits,
    top_country: m.topCountry,
    efficiency_j_per_th: m.efficiencyJPerTh,
    block_subsidy_btc: m.blockSubsidyBtc,
    kwh_per_btc: m.kwhPerBtc,
  }));
}

export function seriesRows(rows: readonly SeriesRow[]): Row[] {
  return rows.map((r) => ({
    period: r.period,
    hhi: r.hhi,
    hhi_upper: r.hhiUpper,
    concentration: r.concentration,
    nakamoto: r.nakamoto,
    effective_jurisdictions: r.effectiveJurisdictions,
    top1: r.top1,
    top_country: r.topCountry,
    unattributed_share: r.unattributedShare,
    network_hashrate_eh: r.networkHashrateEh,
  }));
}

export function shockRows(tables: readonly { period: string; rows: readonly ShockRow[] }[]): Row[] {
  return tables.flatMap(({ period, rows }) =>
    rows.map((r) => ({
      period,
      kind: r.kind,
      id: r.id,
      name: r.name,
      members: r.members.join(" "),
      lost_share: r.lostShare,
      hashrate_lost_eh: r.hashrateLostEh,
      hhi_after: r.hhiAfter,
      nakamoto_after: r.nakamotoAfter,
      block_interval_minutes: r.blockIntervalMinutes,
      days_to_retarget: r.daysToRetarget,
      difficulty_change: r.difficultyChange,
      majority_country: r.majority?.country ?? null,
      majority_share: r.majority?.share ?? null,
      halted: r.halted,
    })),
  );
}

/** One row per country of each period: the distribution's share and EH/s, the metrics' normalised share, price and cost. */
export function distributionRows(periods: readonly { distribution: Distribution; report: MetricsReport }[]): Row[] {
  return periods.flatMap(({ distribution, report }) => {
    const byIso = new Map(report.countries.map((c) => [c.iso2, c]));
    return distribution.countries.map((c, index) => {
      const m = byIso.get(c.iso2);
      const price = m?.powerPrice ?? null;
      return {
        period: distribution.period,
        rank: index + 1,
        iso2: c.iso2,
        name: c.name,
        share: c.share,
        share_normalised: m?.share ?? null,
        hashrate_eh: c.hashrateEh,
        usd_per_kwh: price?.usdPerKwh ?? null,
        price_type: price?.priceType ?? null,
        price_period: price?.period ?? null,
        price_subdivision: price?.subdivision ?? null,
        price_dataset: price?.dataset ?? null,
        price_source_url: price?.sourceUrl ?? null,
        energy_cost_per_btc_usd: m?.energyCostPerBtcUsd ?? null,
      };
    });
  });
}

export function siteRows(sites: readonly z.infer<typeof SiteSchema>[]): Row[] {
  return sites.map((s) => ({
    id: s.id,
    name: s.name,
    operator: s.operator,
    country_iso2: s.countryIso2,
    country_name: s.countryName,
    locality: s.locality,
    lat: s.lat,
    lon: s.lon,
    capacity_mw: s.capacityMw,
    hashrate_eh: s.hashrateEh,
    energy_source: s.energySource,
    status: s.status,
    status_note: s.statusNote,
    as_of: s.asOf,
    certainty: s.certainty,
    source_url: s.sourceUrl,
    dataset: s.dataset,
  }));
}

export function priceRows(prices: readonly z.infer<typeof PowerPriceSchema>[]): Row[] {
  return prices.map((p) => ({
    id: p.id,
    country_iso2: p.countryIso2,
    country_name: p.countryName,
    subdivision: p.subdivision,
    usd_per_kwh: p.usdPerKwh,
    price_type: p.priceType,
    period: p.period,
    source_name: p.sourceName,
    source_url: p.sourceUrl,
    certainty: p.certainty,
    note: p.note,
    dataset: p.dataset,
  }));
}

type ScenarioResult = Pick<z.infer<typeof SimulateResponse>, "period" | "timeline" | "retargets">;

/**
 * The simulation's daily timeline with its retargets interleaved in time order. Several retargets
 * can fall within one day (after steep falls in difficulty), so each gets its own row. A retarget at
 * exactly day d happened during day d − 1 and comes before day d's row.
 */
export function scenarioRows(result: ScenarioResult): Row[] {
  let difficulty = 1;
  const retargets = result.retargets.map((t) => {
    difficulty *= 1 + t.difficultyChange;
    return { ...t, difficultyAfter: difficulty };
  });
  const rows: Row[] = [];
  let next = 0;
  const pushRetargetsUpTo = (day: number) => {
    for (let t = retargets[next]; t !== undefined && t.day <= day; t = retargets[++next]) {
      rows.push({
        day: t.day,
        date: scenarioDate(result.period, Math.floor(t.day)),
        event: "retarget",
        hashrate_eh: null,
        block_interval_minutes: null,
        difficulty_relative: t.difficultyAfter,
        blocks_mined: null,
        blocks_from_start: t.blocksFromStart,
        difficulty_change: t.difficultyChange,
      });
    }
  };
  for (const d of result.timeline) {
    pushRetargetsUpTo(d.day);
    rows.push({
      day: d.day,
      date: scenarioDate(result.period, d.day),
      event: "day",
      hashrate_eh: d.hashrateEh,
      block_interval_minutes: d.blockIntervalMinutes,
      difficulty_relative: d.difficulty,
      blocks_mined: d.blocksMined,
      blocks_from_start: null,
      difficulty_change: null,
    });
  }
  pushRetargetsUpTo(Number.POSITIVE_INFINITY);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Cells and CSV.

/**
 * A finite number in full precision — the shortest decimal that reads back as the same double, as
 * JavaScript prints it — but never in exponent notation (1e-7 → 0.0000001), so that every
 * spreadsheet and CSV reader takes it as a plain number. −0 is written 0.
 */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (value === 0) return "0";
  const text = String(value);
  const e = text.indexOf("e");
  if (e < 0) return text;
  const sign = text.startsWith("-") ? "-" : "";
  const mantissa = text.slice(sign.length, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf(".");
  const digits = mantissa.replace(".", "");
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection", ASVS 1.2.10),
 * plus their fullwidth forms, which Apple Numbers normalises to them (as csv-stringify's own
 * `escape_formulas` does; that option cannot be used here because every cell reaches the writer as text).
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe; other text is unchanged. */
export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The CSV text of one cell. The column's declared type decides, never the look of the value: a
 * number column writes plain numbers (a negative number stays a number), a text column's value is
 * always treated as text and made formula-safe; null (or a non-finite number) is an empty cell.
 */
export function csvCell(value: Cell, column: Pick<Column, "name" | "type">): string {
  if (value === null) return "";
  switch (column.type) {
    case "number":
    case "integer":
      if (typeof value !== "number") throw new TypeError(`column ${column.name} holds numbers, got ${typeof value}`);
      return Number.isFinite(value) ? plainNumber(value) : "";
    case "boolean":
      if (typeof value !== "boolean") throw new TypeError(`column ${column.name} holds booleans, got ${typeof value}`);
      return value ? "true" : "false";
    case "text":
      return safeText(String(value));
  }
}

/**
 * RFC 4180 CSV: a header row of column names, CRLF line endings (also after the last record),
 * fields quoted only where needed (a comma, a double quote — doubled —, a CR or an LF), UTF-8
 * without a byte-order mark.
 */
export function toCsv(columns: readonly Pick<Column, "name" | "type">[], rows: readonly Row[]): string {
  const records = [columns.map((c) => safeText(c.name)), ...rows.map((row) => columns.map((c) => csvCell(row[c.name] ?? null, c)))];
  // csv-stringify quotes a field that holds the record delimiter (CRLF) but not a lone CR or LF,
  // which most readers still take for a line end: quote those too.
  return stringify(records, { record_delimiter: "windows", eof: true, quoted_match: /[\r\n]/ });
}

/** JSON rows: the same cells, numbers as numbers, text as given (no apostrophe: JSON is not opened by spreadsheets). */
export function jsonRows(columns: readonly Column[], rows: readonly Row[]): Row[] {
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c.name, jsonCell(row[c.name] ?? null)])));
}

function jsonCell(value: Cell): Cell {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}

// ---------------------------------------------------------------------------------------------
// File names, metadata, citation.

/** Letters, digits, dot, dash and underscore only; runs of anything else become one dash. */
export function safeFilePart(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 80);
}

/** hashatlas-<what>-<dataset>-<period>[-<extra>] → { data: "….csv", metadata: "…-metadata.json" } */
export function exportFilenames(parts: { what: ExportWhat; dataset: string; period: string | null; extra?: string | null }, format: ExportFormat) {
  const base = ["hashatlas", parts.what, parts.dataset, parts.period, parts.extra]
    .filter((p): p is string => typeof p === "string" && p !== "")
    .map(safeFilePart)
    .filter(Boolean)
    .join("-");
  return { data: `${base}.${format}`, metadata: `${base}-metadata.json` };
}

/** The headers of a download: its type, and the file name a browser saves it under. */
export function downloadHeaders(file: { filename: string; contentType: string }): Record<string, string> {
  return {
    "content-type": file.contentType,
    "content-disposition": `attachment; filename="${safeFilePart(file.filename)}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
}

export const CONTENT_TYPES: Record<ExportFormat | "metadata", string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  metadata: "application/json; charset=utf-8",
};

/** "HashAtlas 0.1.0, series export (2026-11-30), from <titles>; cite the original sources listed." */
export function citation(version: string, what: ExportWhat, generatedAt: Date, datasets: readonly { title: string }[]): string {
  const titles = datasets.map((d) => d.title).join("; ") || "no dataset";
  return `HashAtlas ${version}, ${what} export (${generatedAt.toISOString().slice(0, 10)}), from ${titles}; cite the original sources listed.`;
}

const COMMON_NOTES = [
  "Shares are fractions 0–1; HHI is on 0–10 000.",
  "CSV: RFC 4180, UTF-8 without byte-order mark, CRLF line ends, header row = column names. Numbers are plain decimals in full precision (the shortest decimal that reads back as the same binary double; no exponent, no thousands separators); an empty cell is a missing value (null).",
  "CSV: a text cell that starts with =, +, -, @, a tab or a carriage return (or a fullwidth ＝, ＋, －, ＠) gets a leading apostrophe (') so that spreadsheets do not run it as a formula; JSON rows carry the text unchanged.",
];

export const NOTES: Record<ExportWhat, readonly string[]> = {
  metrics: ["One row per period: the concentration metrics of /api/metrics (basis=estimate) for each month."],
  series: ["The rows of /api/metrics/series: one per period of the dataset."],
  shocks: [
    "The rows of /api/shocks for each period: every country with a non-zero share and every bloc, shut down in full and alone, biggest loss first. A bloc expands to its members.",
  ],
  distribution: [
    "One row per country with a share in each period; the unattributed share of a period is in what=metrics (unattributed_share).",
    "share is as the source gives it; share_normalised is the share of the total including the unattributed bucket, renormalised to sum to 1 (CBECI's months sum to 99.99 % or so), which the metrics use.",
  ],
  sites: ["Every mining site (the rows of /api/sites); locations are approximate."],
  prices: ["Every power price (the rows of /api/power-prices), in USD/kWh; compare like with like by price type."],
  scenario: [
    "Shutdown model (HashAtlas methodology, docs/methodology.md#shock-model): the set S goes dark on day 0 and removes L = Σ_{c∈S} f_c · s_c at once; survivors renormalise. Retargets every 2016 blocks, factor clamped to 1/4 … 4. Optional migration: a fraction of the lost hashrate returns over the given days (linear) after the delay, spread over survivors in proportion to their share (proportional) or to share ÷ power price (cheap-power).",
    "The metadata's scenario object holds the simulation's summary (before / after / at the horizon, first retarget, recovery day).",
  ],
};

export function buildMetadata(input: {
  what: ExportWhat;
  version: string;
  generatedAt: Date;
  query: Metadata["query"];
  files: { data: string; metadata: string };
  columns: readonly Column[];
  rowCount: number;
  datasets: readonly DatasetInfo[];
  scenario?: Record<string, unknown>;
}): Metadata {
  return {
    title: `HashAtlas export: ${input.what}`,
    what: input.what,
    app: { name: "hashatlas", version: input.version },
    generatedAt: input.generatedAt.toISOString(),
    query: input.query,
    files: input.files,
    rowCount: input.rowCount,
    columns: [...input.columns],
    datasets: [...input.datasets],
    notes: [...NOTES[input.what], ...COMMON_NOTES],
    citation: citation(input.version, input.what, input.generatedAt, input.datasets),
    ...(input.scenario ? { scenario: input.scenario } : {}),
  };
}
