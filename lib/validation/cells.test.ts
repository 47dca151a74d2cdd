import { describe, expect, it } from "vitest";
import { expectOneIssue, parsed } from "../../tests/support/schema";
import {
  decimalCell,
  httpUrl,
  isCalendarDate,
  isoDateSchema,
  nonEmptyText,
  optionalDecimalCell,
  optionalText,
  parseDecimal,
  percentCell,
  periodSchema,
} from "./cells";

describe("decimalCell", () => {
  it.each([
    ["1", 1],
    [" 2.5 ", 2.5],
    ["1.", 1],
    [".5", 0.5],
    ["+3", 3],
    ["-4.25", -4.25],
    ["1e3", 1000],
    ["1E-2", 0.01],
    ["0", 0],
  ])("reads %j as %d", (text, value) => {
    expect(parsed(decimalCell, text)).toBe(value);
    expect(parseDecimal(text)).toBe(value);
  });

  it.each([
    ["", "is empty; a number is required"],
    ["   ", "is empty; a number is required"],
    ["abc", '"abc" is not a number'],
    ["0x10", '"0x10" is not a number'],
    ["1_000", '"1_000" is not a number'],
    ["1 000", '"1 000" is not a number'],
    ["1,2,3", '"1,2,3" is not a number'],
    ["1,5", '"1,5" uses a decimal comma; write it with a dot (1.5)'],
    [" 12,3456 ", '" 12,3456 " uses a decimal comma; write it with a dot (12.3456)'],
    // Three digits after one comma: a thousands separator as likely as a decimal comma.
    ["1,234", '"1,234" has a comma: write a number without thousands separators (1234) or with a decimal dot (1.234)'],
    ["-1,234", '"-1,234" has a comma: write a number without thousands separators (-1234) or with a decimal dot (-1.234)'],
    ["1,234,567", '"1,234,567" uses thousands separators; write it without them (1234567)'],
    ["NaN", '"NaN" is not a finite number'],
    ["inf", '"inf" is not a finite number'],
    ["-Infinity", '"-Infinity" is not a finite number'],
    ["1e400", '"1e400" is not a finite number'],
  ])("refuses %j: %s", (text, message) => {
    expectOneIssue(decimalCell, text, "", message);
    expect(parseDecimal(text)).toBeUndefined();
  });
});

describe("optionalDecimalCell", () => {
  it.each([
    ["", null],
    ["  ", null],
    ["3", 3],
    ["-0.5", -0.5],
  ])("reads %j as %j (an empty cell is missing, never 0)", (text, value) => {
    expect(parsed(optionalDecimalCell, text)).toBe(value);
  });

  it.each([
    ["x", '"x" is not a number'],
    ["2,5", '"2,5" uses a decimal comma; write it with a dot (2.5)'],
  ])("refuses %j: %s", (text, message) => {
    expectOneIssue(optionalDecimalCell, text, "", message);
  });
});

describe("percentCell", () => {
  it.each([
    ["75.53%", 0.7553],
    [" 12.5 % ", 0.125],
    ["0%", 0],
    ["100%", 1],
    ["-0%", 0],
    ["1e1%", 0.1],
    ["0.01%", 0.0001],
  ])("reads %j as the fraction %d", (text, value) => {
    expect(parsed(percentCell, text)).toBe(value);
  });

  it.each([
    ["12.5", '"12.5" is not a percentage such as 12.5%'],
    ["0.125", '"0.125" is not a percentage such as 12.5%'],
    ["%", '"%" is not a percentage such as 12.5%'],
    ["abc%", '"abc%" is not a percentage such as 12.5%'],
    ["12,5%", '"12,5%" is not a percentage such as 12.5%'],
    ["", '"" is not a percentage such as 12.5%'],
    ["100.0001%", "100.0001% is outside 0–100 %"],
    ["-1%", "-1% is outside 0–100 %"],
  ])("refuses %j: %s", (text, message) => {
    expectOneIssue(percentCell, text, "", message);
  });
});

describe("text cells", () => {
  it.each([
    [" a ", "a"],
    ["Riot Platforms", "Riot Platforms"],
  ])("nonEmptyText keeps %j as %j", (text, value) => {
    expect(parsed(nonEmptyText, text)).toBe(value);
  });

  it.each(["", "   ", "\t"])("nonEmptyText refuses %j as empty", (text) => {
    expectOneIssue(nonEmptyText, text, "", "is empty");
  });

  it.each([
    ["", null],
    ["  ", null],
    [" Quebec ", "Quebec"],
  ])("optionalText reads %j as %j", (text, value) => {
    expect(parsed(optionalText, text)).toBe(value);
  });
});

describe("httpUrl", () => {
  it.each([
    ["https://example.org/a?b=c", "https://example.org/a?b=c"],
    ["http://x", "http://x"],
    [" https://example.org ", "https://example.org"],
  ])("accepts %j as %j", (text, value) => {
    expect(parsed(httpUrl, text)).toBe(value);
  });

  it.each(["ftp://example.org", "https://", "https://a b", "HTTPS://example.org", "javascript:alert(1)", "www.example.org", ""])("refuses %j", (text) => {
    expectOneIssue(httpUrl, text, "", "is not an http(s) URL");
  });
});

describe("periodSchema", () => {
  it.each(["2024-01", "2024-12", "1999-07"])("accepts %s", (text) => {
    expect(parsed(periodSchema, text)).toBe(text);
  });

  // Year 0000 once passed and broke every metric of an imported dataset.
  it.each(["2024-13", "2024-00", "0999-01", "0000-01", "2024-1", "2024-01-01", " 2024-01", "24-01", "2024/01"])("refuses %j", (text) => {
    expectOneIssue(periodSchema, text, "", "must be a month as YYYY-MM");
  });
});

describe("isoDateSchema", () => {
  it.each(["2024-02-29", "2000-02-29", "2024-12-31", "2021-05-01"])("accepts %s", (text) => {
    expect(parsed(isoDateSchema, text)).toBe(text);
    expect(isCalendarDate(text)).toBe(true);
  });

  it.each(["2024-13-01", "2024-01-32", "2024-00-10", "0999-01-01", "2024-1-1", "2024/01/01", "2024-01-01T00:00:00Z", ""])(
    "refuses %j as not a date",
    (text) => {
      expectOneIssue(isoDateSchema, text, "", "must be a date as YYYY-MM-DD");
    },
  );

  // These have the form of a date and used to be accepted.
  it.each(["2023-02-29", "2024-02-30", "2024-04-31", "1900-02-29"])("refuses %s as not a day of the calendar", (text) => {
    expectOneIssue(isoDateSchema, text, "", `${text} is not a day of the calendar`);
    expect(isCalendarDate(text)).toBe(false);
  });
});
