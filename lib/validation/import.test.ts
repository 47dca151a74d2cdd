import { afterEach, describe, expect, it, vi } from "vitest";
import { expectOneIssue, issuesOf, parsed } from "../../tests/support/schema";
import { ImportQuery, importKinds, importMeta } from "./import";

const QUERY = { kind: "shares", dataset: "my-shares", publisher: "Test Lab", url: "https://example.org/data", licence: "CC-BY-4.0" };

describe("ImportQuery", () => {
  it.each<[string, unknown, unknown]>([
    ["title", " My shares ", "My shares"],
    ["title", "t".repeat(200), "t".repeat(200)],
    ["publisher", " Test Lab ", "Test Lab"],
    ["retrievedAt", "2024-02-29", "2024-02-29"],
    ["method", " survey ", "survey"],
    ["method", "", ""],
    ["dryRun", "1", "1"],
    ["dryRun", "0", "0"],
    ["coverage", "network", "network"],
    ["coverage", "partial", "partial"],
    ["dataset", "ab", "ab"],
    ...importKinds.map((kind): [string, unknown, unknown] => ["kind", kind, kind]),
  ])("reads %s = %j as %j", (field, value, expected) => {
    expect(parsed(ImportQuery, { ...QUERY, [field]: value })).toHaveProperty([field], expected);
  });

  it.each([
    ["kind", "network", /expected one of "shares"\|"sites"\|"prices"/],
    ["dataset", "My Shares", "must be 2–64 lowercase letters, digits and dashes"],
    ["dataset", "a", "must be 2–64 lowercase letters, digits and dashes"],
    ["title", " ", "is empty: omit it to use the slug"],
    ["title", "t".repeat(201), /expected string to have <=200 characters/],
    ["publisher", " ", "is required: who published the data"],
    ["publisher", "p".repeat(201), /expected string to have <=200 characters/],
    ["url", "example.org", "is not an http(s) URL"],
    ["url", "ftp://example.org", "is not an http(s) URL"],
    ["licence", "", "is required: the licence or attribution"],
    ["licence", "l".repeat(501), /expected string to have <=500 characters/],
    ["retrievedAt", "2024-2-1", "must be a date as YYYY-MM-DD"],
    ["retrievedAt", "2023-02-29", "2023-02-29 is not a day of the calendar"],
    ["method", "m".repeat(2001), /expected string to have <=2000 characters/],
    ["dryRun", "true", /expected one of "0"\|"1"/],
  ])("refuses %s = %j", (field, value, message) => {
    expectOneIssue(ImportQuery, { ...QUERY, [field]: value }, field, message);
  });

  it("names each missing provenance field", () => {
    expect(issuesOf(ImportQuery, { kind: "shares", dataset: "my-shares" }).map(([path]) => path)).toEqual(["publisher", "url", "licence"]);
  });
});

describe("importMeta", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("makes the provenance record of the dataset: title defaults to the slug, retrievedAt to today (UTC)", () => {
    vi.useFakeTimers({ now: new Date("2026-03-04T23:30:00Z") });
    expect(importMeta(parsed(ImportQuery, QUERY))).toEqual({
      slug: "my-shares",
      kind: "shares",
      title: "my-shares",
      publisher: "Test Lab",
      url: "https://example.org/data",
      licence: "CC-BY-4.0",
      retrievedAt: "2026-03-04",
      method: null,
      caveats: null,
      coverage: "network",
    });
  });

  it("marks a partial-coverage import, which stays out of the best estimate", () => {
    expect(importMeta(parsed(ImportQuery, { ...QUERY, coverage: "partial" })).coverage).toBe("partial");
  });

  it("keeps a given title, retrieval date and method", () => {
    const meta = importMeta(parsed(ImportQuery, { ...QUERY, kind: "prices", title: "Prices", retrievedAt: "2025-01-31", method: "tariffs" }));
    expect(meta).toMatchObject({ kind: "prices", title: "Prices", retrievedAt: "2025-01-31", method: "tariffs" });
  });
});
