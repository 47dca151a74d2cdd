import { describe, expect, it } from "vitest";
import { genericSharesReader } from "./generic-shares";

// The generic shares layout read one row at a time: the rows of a month need not be together in
// the file, and what comes out is the same as if they were.

const read = (rows: [period: string, country: string, share: string][]) => {
  const reader = genericSharesReader("f.csv");
  rows.forEach(([period, country, share], i) => reader.add({ line: i + 2, period, country, share, hashrateEh: undefined }));
  return reader.finish();
};

describe("genericSharesReader", () => {
  it("groups interleaved months: months in order, each month's rows in file order, the unattributed rest last", () => {
    const { shares, issues } = read([
      ["2024-02", "US", "0.5"],
      ["2024-01", "CN", "0.25"],
      ["2024-02", "Other", "0.5"],
      ["2024-01", "US", "0.5"],
    ]);
    expect(issues).toEqual([]);
    expect(shares.map((s) => [s.period, s.countryIso2, s.share])).toEqual([
      ["2024-01", "CN", 0.25],
      ["2024-01", "US", 0.5],
      ["2024-01", null, 0.25],
      ["2024-02", "US", 0.5],
      ["2024-02", null, 0.5],
    ]);
  });

  it("lists the rows' issues in file order, then the months', naming a repeat's first line across other months' rows", () => {
    const { issues } = read([
      ["2024-03", "US", "0.7"],
      ["2024-04", "US", "0.2"],
      ["2024-03", "usa", "0.1"],
      ["2024-03", "CN", "0.6"],
      ["2024-04", "Atlantis", "0.1"],
    ]);
    expect(issues.map((i) => [i.line, i.column, i.message])).toEqual([
      [4, "country", "repeats usa for 2024-03 (first on line 2)"],
      [6, "country", expect.stringMatching(/"Atlantis" is not a known country/)],
      [2, "share", "shares of 2024-03 add up to 130.000 %, more than 100 %"],
    ]);
  });
});
