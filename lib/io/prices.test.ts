import { describe, expect, it } from "vitest";
import { parseEiaMonthlyCsv, parsePricesCsv } from "./prices";

const HEADER = "country_iso2,country_name,usd_per_kwh,price_type,period,source_name,source_url,certainty,note";
const prices = (...rows: string[]) => [HEADER, ...rows].join("\n") + "\n";
const GERMANY = 'DE,Germany,0.1549,industrial,2024-S2,Eurostat,https://example.org/eurostat,high,"EUR 0.1430/kWh x 1.083 USD/EUR"';

describe("parsePricesCsv", () => {
  it("reads a price in the seed's layout", () => {
    const { prices: parsed, issues } = parsePricesCsv(prices(GERMANY), "prices.csv");
    expect(issues).toEqual([]);
    expect(parsed).toEqual([
      {
        countryIso2: "DE",
        subdivision: null,
        usdPerKwh: 0.1549,
        priceType: "industrial",
        period: "2024-S2",
        sourceName: "Eurostat",
        sourceUrl: "https://example.org/eurostat",
        certainty: "high",
        note: "EUR 0.1430/kWh x 1.083 USD/EUR",
      },
    ]);
  });

  it.each([
    ["Canada (Quebec)", "Quebec"],
    ["China (Mainland)", null],
    ["Canada", null],
  ])("takes the subdivision from the country name %j: %j", (name, subdivision) => {
    const { prices: parsed } = parsePricesCsv(prices(`CA,${name},0.05,miner_tariff,2024,Regulator,https://example.org/r,medium,`), "p.csv");
    expect(parsed[0]).toMatchObject({ subdivision, note: null });
  });

  it.each([
    ["a lower-case code", GERMANY.replace("DE,", "de,"), "country_iso2", "is not an ISO 3166-1 alpha-2 code"],
    ["a price in cents", GERMANY.replace("0.1549", "15.49"), "usd_per_kwh", "must be above 0 and at most 10 USD/kWh"],
    ["an unknown price type", GERMANY.replace("industrial", "retail"), "price_type", /expected one of "industrial"/],
    ["a quarter as period", GERMANY.replace("2024-S2", "2024-Q3"), "period", "must be YYYY, YYYY-MM or YYYY-S1/S2"],
    ["a missing source URL", GERMANY.replace("https://example.org/eurostat", ""), "source_url", "is not an http(s) URL"],
  ])("refuses %s, naming the line and column", (_label, bad, column, message) => {
    const { prices: parsed, issues } = parsePricesCsv(prices(GERMANY, bad), "prices.csv");
    expect(parsed).toHaveLength(1);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: "prices.csv", line: 3, column });
    if (typeof message === "string") expect(issues[0]?.message).toBe(message);
    else expect(issues[0]?.message).toMatch(message);
  });
});

// The EIA Electricity Data Browser download: four preamble lines, then a table with a column per month.
const EIA_PREAMBLE = [
  '"Average retail price of electricity"',
  '"https://example.org/eia"',
  '"Sun Sep 03 2023"',
  '"Source: U.S. Energy Information Administration"',
];
const eia = (header: string, ...rows: string[]) => [...EIA_PREAMBLE, header, ...rows].join("\r\n") + "\r\n";
const META = { countryIso2: "US", priceType: "industrial" as const, sourceName: "EIA", sourceUrl: "https://example.org/eia" };
const SERIES = "ELEC.PRICE.US-IND.M";

describe("parseEiaMonthlyCsv", () => {
  it("reads the series' monthly cells in cents per kWh as USD/kWh, skipping months not yet published", () => {
    const text = eia(
      '"description","units","source key","Jan 2001","Feb 2001","Mar 2001","Apr 2001","Dec 2022"',
      '"United States : all sectors","cents per kilowatthour","ELEC.PRICE.US-ALL.M","7.0","7.1","7.2","7.3","12"',
      `"United States : industrial","cents per kilowatthour","${SERIES}","5.05","--","NA","","8.38"`,
    );
    const { prices: parsed, issues } = parseEiaMonthlyCsv(text, "eia.csv", SERIES, META);
    expect(issues).toEqual([]);
    expect(parsed).toEqual([
      { ...META, subdivision: null, usdPerKwh: 0.0505, period: "2001-01", certainty: "high", note: "5.05 cents/kWh" },
      { ...META, subdivision: null, usdPerKwh: 0.0838, period: "2022-12", certainty: "high", note: "8.38 cents/kWh" },
    ]);
  });

  it.each([
    ["x", '"x" is not a price in cents per kWh'],
    ["0", '"0" is not a price in cents per kWh'],
    ["1200", '"1200" is not a price in cents per kWh'],
    ["-5", '"-5" is not a price in cents per kWh'],
  ])("refuses the cell %j, naming the series' line and the month column", (cell, message) => {
    const text = eia('"description","units","source key","Jan 2001"', `"industrial","cents per kilowatthour","${SERIES}","${cell}"`);
    expect(parseEiaMonthlyCsv(text, "eia.csv", SERIES, META).issues).toEqual([{ file: "eia.csv", line: 6, column: "Jan 2001", message }]);
  });

  it("refuses a month column it cannot read, on the header line", () => {
    const text = eia('"description","units","source key","Jan 2001","Foo 2001"', `"industrial","cents per kilowatthour","${SERIES}","5","6"`);
    const { prices: parsed, issues } = parseEiaMonthlyCsv(text, "eia.csv", SERIES, META);
    expect(parsed.map((p) => p.period)).toEqual(["2001-01"]);
    expect(issues).toEqual([{ file: "eia.csv", line: 5, column: "Foo 2001", message: "is not a month column such as Jan 2001" }]);
  });

  it("says which series is missing", () => {
    const text = eia('"description","units","source key","Jan 2001"', '"all sectors","cents per kilowatthour","ELEC.PRICE.US-ALL.M","7"');
    expect(parseEiaMonthlyCsv(text, "eia.csv", SERIES, META)).toEqual({
      prices: [],
      issues: [{ file: "eia.csv", line: 5, column: "source key", message: `no row for series ${SERIES}` }],
    });
  });
});
