import { describe, expect, it } from "vitest";
import { expectOneIssue, issuesOf, parsed } from "../../tests/support/schema";
import { CbeciRowSchema, EstimateRowSchema, shareCountryCell } from "./shares";

describe("shareCountryCell", () => {
  it.each([
    ["Other", null],
    [" other ", null],
    ["OTHER", null],
    // CBECI writes World Bank names and footnote asterisks.
    ["Mainland China", "CN"],
    ["Russian Federation", "RU"],
    ["Iran, Islamic Rep.", "IR"],
    ["Germany *", "DE"],
    ["Ireland *", "IE"],
    ["United States", "US"],
    ["US", "US"],
    ["USA", "US"],
    ["840", "US"],
  ])("reads %j as %j (null: the unattributed bucket)", (text, iso2) => {
    expect(parsed(shareCountryCell, text)).toBe(iso2);
  });

  it.each(["Atlantis", "", "Unattributed"])("refuses %j", (text) => {
    expectOneIssue(shareCountryCell, text, "", `"${text}" is not a known country (use an ISO code, an English name, or "Other")`);
  });
});

const CBECI = { date: "2021-05-01", country: "Mainland China", "monthly_hashrate_%": "43.98%", "monthly_absolute_hashrate_EH/S": "70.1" };

describe("CbeciRowSchema", () => {
  it("reads a row of the CBECI download", () => {
    expect(parsed(CbeciRowSchema, CBECI)).toEqual({
      date: "2021-05-01",
      country: "CN",
      "monthly_hashrate_%": 0.4398,
      "monthly_absolute_hashrate_EH/S": 70.1,
    });
  });

  it.each([
    ["date", "2021-05-02", "must be the first day of a month"],
    ["date", "2021/05/01", "must be a date as YYYY-MM-DD"],
    ["date", "2021-02-30", "2021-02-30 is not a day of the calendar"],
    ["country", "Narnia", /"Narnia" is not a known country/],
    ["monthly_hashrate_%", "43.98", '"43.98" is not a percentage such as 12.5%'],
    ["monthly_hashrate_%", "4.x6%", '"4.x6%" is not a percentage such as 12.5%'],
    ["monthly_hashrate_%", "101%", "101% is outside 0–100 %"],
    ["monthly_absolute_hashrate_EH/S", "", "is empty; a number is required"],
    ["monthly_absolute_hashrate_EH/S", "-1", "must be ≥ 0"],
    ["monthly_absolute_hashrate_EH/S", "70,1", '"70,1" uses a decimal comma; write it with a dot (70.1)'],
  ])("refuses %s = %j", (column, value, message) => {
    expectOneIssue(CbeciRowSchema, { ...CBECI, [column]: value }, column, message);
  });

  it("names every missing column", () => {
    expect(issuesOf(CbeciRowSchema, {}).map(([path]) => path)).toEqual(["date", "country", "monthly_hashrate_%", "monthly_absolute_hashrate_EH/S"]);
  });
});

const ESTIMATE = {
  snapshot: "2025-05-27",
  source_org: "Hashrate Index",
  method: "heatmap",
  country: "United States",
  share_pct: "38",
  abs_EH_s: "",
  certainty: "reported",
  source_url: "https://example.org/report",
};

describe("EstimateRowSchema", () => {
  it.each([
    ["share_pct", "0", 0],
    ["share_pct", "100", 100],
    ["share_pct", "37.5", 37.5],
    ["abs_EH_s", "", null],
    ["abs_EH_s", "310", 310],
    // The country is resolved by the parser, which knows whether the row is wanted at all.
    ["country", "Somewhere", "Somewhere"],
  ])("reads %s = %j as %j", (column, value, expected) => {
    expect(parsed(EstimateRowSchema, { ...ESTIMATE, [column]: value })).toHaveProperty([column], expected);
  });

  it.each([
    ["snapshot", " ", "is empty"],
    ["source_org", "", "is empty"],
    ["method", "", "is empty"],
    ["country", "", "is empty"],
    ["certainty", "", "is empty"],
    ["share_pct", "", "is empty; a number is required"],
    ["share_pct", "38%", '"38%" is not a number'],
    ["share_pct", "101", "must be within 0…100 %"],
    ["share_pct", "-1", "must be within 0…100 %"],
    ["abs_EH_s", "-2", "must be ≥ 0"],
    ["abs_EH_s", "n/a", '"n/a" is not a number'],
    ["source_url", "example.org", "is not an http(s) URL"],
  ])("refuses %s = %j", (column, value, message) => {
    expectOneIssue(EstimateRowSchema, { ...ESTIMATE, [column]: value }, column, message);
  });
});
