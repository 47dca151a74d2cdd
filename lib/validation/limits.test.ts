import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { expectOneIssue, issuesOf } from "../../tests/support/schema";
import { clipped, quoted } from "./cells";
import { DatasetMetaSchema } from "./datasets";
import {
  DIFFICULTY,
  EPOCH_DAYS,
  HASHRATE_EH,
  LATITUDE,
  LONGITUDE,
  MAX_NOTE_CHARS,
  MAX_QUOTED_CHARS,
  MAX_TEXT_CHARS,
  MAX_TITLE_CHARS,
  MAX_URL_CHARS,
  NETWORK_HASHRATE_EH,
  POWER_MW,
  PRICE_USD_PER_KWH,
  type Range,
  rangeProblem,
  RETARGET_CHANGE_PCT,
  SHARE_PERCENT,
} from "./limits";
import { NetworkMonthlyRowSchema, RetargetRowSchema } from "./network";
import { ShockObservationRowSchema } from "./observations";
import { PriceCsvRowSchema } from "./prices";
import { CbeciRowSchema, EstimateRowSchema } from "./shares";
import { SiteCsvRowSchema } from "./sites";

// The bounds of lib/validation/limits.ts, as the row schemas of the seed files, the imports and
// `npm run sync` apply them: every numeric column takes its range's ends and refuses what lies
// beyond, 1e308 included; every text cell refuses one character more than its limit.

const CBECI = { date: "2022-01-01", country: "United States", "monthly_hashrate_%": "37.84%", "monthly_absolute_hashrate_EH/S": "70.97" };
const ESTIMATE = {
  snapshot: "2025-05",
  source_org: "Lab",
  method: "pool data",
  country: "United States",
  share_pct: "40",
  abs_EH_s: "",
  certainty: "estimate",
  source_url: "https://example.org/e",
};
const SITE = {
  site: "Rockdale",
  operator: "Riot",
  country: "US",
  region_city: "TX",
  lat_approx: "30.6",
  lon_approx: "-97",
  capacity_MW: "700",
  hashrate_EH_s: "",
  energy_source: "grid",
  status_note: "operating",
  certainty: "high",
  source_url: "https://example.org/s",
};
const PRICE = {
  country_iso2: "US",
  country_name: "United States",
  usd_per_kwh: "0.08",
  price_type: "industrial",
  period: "2024",
  source_name: "EIA",
  source_url: "https://example.org/p",
  certainty: "high",
  note: "",
};
const MONTH = { period: "2021-05", hashrate_eh: "161.2", difficulty: "2.5e13", source: "headers", method: "work" };
const RETARGET = {
  height: "685440",
  date_utc: "2021-05-29 10:00:00",
  difficulty: "2.1e13",
  change_pct: "-15.97",
  epoch_hashrate_eh: "",
  epoch_days: "",
  date_source: "header",
};
const OBSERVATION = {
  event_id: "kz-2022-01",
  event: "Kazakhstan blackout",
  date_utc: "2022-01-05",
  jurisdiction: "KZ",
  metric: "network_hashrate",
  value: "205",
  unit: "EH/s",
  certainty: "reported",
  source_url: "https://example.org/kz",
  note: "",
};

type Row = Record<string, string>;
const NUMERIC: [string, z.ZodType, Row, string, Range][] = [
  ["CBECI", CbeciRowSchema, CBECI, "monthly_absolute_hashrate_EH/S", HASHRATE_EH],
  ["estimate", EstimateRowSchema, ESTIMATE, "share_pct", SHARE_PERCENT],
  ["estimate", EstimateRowSchema, ESTIMATE, "abs_EH_s", HASHRATE_EH],
  ["site", SiteCsvRowSchema, SITE, "capacity_MW", POWER_MW],
  ["site", SiteCsvRowSchema, SITE, "hashrate_EH_s", HASHRATE_EH],
  ["site", SiteCsvRowSchema, SITE, "lat_approx", LATITUDE],
  ["site", SiteCsvRowSchema, SITE, "lon_approx", LONGITUDE],
  ["price", PriceCsvRowSchema, PRICE, "usd_per_kwh", PRICE_USD_PER_KWH],
  ["network month", NetworkMonthlyRowSchema, MONTH, "hashrate_eh", NETWORK_HASHRATE_EH],
  ["network month", NetworkMonthlyRowSchema, MONTH, "difficulty", DIFFICULTY],
  ["retarget", RetargetRowSchema, RETARGET, "difficulty", DIFFICULTY],
  ["retarget", RetargetRowSchema, RETARGET, "change_pct", RETARGET_CHANGE_PCT],
];

describe("numeric columns", () => {
  it.each(NUMERIC)("%s %s takes its range's ends", (_file, schema, row, column, range) => {
    // A coordinate pairs with the other: the row keeps both given.
    for (const value of [range.aboveMin ? range.max / 2 : range.min, range.max]) expect(issuesOf(schema, { ...row, [column]: String(value) })).toEqual([]);
  });

  it.each(NUMERIC)("%s %s refuses what lies beyond them, 1e308 included", (_file, schema, row, column, range) => {
    const beyond = [range.max + Math.max(1, range.max) * 1e-6, range.aboveMin ? range.min : range.min - 1, 1e308];
    for (const value of beyond) expectOneIssue(schema, { ...row, [column]: String(value) }, column, rangeProblem(value, range) ?? "in range");
  });

  it("states the crossed bound, with its unit where it is not 0", () => {
    expect(rangeProblem(1e308, HASHRATE_EH)).toBe("must be ≤ 1000000 EH/s");
    expect(rangeProblem(-1, HASHRATE_EH)).toBe("must be ≥ 0");
    expect(rangeProblem(0, NETWORK_HASHRATE_EH)).toBe("must be > 0");
    expect(rangeProblem(401, EPOCH_DAYS)).toBe("must be ≤ 400 days");
    expect(rangeProblem(95, LATITUDE)).toBe("must be within -90…90");
    expect(rangeProblem(Number.NaN, HASHRATE_EH)).toBe("must be within 0…1000000 EH/s");
    expect(rangeProblem(Number.POSITIVE_INFINITY, POWER_MW)).toBe("must be ≤ 100000 MW");
    expect(rangeProblem(12, HASHRATE_EH)).toBeNull();
  });

  it("bounds the values of shock observations by their metric and unit", () => {
    expectOneIssue(ShockObservationRowSchema, { ...OBSERVATION, value: "1e308" }, "value", "1e+308 EH/s must be ≤ 1000000 EH/s for network_hashrate");
    expectOneIssue(
      ShockObservationRowSchema,
      { ...OBSERVATION, metric: "curtailed_power", unit: "MW", value: "2e5" },
      "value",
      "200000 MW must be ≤ 100000 MW for curtailed_power",
    );
    expectOneIssue(
      ShockObservationRowSchema,
      { ...OBSERVATION, metric: "network_hashrate_change", unit: "%", value: "-20..20000" },
      "value",
      "-20..20000 % must be ≤ 10000 % for network_hashrate_change",
    );
  });
});

const TEXT: [string, z.ZodType, Row, string, number][] = [
  ["CBECI", CbeciRowSchema, CBECI, "country", MAX_TEXT_CHARS],
  ["estimate", EstimateRowSchema, ESTIMATE, "method", MAX_TEXT_CHARS],
  ["estimate", EstimateRowSchema, ESTIMATE, "source_url", MAX_URL_CHARS],
  ["site", SiteCsvRowSchema, SITE, "site", MAX_TEXT_CHARS],
  ["site", SiteCsvRowSchema, SITE, "operator", MAX_TEXT_CHARS],
  ["site", SiteCsvRowSchema, SITE, "country", MAX_TEXT_CHARS],
  ["site", SiteCsvRowSchema, SITE, "region_city", MAX_TEXT_CHARS],
  ["site", SiteCsvRowSchema, SITE, "energy_source", MAX_TEXT_CHARS],
  ["site", SiteCsvRowSchema, SITE, "status_note", MAX_TEXT_CHARS],
  ["site", SiteCsvRowSchema, SITE, "capacity_MW", MAX_TEXT_CHARS],
  ["site", SiteCsvRowSchema, SITE, "source_url", MAX_URL_CHARS],
  ["price", PriceCsvRowSchema, PRICE, "country_name", MAX_TEXT_CHARS],
  ["price", PriceCsvRowSchema, PRICE, "note", MAX_TEXT_CHARS],
  ["price", PriceCsvRowSchema, PRICE, "source_name", MAX_TEXT_CHARS],
  ["network month", NetworkMonthlyRowSchema, MONTH, "method", MAX_TEXT_CHARS],
  ["observation", ShockObservationRowSchema, OBSERVATION, "note", MAX_TEXT_CHARS],
];

describe("text cells", () => {
  it.each(TEXT)("%s %s refuses one character more than its limit, saying only that", (_file, schema, row, column, max) => {
    // A URL stays a URL, so that only its length is wrong.
    const cell = (n: number) => (column.endsWith("url") ? `https://example.org/${"a".repeat(n - 20)}` : "operating ".repeat(n / 10 + 1).slice(0, n));
    for (const length of [max + 1, 1_000_000]) {
      expect(issuesOf(schema, { ...row, [column]: cell(length) })).toEqual([[column, `is ${length} characters long; a cell holds at most ${max}`]]);
    }
  });

  it("bounds a dataset's title, publisher, method and caveats", () => {
    const meta = { slug: "x-1", kind: "shares", title: "T", publisher: "P", url: "https://example.org", licence: "L", retrievedAt: "2024-01-01" };
    expect(issuesOf(DatasetMetaSchema, meta)).toEqual([]);
    for (const [field, max] of [
      ["title", MAX_TITLE_CHARS],
      ["publisher", MAX_TITLE_CHARS],
      ["method", MAX_NOTE_CHARS],
      ["caveats", MAX_NOTE_CHARS],
    ] as const) {
      expect(issuesOf(DatasetMetaSchema, { ...meta, [field]: "x".repeat(max) })).toEqual([]);
      expect(issuesOf(DatasetMetaSchema, { ...meta, [field]: "x".repeat(max + 1) })).toHaveLength(1);
    }
  });
});

describe("quoted", () => {
  it("quotes a short cell whole and a long one by its start and length", () => {
    expect(quoted("Atlantis")).toBe('"Atlantis"');
    expect(quoted("x".repeat(MAX_QUOTED_CHARS))).toBe(`"${"x".repeat(MAX_QUOTED_CHARS)}"`);
    expect(quoted("x".repeat(5_000_000))).toBe(`"${"x".repeat(MAX_QUOTED_CHARS)}…" (5000000 characters)`);
    expect(clipped(`{"a":"${"y".repeat(200)}"}`)).toBe(`{"a":"${"y".repeat(MAX_QUOTED_CHARS - 6)}… (208 characters)`);
  });

  it("never shows more than the limit of any text, nor half a character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const q = quoted(text);
        expect(q.length).toBeLessThanOrEqual(MAX_QUOTED_CHARS + 30);
        expect(q.startsWith(`"${text.slice(0, Math.min(text.length, MAX_QUOTED_CHARS - 1))}`)).toBe(true);
        // No lone high surrogate before the ellipsis.
        expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(q)).toBe(false);
      }),
    );
  });
});
