import { describe, expect, it } from "vitest";
import { expectOneIssue, issuesOf, parsed } from "../../tests/support/schema";
import { BlocCsvRowSchema, ShockCsvRowSchema } from "./blocs";
import { shockKinds } from "./vocabulary";

const BLOC = {
  id: "EAEU",
  name: "Eurasian Economic Union",
  description: "Armenia, Belarus, Kazakhstan, Kyrgyzstan and Russia",
  membership_as_of: "2025-06-30",
  members: "AM BY KG KZ RU",
  source_url: "https://example.org/eaeu",
};

describe("BlocCsvRowSchema", () => {
  it("reads a row of blocs.csv, members as a list", () => {
    expect(parsed(BlocCsvRowSchema, BLOC)).toEqual({ ...BLOC, members: ["AM", "BY", "KG", "KZ", "RU"] });
  });

  it.each([
    ["id", "EU", "EU"],
    ["id", "G20", "G20"],
    ["id", "ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOP"],
    ["members", "  US   CA\tMX ", ["US", "CA", "MX"]],
    ["members", "XK", ["XK"]],
  ])("reads %s = %j as %j", (column, value, expected) => {
    expect(parsed(BlocCsvRowSchema, { ...BLOC, [column]: value })).toHaveProperty([column], expected);
  });

  it.each([
    ["id", "E", "must be 2–16 capital letters or digits (e.g. EU, EAEU)"],
    ["id", "eu", "must be 2–16 capital letters or digits (e.g. EU, EAEU)"],
    ["id", "E-U", "must be 2–16 capital letters or digits (e.g. EU, EAEU)"],
    ["id", "1EU", "must be 2–16 capital letters or digits (e.g. EU, EAEU)"],
    ["id", "ABCDEFGHIJKLMNOPQ", "must be 2–16 capital letters or digits (e.g. EU, EAEU)"],
    ["name", "", "is empty"],
    ["description", " ", "is empty"],
    ["membership_as_of", "2025-06", "must be a date as YYYY-MM-DD"],
    ["membership_as_of", "2025-06-31", "2025-06-31 is not a day of the calendar"],
    ["members", "", "lists no country"],
    ["members", "  ", "lists no country"],
    ["members", "us CN", '"us" is not an ISO 3166-1 alpha-2 code'],
    ["members", "US XX", '"XX" is not an ISO 3166-1 alpha-2 code'],
    ["members", "US,CA", '"US,CA" is not an ISO 3166-1 alpha-2 code'],
    ["members", "US CA US", "lists a country twice"],
    ["source_url", "europa.eu", "is not an http(s) URL"],
  ])("refuses %s = %j", (column, value, message) => {
    expectOneIssue(BlocCsvRowSchema, { ...BLOC, [column]: value }, column, message);
  });

  it("names each bad member code", () => {
    expect(issuesOf(BlocCsvRowSchema, { ...BLOC, members: "XX YY" })).toEqual([
      ["members", '"XX" is not an ISO 3166-1 alpha-2 code'],
      ["members", '"YY" is not an ISO 3166-1 alpha-2 code'],
    ]);
  });
});

const SHOCK = {
  slug: "china-ban-2021",
  date: "2021-05-21",
  end_date: "2021-07-17",
  kind: "ban",
  countries: "CN",
  title: "China bans Bitcoin mining",
  description: "Provincial shutdowns followed.",
  source_url: "https://example.org/ban",
};

describe("ShockCsvRowSchema", () => {
  it("reads a row of shock_events.csv", () => {
    expect(parsed(ShockCsvRowSchema, SHOCK)).toEqual({ ...SHOCK, countries: ["CN"] });
  });

  it.each<[string, unknown, unknown]>([
    ["end_date", "", null],
    ["end_date", " ", null],
    ["end_date", "2021-05-21", "2021-05-21"],
    ["slug", "abc", "abc"],
    ["slug", "x".repeat(64), "x".repeat(64)],
    ["countries", "KZ RU", ["KZ", "RU"]],
    ...shockKinds.map((kind): [string, unknown, unknown] => ["kind", kind, kind]),
  ])("reads %s = %j as %j", (column, value, expected) => {
    expect(parsed(ShockCsvRowSchema, { ...SHOCK, [column]: value })).toHaveProperty([column], expected);
  });

  it.each([
    // The message used to blame the characters of a slug that was only too short or too long.
    ["slug", "ab", "must be 3–64 lowercase letters, digits and dashes"],
    ["slug", "x".repeat(65), "must be 3–64 lowercase letters, digits and dashes"],
    ["slug", "China-Ban", "must be 3–64 lowercase letters, digits and dashes"],
    ["slug", "a_b_c", "must be 3–64 lowercase letters, digits and dashes"],
    ["date", "21 May 2021", "must be a date as YYYY-MM-DD"],
    ["end_date", "2021/07/17", "must be a date as YYYY-MM-DD"],
    ["end_date", "2021-05-20", "is before date"],
    ["kind", "war", /expected one of "ban"\|"restriction"\|"blackout"\|"tariff"/],
    ["countries", "", "lists no country"],
    ["title", "", "is empty"],
    ["description", "", "is empty"],
    ["source_url", "", "is not an http(s) URL"],
  ])("refuses %s = %j", (column, value, message) => {
    expectOneIssue(ShockCsvRowSchema, { ...SHOCK, [column]: value }, column, message);
  });
});
