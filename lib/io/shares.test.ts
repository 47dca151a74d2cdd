import { describe, expect, it } from "vitest";
import { parseCbeciCsv, parseEstimateCsv, SHARE_SUM_TOLERANCE } from "./shares";

const CBECI_HEADER = "date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S";
const cbeci = (...rows: string[]) => [CBECI_HEADER, ...rows].join("\n") + "\n";

describe("parseCbeciCsv", () => {
  it("reads the download: months as periods, World Bank names as ISO codes, Other as the unattributed bucket", () => {
    const { shares, issues } = parseCbeciCsv(
      cbeci("2022-01-01,United States,37.84%,77.7", "2022-01-01,Mainland China,21.11%,43.3", "2022-01-01,Germany *,3.06%,6.3", "2022-01-01,Other,37.99%,78"),
      "cbeci.csv",
    );
    expect(issues).toEqual([]);
    expect(shares.map((s) => [s.period, s.countryIso2, s.share, s.hashrateEh])).toEqual([
      ["2022-01", "US", 0.3784, 77.7],
      ["2022-01", "CN", 0.2111, 43.3],
      ["2022-01", "DE", 0.0306, 6.3],
      ["2022-01", null, 0.3799, 78],
    ]);
    expect(shares[0]).toMatchObject({ sourceLabel: "CBECI Mining Map", certainty: null, sourceUrl: null, note: null });
  });

  it(`accepts a month whose shares sum to 100 % within the source's rounding (± ${SHARE_SUM_TOLERANCE * 100} %)`, () => {
    expect(parseCbeciCsv(cbeci("2021-07-01,US,50.01%,1", "2021-07-01,Other,50.01%,1"), "c.csv").issues).toEqual([]);
    expect(parseCbeciCsv(cbeci("2021-07-01,US,49.99%,1", "2021-07-01,Other,49.99%,1"), "c.csv").issues).toEqual([]);
  });

  it.each([
    ["a bad percentage", ["2022-01-01,US,4.x6%,1", "2022-01-01,Other,100%,1"], 2, "monthly_hashrate_%", '"4.x6%" is not a percentage such as 12.5%'],
    ["a fraction instead of a percentage", ["2022-01-01,US,1,1"], 2, "monthly_hashrate_%", '"1" is not a percentage such as 12.5%'],
    ["an unknown country", ["2022-01-01,US,100%,1", "2022-01-01,Narnia,0%,1"], 3, "country", /"Narnia" is not a known country/],
    ["a date that is not the first of a month", ["2022-01-15,US,100%,1"], 2, "date", "must be the first day of a month"],
    ["a negative hashrate", ["2022-01-01,US,100%,-1"], 2, "monthly_absolute_hashrate_EH/S", "must be ≥ 0"],
    [
      "a country twice in a month",
      ["2022-01-01,US,50%,1", "2022-01-01,Other,50%,1", "2022-01-01,USA,0%,1"],
      4,
      "country",
      "repeats US for 2022-01 (first on line 2)",
    ],
    [
      "Other twice in a month",
      ["2022-01-01,Other,50%,1", "2022-01-01,US,50%,1", "2022-01-01,other,0%,1"],
      4,
      "country",
      "repeats Other for 2022-01 (first on line 2)",
    ],
    // The sum is reported on the month's first row.
    [
      "shares that do not add up to 100 %",
      ["2022-01-01,US,50%,1", "2022-01-01,Other,50.03%,1"],
      2,
      "monthly_hashrate_%",
      "shares of 2022-01 add up to 100.030 %, not 100 %",
    ],
    [
      "shares far below 100 %",
      ["2022-01-01,US,60%,1", "2022-02-01,US,30%,1", "2022-02-01,CN,70%,1"],
      2,
      "monthly_hashrate_%",
      "shares of 2022-01 add up to 60.000 %, not 100 %",
    ],
  ])("refuses %s, naming the line and column", (_label, rows, line, column, message) => {
    const { issues } = parseCbeciCsv(cbeci(...rows), "cbeci.csv");
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: "cbeci.csv", line, column });
    if (typeof message === "string") expect(issues[0]?.message).toBe(message);
    else expect(issues[0]?.message).toMatch(message);
  });

  it("reports every bad row, not just the first", () => {
    const { issues } = parseCbeciCsv(cbeci("2022-01-01,Narnia,50%,1", "2022-01-01,US,5O%,1", "2022-01-01,Other,50%,-2"), "c.csv");
    expect(issues.map((i) => [i.line, i.column])).toEqual([
      [2, "country"],
      [3, "monthly_hashrate_%"],
      [4, "monthly_absolute_hashrate_EH/S"],
    ]);
  });
});

const ESTIMATE_HEADER = "snapshot,source_org,method,country,share_pct,abs_EH_s,certainty,source_url";
const estimate = (...rows: string[]) => [ESTIMATE_HEADER, ...rows].join("\n") + "\n";
const row = (snapshot: string, org: string, country: string, pct: string, eh = "") =>
  `${snapshot},${org},survey,${country},${pct},${eh},reported,https://example.org/r`;
/** The rows of "Lab", stored under the month of their snapshot. */
const lab = (r: { snapshot: string; source_org: string }) => (r.source_org === "Lab" ? r.snapshot.slice(0, 7) : null);

describe("parseEstimateCsv", () => {
  it("reads the selected source's rows and stores the rest of the network as unattributed", () => {
    const { shares, issues } = parseEstimateCsv(
      estimate(
        row("2025-05-27", "Lab", "United States", "38", "310"),
        row("2025-05-27", "Lab", "Russia", "16"),
        row("2025-05-27", "Other Lab", "Narnia", "99"),
      ),
      "estimates.csv",
      lab,
    );
    expect(issues).toEqual([]);
    expect(shares).toEqual([
      {
        period: "2025-05",
        countryIso2: "US",
        share: 0.38,
        hashrateEh: 310,
        sourceLabel: "Lab (snapshot 2025-05-27)",
        certainty: "reported",
        sourceUrl: "https://example.org/r",
        note: "survey",
      },
      expect.objectContaining({ period: "2025-05", countryIso2: "RU", share: 0.16, hashrateEh: null }),
      {
        period: "2025-05",
        countryIso2: null,
        share: 0.46,
        hashrateEh: null,
        sourceLabel: "unattributed: the part of the network the source does not assign to a country",
        certainty: null,
        sourceUrl: null,
        note: null,
      },
    ]);
  });

  it("adds no unattributed row when the named shares already make 100 %", () => {
    const { shares } = parseEstimateCsv(estimate(row("2025-07", "Lab", "US", "60"), row("2025-07", "Lab", "CN", "40")), "e.csv", lab);
    expect(shares.map((s) => s.countryIso2)).toEqual(["US", "CN"]);
  });

  it.each([
    ["an unknown country", [row("2025-05", "Lab", "Atlantis", "2")], 2, "country", '"Atlantis" is not a known country'],
    // "Other" is a known name, but an estimate file cannot list it: the rest is computed.
    ["an Other row", [row("2025-05", "Lab", "Other", "2")], 2, "country", '"Other" cannot be listed: the unattributed rest is 100 % minus the named shares'],
    [
      "a country twice in a snapshot",
      [row("2025-05", "Lab", "United States", "30"), row("2025-05", "Lab", "USA", "2")],
      3,
      "country",
      "repeats USA for 2025-05",
    ],
    [
      "shares above 100 %",
      [row("2025-05", "Lab", "US", "60"), row("2025-05", "Lab", "RU", "50")],
      2,
      "share_pct",
      "shares of 2025-05 add up to 110.000 %, more than 100 %",
    ],
    ["a share above 100", [row("2025-05", "Lab", "US", "101")], 2, "share_pct", "must be within 0…100 %"],
    ["a bad source URL", ["2025-05,Lab,survey,US,30,,reported,see report"], 2, "source_url", "is not an http(s) URL"],
  ])("refuses %s, naming the line and column", (_label, rows, line, column, message) => {
    const { issues } = parseEstimateCsv(estimate(...rows), "e.csv", lab);
    expect(issues).toEqual([{ file: "e.csv", line, column, message }]);
  });

  it("validates the rows of other sources too, but does not resolve their countries", () => {
    expect(parseEstimateCsv(estimate(row("2025-05", "Other Lab", "Narnia", "20")), "e.csv", lab).issues).toEqual([]);
    expect(parseEstimateCsv(estimate(row("2025-05", "Other Lab", "US", "x")), "e.csv", lab).issues).toEqual([
      { file: "e.csv", line: 2, column: "share_pct", message: '"x" is not a number' },
    ]);
  });
});
