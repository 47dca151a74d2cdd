import { describe, expect, it } from "vitest";
import { monthsOfPeriodLabel } from "../validation/subnational";
import { parseCnProvinceSharesCsv, parseSubnationalSharesCsv, parseUsStateSharesCsv } from "./subnational";

const csv = (...lines: string[]) => `${lines.join("\n")}\n`;
const US_HEADER = "period,state,share_of_us_pct,source_org,method,certainty,source_url,note";
const CN_HEADER = "period,province,share_pct,share_basis,source_org,method,certainty,source_url,note";
const LATER_HEADER = "period,country,region_code,region_name,share_of_country_pct,share_of_network_pct,basis,source_org,certainty,source_url,note";

describe("monthsOfPeriodLabel", () => {
  it.each([
    ["2021-12", "2021-12", "2021-12"],
    ["2021-10 (presented 2021-10-08)", "2021-10", "2021-10"],
    ["2023-07-21..2023-07-27", "2023-07", "2023-07"],
    ["2024-12-20..2025-01-10", "2024-12", "2025-01"],
    ["2025-04-01", "2025-04", "2025-04"],
    ["2020 wet season start (month not stated; ~May 2020)", "2020-01", "2020-12"],
    ["2019 (mid-year)", "2019-01", "2019-12"],
  ])("%j covers %s … %s", (label, start, end) => {
    expect(monthsOfPeriodLabel(label)).toEqual({ start, end });
  });

  it.each([
    ["mid-2020", /must start with a day/],
    ["2021-13", /not a month/],
    ["2023-02-30", /not a day of the calendar/],
    ["2023-07-27..2023-07-21", /ends before it starts/],
  ])("refuses %j", (label, message) => {
    expect(monthsOfPeriodLabel(label)).toMatch(message);
  });
});

describe("sub-national share files", () => {
  it("reads a US state's share of US hashrate, by name, as a fraction", () => {
    const { regionalShares, issues } = parseUsStateSharesCsv(
      csv(US_HEADER, "2021-12,Texas,11.22,CCAF,pool IP geolocation,reported,https://example.org/a,"),
      "us.csv",
    );
    expect(issues).toEqual([]);
    expect(regionalShares[0]).toMatchObject({
      countryIso2: "US",
      regionCode: "US-TX",
      regionName: "Texas",
      shareOfCountryLow: 0.1122,
      shareOfNetworkLow: null,
      basis: "share of US hashrate (pool IP geolocation)",
    });
  });

  it("puts a Chinese province's share in the column its basis names, never both", () => {
    const { regionalShares } = parseCnProvinceSharesCsv(
      csv(
        CN_HEADER,
        "2020-04,Xinjiang,35.76,of_global_hashrate,CCAF,geo,reported,https://example.org/a,",
        "2020,Sichuan,61.1,of_china_hashrate,CCAF,geo,reported,https://example.org/b,",
      ),
      "cn.csv",
    );
    expect(regionalShares.map((r) => [r.regionCode, r.shareOfCountryLow, r.shareOfNetworkLow])).toEqual([
      ["CN-XJ", null, 0.3576],
      ["CN-SC", 0.611, null],
    ]);
  });

  it("keeps both ends of a range and both columns as given", () => {
    const { regionalShares, issues } = parseSubnationalSharesCsv(
      csv(LATER_HEADER, "2025-01-01..2025-01-31,RU,RU-IRK,Irkutsk (south),18..23,,power / load,Gov,derived,https://example.org/a,"),
      "later.csv",
    );
    expect(issues).toEqual([]);
    expect(regionalShares[0]).toMatchObject({ shareOfCountryLow: 0.18, shareOfCountryHigh: 0.23, shareOfNetworkLow: null, periodStart: "2025-01" });
  });

  it.each([
    [parseUsStateSharesCsv, csv(US_HEADER, "2021-12,Quebec,11,CCAF,geo,reported,https://example.org/a,"), "state", '"Quebec" is not a US state (ISO 3166-2)'],
    [parseUsStateSharesCsv, csv(US_HEADER, "2021-12,Texas,,CCAF,geo,reported,https://example.org/a,"), "share_of_us_pct", "is empty"],
    [parseUsStateSharesCsv, csv(US_HEADER, "2021-12,Texas,120,CCAF,geo,reported,https://example.org/a,"), "share_of_us_pct", /within 0…100/],
    [parseCnProvinceSharesCsv, csv(CN_HEADER, "2020,Sichuan,9,of_asia,CCAF,geo,reported,https://example.org/a,"), "share_basis", /expected one of/],
    [
      parseSubnationalSharesCsv,
      csv(LATER_HEADER, "2025-01,US,CA-QC,Quebec,10,,b,o,c,https://example.org/a,"),
      "region_code",
      '"CA-QC" is not an ISO 3166-2 region of US',
    ],
    [
      parseSubnationalSharesCsv,
      csv(LATER_HEADER, "2025-01,US,US-TX,Texas,,,b,o,c,https://example.org/a,"),
      "share_of_country_pct",
      "gives neither a share of the country nor of the network",
    ],
    [
      parseSubnationalSharesCsv,
      csv(LATER_HEADER, "2025-01,US,US-TX,Texas,23..18,,b,o,c,https://example.org/a,"),
      "share_of_country_pct",
      /ends below its start/,
    ],
    [
      parseSubnationalSharesCsv,
      csv(LATER_HEADER, "2025-01,RU,UA-14,Donetsk,10,,b,o,c,https://example.org/a,"),
      "region_code",
      '"UA-14" is not an ISO 3166-2 region of RU',
    ],
  ] as const)("names the row and column of a bad cell (%#: %s)", (parse, text, column, message) => {
    const { regionalShares, issues } = parse(text, "f.csv");
    expect(regionalShares).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: "f.csv", line: 2, column });
    expect(issues[0]?.message).toMatch(message);
  });
});
