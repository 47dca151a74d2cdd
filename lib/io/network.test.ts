import { describe, expect, it } from "vitest";
import { parseNetworkEventsCsv, parseNetworkMonthlyCsv, parseRetargetsCsv, statedNumber } from "./network";

const csv = (header: string, ...rows: string[]) => [header, ...rows].join("\n") + "\n";

const MONTHLY = "period,hashrate_eh,difficulty,source,method";

describe("parseNetworkMonthlyCsv", () => {
  it("reads a month with the day-weighted block subsidy of that month", () => {
    const { stats, issues } = parseNetworkMonthlyCsv(
      csv(
        MONTHLY,
        "2020-04,110.2,1.6e13,headers,work",
        "2020-05,100,1.6e13,headers,work",
        "2024-04,600,8.6e13,headers,work",
        "2024-05,610,8.4e13,headers,work",
      ),
      "n.csv",
    );
    expect(issues).toEqual([]);
    expect(stats.map((s) => [s.period, s.blockSubsidyBtc])).toEqual([
      ["2020-04", 12.5],
      ["2020-05", (10 * 12.5 + 21 * 6.25) / 31],
      ["2024-04", 5],
      ["2024-05", 3.125],
    ]);
    expect(stats[0]).toEqual({ period: "2020-04", hashrateEh: 110.2, difficulty: 1.6e13, blockSubsidyBtc: 12.5, avgFeesBtc: null, method: "work" });
  });

  it.each([
    ["a month twice", ["2020-05,100,1e13,s,m", "2020-05,101,1e13,s,m"], 3, "period", "repeats 2020-05"],
    ["a bad month", ["2020-5,100,1e13,s,m"], 2, "period", "must be a month as YYYY-MM"],
    ["a zero hashrate", ["2020-05,0,1e13,s,m"], 2, "hashrate_eh", "must be > 0"],
    ["no method", ["2020-05,100,1e13,s,"], 2, "method", "is empty"],
  ])("refuses %s, naming the line and column", (_label, rows, line, column, message) => {
    expect(parseNetworkMonthlyCsv(csv(MONTHLY, ...rows), "n.csv").issues).toEqual([{ file: "n.csv", line, column, message }]);
  });
});

const RETARGETS = "height,date_utc,difficulty,change_pct,epoch_hashrate_eh,epoch_days,date_source";

describe("parseRetargetsCsv", () => {
  it("reads retargets; the newest, still open epoch has no average hashrate or length", () => {
    const { retargets, issues } = parseRetargetsCsv(
      csv(
        RETARGETS,
        "685440,2021-05-29 10:00:00,21047730572451.6,-15.97,150.7,16.5,header (exact)",
        "687456,2021-06-13 09:00:00,19932791027262.7,-5.30,,,reconstructed",
      ),
      "r.csv",
    );
    expect(issues).toEqual([]);
    expect(retargets).toEqual([
      {
        height: 685_440,
        dateUtc: "2021-05-29 10:00:00",
        difficulty: 21_047_730_572_451.6,
        changePct: -15.97,
        epochHashrateEh: 150.7,
        epochDays: 16.5,
        dateSource: "header (exact)",
      },
      {
        height: 687_456,
        dateUtc: "2021-06-13 09:00:00",
        difficulty: 19_932_791_027_262.7,
        changePct: -5.3,
        epochHashrateEh: null,
        epochDays: null,
        dateSource: "reconstructed",
      },
    ]);
  });

  it.each([
    ["a zero epoch hashrate", "4032,2021-05-29 10:00:00,2e13,-5,0,16,x", "epoch_hashrate_eh", '"0" is not a positive number'],
    ["a text epoch length", "4032,2021-05-29 10:00:00,2e13,-5,150,abc,x", "epoch_days", '"abc" is not a positive number'],
    ["a height that is not a retarget", "4033,2021-05-29 10:00:00,2e13,-5,150,16,x", "height", "must be a retarget height (a multiple of 2016)"],
    ["a change beyond the clamp", "4032,2021-05-29 10:00:00,2e13,-80,150,16,x", "change_pct", "must be within -75…300 % (the retarget clamp)"],
    ["an impossible day", "4032,2021-02-29 10:00:00,2e13,-5,150,16,x", "date_utc", "2021-02-29 is not a day of the calendar"],
  ])("refuses %s, naming the line and column", (_label, bad, column, message) => {
    expect(parseRetargetsCsv(csv(RETARGETS, bad), "r.csv").issues).toEqual([{ file: "r.csv", line: 2, column, message }]);
  });
});

describe("statedNumber", () => {
  it.each([
    ["171.3", 171.3],
    ["-15.97", -15.97],
    ["<110", 110],
    ["~1200", 1200],
    // These lost digits or their sign before: "1,200" read as 1, "−100" (typographic minus) as 100.
    ["~1,200", 1200],
    ["1 200", 1200],
    ["1,200,000", 1_200_000],
    ["−100", -100],
    ["13.9 min", 13.9],
    ["n/a", null],
    ["", null],
  ])("%j → %j", (text, value) => {
    expect(statedNumber(text)).toBe(value);
  });
});

const EVENTS = "date_utc,event,metric,value,unit,certainty,source_url";

describe("parseNetworkEventsCsv", () => {
  it.each([
    ["2021-05-13", "2021-05-13"],
    ["2021-05 (monthly avg)", "2021-05-01"],
    ["2021-06-13..07-03", "2021-06-13"],
    ["2025-09 (early)", "2025-09-01"],
  ])("dates the label %j at its first day, %s, and keeps the label", (label, date) => {
    const { events, issues } = parseNetworkEventsCsv(csv(EVENTS, `${label},ban,network_hashrate,<110,EH/s,estimate,https://example.org/e`), "e.csv");
    expect(issues).toEqual([]);
    expect(events).toEqual([
      {
        dateLabel: label,
        date,
        event: "ban",
        metric: "network_hashrate",
        value: 110,
        valueText: "<110",
        unit: "EH/s",
        certainty: "estimate",
        sourceUrl: "https://example.org/e",
      },
    ]);
  });

  it("keeps a value's text and reads its number, thousands separators included", () => {
    const { events } = parseNetworkEventsCsv(csv(EVENTS, '2025-12-08,peak,network_hashrate,"~1,200",EH/s,estimate,https://example.org/e'), "e.csv");
    expect(events[0]).toMatchObject({ value: 1200, valueText: "~1,200" });
  });

  it("accepts a seed file name as the source of a derived figure", () => {
    const { events, issues } = parseNetworkEventsCsv(csv(EVENTS, "2021-05 (monthly avg),CBECI,network_hashrate,161.2,EH/s,derived,cbeci.csv"), "e.csv");
    expect(issues).toEqual([]);
    expect(events[0]?.sourceUrl).toBe("cbeci.csv");
  });

  it.each([
    [
      "a label without a month",
      "2021,e,m,1,EH/s,c,https://example.org/e",
      "date_utc",
      "must start with YYYY-MM or YYYY-MM-DD, then a range (..) or a space and a note",
    ],
    ["a source that is neither", "2021-05-13,e,m,1,EH/s,c,notes.txt", "source_url", "is neither an http(s) URL nor the name of a seed CSV file"],
    ["no value", "2021-05-13,e,m,,EH/s,c,https://example.org/e", "value", "is empty"],
  ])("refuses %s, naming the line and column", (_label, bad, column, message) => {
    expect(parseNetworkEventsCsv(csv(EVENTS, bad), "e.csv").issues).toEqual([{ file: "e.csv", line: 2, column, message }]);
  });
});
