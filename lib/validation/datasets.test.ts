import { describe, expect, it } from "vitest";
import { expectOneIssue, issuesOf, parsed } from "../../tests/support/schema";
import { DatasetMetaSchema } from "./datasets";
import { datasetKinds } from "./vocabulary";

const META = {
  slug: "cbeci-monthly",
  kind: "shares",
  title: "CBECI Mining Map",
  publisher: "CCAF",
  url: "https://ccaf.io/cbnsi/cbeci/mining_map",
  licence: "cite CCAF",
  retrievedAt: "2026-11-26",
};

describe("DatasetMetaSchema (seed/datasets.json entries)", () => {
  it("reads an entry; method and caveats default to null", () => {
    expect(parsed(DatasetMetaSchema, META)).toEqual({ ...META, method: null, caveats: null, coverage: "network" });
  });

  it.each<[string, unknown, unknown]>([
    ["slug", "ab", "ab"],
    ["slug", `a${"b".repeat(63)}`, `a${"b".repeat(63)}`],
    ["title", " CBECI ", "CBECI"],
    ["method", "survey", "survey"],
    ["caveats", null, null],
    ["coverage", "partial", "partial"],
    ...datasetKinds.map((kind): [string, unknown, unknown] => ["kind", kind, kind]),
  ])("reads %s = %j as %j", (field, value, expected) => {
    expect(parsed(DatasetMetaSchema, { ...META, [field]: value })).toHaveProperty([field], expected);
  });

  it.each([
    ["slug", "a", "must be 2–64 lowercase letters, digits and dashes"],
    ["slug", "CBECI", "must be 2–64 lowercase letters, digits and dashes"],
    ["slug", "-cbeci", "must be 2–64 lowercase letters, digits and dashes"],
    ["slug", `a${"b".repeat(64)}`, "must be 2–64 lowercase letters, digits and dashes"],
    ["kind", "gold", /expected one of "shares"\|"network"\|"retargets"\|"prices"\|"sites"\|"events"\|"observations"\|"blocs"\|"shocks"\|"subnational"/],
    // A blank title, publisher or licence used to pass: provenance must say something.
    ["title", " ", "is empty"],
    ["publisher", "", "is empty"],
    ["licence", "  ", "is empty"],
    ["url", "ccaf.io", "is not an http(s) URL"],
    ["retrievedAt", "26/11/2026", "must be a date as YYYY-MM-DD"],
    ["retrievedAt", "2026-11-31", "2026-11-31 is not a day of the calendar"],
    ["method", 3, /expected string/],
  ])("refuses %s = %j", (field, value, message) => {
    expectOneIssue(DatasetMetaSchema, { ...META, [field]: value }, field, message);
  });

  it("names every missing field", () => {
    expect(issuesOf(DatasetMetaSchema, {}).map(([path]) => path)).toEqual(["slug", "kind", "title", "publisher", "url", "licence", "retrievedAt"]);
  });
});
