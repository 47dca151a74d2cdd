import { describe, expect, it } from "vitest";
import { expectOneIssue, parsed } from "../../tests/support/schema";
import { PriceCsvRowSchema, pricePeriodSchema, subdivisionFromName } from "./prices";
import { priceTypes } from "./vocabulary";

describe("pricePeriodSchema", () => {
  it.each(["2024", "2024-05", "2024-12", "2024-S1", "2024-S2"])("accepts %s", (period) => {
    expect(parsed(pricePeriodSchema, period)).toBe(period);
  });

  // Years follow the month grammar: four digits, no leading zero (0000 used to pass here).
  it.each(["0000", "0999-S1", "2024-S3", "2024-H1", "2024-13", "2024-00", "24", "2024-1", "2024-05-01", " 2024"])("refuses %j", (period) => {
    expectOneIssue(pricePeriodSchema, period, "", "must be YYYY, YYYY-MM or YYYY-S1/S2");
  });
});

describe("subdivisionFromName", () => {
  it.each([
    ["Canada (Quebec)", "Quebec"],
    ["Canada ( Quebec ) ", "Quebec"],
    ["China (Mainland)", null],
    ["China (mainland)", null],
    ["United States", null],
    ["Norway ()", null],
  ])("%j → %j", (name, subdivision) => {
    expect(subdivisionFromName(name)).toBe(subdivision);
  });
});

const PRICE = {
  country_iso2: "US",
  country_name: "United States",
  usd_per_kwh: "0.0829",
  price_type: "industrial",
  period: "2024-S2",
  source_name: "EIA",
  source_url: "https://example.org/eia",
  certainty: "high",
  note: "",
};

describe("PriceCsvRowSchema", () => {
  it("reads a row of electricity_prices.csv", () => {
    expect(parsed(PriceCsvRowSchema, PRICE)).toEqual({ ...PRICE, usd_per_kwh: 0.0829, note: null });
  });

  it.each<[string, unknown, unknown]>([
    ["country_iso2", " CA ", "CA"],
    ["country_iso2", "XK", "XK"],
    ["usd_per_kwh", "4.99", 4.99],
    ["usd_per_kwh", "0.001", 0.001],
    ["note", " 1.083 USD/EUR ", "1.083 USD/EUR"],
    ...priceTypes.map((type): [string, unknown, unknown] => ["price_type", type, type]),
  ])("reads %s = %j as %j", (column, value, expected) => {
    expect(parsed(PriceCsvRowSchema, { ...PRICE, [column]: value })).toHaveProperty([column], expected);
  });

  it.each([
    ["country_iso2", "us", "is not an ISO 3166-1 alpha-2 code"],
    ["country_iso2", "XX", "is not an ISO 3166-1 alpha-2 code"],
    ["country_iso2", "USA", "is not an ISO 3166-1 alpha-2 code"],
    ["country_iso2", "", "is not an ISO 3166-1 alpha-2 code"],
    ["country_name", "", "is empty"],
    ["usd_per_kwh", "0", "must be above 0 and at most 10 USD/kWh"],
    ["usd_per_kwh", "10.01", "must be above 0 and at most 10 USD/kWh"],
    ["usd_per_kwh", "-0.1", "must be above 0 and at most 10 USD/kWh"],
    ["usd_per_kwh", "1e308", "must be above 0 and at most 10 USD/kWh"],
    ["usd_per_kwh", "", "is empty; a number is required"],
    ["usd_per_kwh", "0,08", '"0,08" uses a decimal comma; write it with a dot (0.08)'],
    ["price_type", "retail", /expected one of "industrial"\|"business"\|"miner_tariff"\|"household"\|"wholesale"/],
    ["period", "2024-H2", "must be YYYY, YYYY-MM or YYYY-S1/S2"],
    ["source_name", " ", "is empty"],
    ["source_url", "eia.gov", "is not an http(s) URL"],
    ["certainty", "certain", /expected one of "high"\|"medium"\|"low"/],
  ])("refuses %s = %j", (column, value, message) => {
    expectOneIssue(PriceCsvRowSchema, { ...PRICE, [column]: value }, column, message);
  });
});
