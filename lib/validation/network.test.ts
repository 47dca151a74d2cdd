import { describe, expect, it } from "vitest";
import { expectOneIssue, parsed } from "../../tests/support/schema";
import { NetworkEventRowSchema, NetworkMonthlyRowSchema, RetargetRowSchema } from "./network";

const MONTH = { period: "2021-05", hashrate_eh: "161.2", difficulty: "2.5e13", source: "block headers", method: "expected work" };

describe("NetworkMonthlyRowSchema", () => {
  it("reads a row of network_monthly.csv", () => {
    expect(parsed(NetworkMonthlyRowSchema, MONTH)).toEqual({ ...MONTH, hashrate_eh: 161.2, difficulty: 25_000_000_000_000 });
  });

  it.each([
    ["period", "2021-5", "must be a month as YYYY-MM"],
    ["period", "2021-13", "must be a month as YYYY-MM"],
    ["hashrate_eh", "0", "must be > 0"],
    ["hashrate_eh", "", "is empty; a number is required"],
    ["difficulty", "-1", "must be > 0"],
    ["difficulty", "2,5", '"2,5" uses a decimal comma; write it with a dot (2.5)'],
    ["source", "", "is empty"],
    ["method", " ", "is empty"],
  ])("refuses %s = %j", (column, value, message) => {
    expectOneIssue(NetworkMonthlyRowSchema, { ...MONTH, [column]: value }, column, message);
  });
});

const RETARGET = {
  height: "685440",
  date_utc: "2021-05-29 10:00:00",
  difficulty: "21047730572451.6",
  change_pct: "-15.97",
  epoch_hashrate_eh: "150.7",
  epoch_days: "16.5",
  date_source: "bitcoinj checkpoint header (exact)",
};

describe("RetargetRowSchema", () => {
  it("reads a row of difficulty_adjustments.csv (the epoch fields stay text for the parser)", () => {
    expect(parsed(RetargetRowSchema, RETARGET)).toEqual({ ...RETARGET, height: 685_440, difficulty: 21_047_730_572_451.6, change_pct: -15.97 });
  });

  it.each([
    ["height", "4032", 4032],
    ["height", "4032.0", 4032],
    ["change_pct", "-75", -75],
    ["change_pct", "300", 300],
    ["date_utc", "2024-02-29 23:59:59", "2024-02-29 23:59:59"],
    ["epoch_hashrate_eh", "", ""],
  ])("reads %s = %j as %j", (column, value, expected) => {
    expect(parsed(RetargetRowSchema, { ...RETARGET, [column]: value })).toHaveProperty([column], expected);
  });

  it.each([
    ["height", "0", "must be a retarget height (a multiple of 2016)"],
    ["height", "2017", "must be a retarget height (a multiple of 2016)"],
    ["height", "2016.5", "must be a retarget height (a multiple of 2016)"],
    ["height", "-2016", "must be a retarget height (a multiple of 2016)"],
    ["date_utc", "2021-05-29T10:00:00", "must be YYYY-MM-DD HH:MM:SS"],
    ["date_utc", "2021-05-29", "must be YYYY-MM-DD HH:MM:SS"],
    // Times and dates that only look right (both used to be accepted).
    ["date_utc", "2021-13-45 99:99:99", "must be YYYY-MM-DD HH:MM:SS"],
    ["date_utc", "2021-05-29 24:00:00", "must be YYYY-MM-DD HH:MM:SS"],
    ["date_utc", "2021-02-30 10:00:00", "2021-02-30 is not a day of the calendar"],
    ["difficulty", "0", "must be > 0"],
    ["change_pct", "-75.01", "must be within -75…300 % (the retarget clamp)"],
    ["change_pct", "300.1", "must be within -75…300 % (the retarget clamp)"],
    ["date_source", "", "is empty"],
  ])("refuses %s = %j", (column, value, message) => {
    expectOneIssue(RetargetRowSchema, { ...RETARGET, [column]: value }, column, message);
  });
});

const EVENT = {
  date_utc: "2021-06-19",
  event: "Sichuan shutdown",
  metric: "network_hashrate",
  value: "<110",
  unit: "EH/s",
  certainty: "estimate",
  source_url: "https://example.org/news",
};

describe("NetworkEventRowSchema", () => {
  it.each([
    ["date_utc", "2021-05-13"],
    ["date_utc", "2021-05 (monthly avg)"],
    ["date_utc", "2021-06-13..07-03"],
    ["date_utc", "2025-09 (early)"],
    ["date_utc", "2022-02"],
    ["source_url", "https://example.org/a"],
    // One row cites the CBECI file itself.
    ["source_url", "cbeci_mining_countries_2019-09_2022-01.csv"],
  ])("accepts %s = %j", (column, value) => {
    expect(parsed(NetworkEventRowSchema, { ...EVENT, [column]: value })).toHaveProperty([column], value);
  });

  it.each([
    ["date_utc", "2021", "must start with YYYY-MM or YYYY-MM-DD, then a range (..) or a space and a note"],
    ["date_utc", "May 2021", "must start with YYYY-MM or YYYY-MM-DD, then a range (..) or a space and a note"],
    // Used to pass: a month 13, and a label glued to its date.
    ["date_utc", "2021-13-01", "must start with YYYY-MM or YYYY-MM-DD, then a range (..) or a space and a note"],
    ["date_utc", "2021-05x", "must start with YYYY-MM or YYYY-MM-DD, then a range (..) or a space and a note"],
    ["date_utc", "2021-02-30..03-02", "2021-02-30 is not a day of the calendar"],
    ["event", "", "is empty"],
    ["metric", "", "is empty"],
    ["value", " ", "is empty"],
    ["unit", "", "is empty"],
    ["certainty", "", "is empty"],
    // A union of two rules answered only "Invalid input" here.
    ["source_url", "notes.txt", "is neither an http(s) URL nor the name of a seed CSV file"],
    ["source_url", "file name.csv", "is neither an http(s) URL nor the name of a seed CSV file"],
    ["source_url", "", "is neither an http(s) URL nor the name of a seed CSV file"],
  ])("refuses %s = %j", (column, value, message) => {
    expectOneIssue(NetworkEventRowSchema, { ...EVENT, [column]: value }, column, message);
  });
});
