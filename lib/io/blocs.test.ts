import { describe, expect, it } from "vitest";
import { parseBlocsCsv, parseShockEventsCsv } from "./blocs";

const BLOCS = "id,name,description,membership_as_of,members,source_url";
const USMCA = 'USMCA,USMCA,"Canada, Mexico and the United States",2025-06-30,CA MX US,https://example.org/usmca';

describe("parseBlocsCsv", () => {
  it("reads a bloc with its members", () => {
    expect(parseBlocsCsv(`${BLOCS}\n${USMCA}\n`, "blocs.csv")).toEqual({
      blocs: [
        {
          id: "USMCA",
          name: "USMCA",
          description: "Canada, Mexico and the United States",
          membershipAsOf: "2025-06-30",
          sourceUrl: "https://example.org/usmca",
          members: ["CA", "MX", "US"],
        },
      ],
      issues: [],
    });
  });

  it.each([
    ["a lower-case id", USMCA.replace("USMCA,USMCA", "usmca,USMCA"), "id", "must be 2–16 capital letters or digits (e.g. EU, EAEU)"],
    ["a member twice", USMCA.replace("CA MX US", "CA MX CA"), "members", "lists a country twice"],
    ["a comma-separated member list", USMCA.replace("CA MX US", '"CA,MX"'), "members", '"CA,MX" is not an ISO 3166-1 alpha-2 code'],
    ["no members", USMCA.replace("CA MX US", ""), "members", "lists no country"],
  ])("refuses %s, naming the line and column", (_label, bad, column, message) => {
    const { blocs, issues } = parseBlocsCsv(`${BLOCS}\n${USMCA}\n${bad}\n`, "blocs.csv");
    expect(blocs).toHaveLength(1);
    expect(issues).toEqual([{ file: "blocs.csv", line: 3, column, message }]);
  });
});

const SHOCKS = "slug,date,end_date,kind,countries,title,description,source_url";
const KAZAKHSTAN = "kz-shutdown-2022,2022-01-05,2022-01-07,blackout,KZ,Kazakhstan internet shutdown,The network lost about 13 %.,https://example.org/kz";

describe("parseShockEventsCsv", () => {
  it("reads a shock event with its countries; an open-ended event has no end date", () => {
    const open = KAZAKHSTAN.replace("2022-01-07", "").replace("kz-shutdown-2022", "kz-open");
    const { shocks, issues } = parseShockEventsCsv(`${SHOCKS}\n${KAZAKHSTAN}\n${open}\n`, "shocks.csv");
    expect(issues).toEqual([]);
    expect(shocks).toEqual([
      {
        slug: "kz-shutdown-2022",
        date: "2022-01-05",
        endDate: "2022-01-07",
        kind: "blackout",
        title: "Kazakhstan internet shutdown",
        description: "The network lost about 13 %.",
        sourceUrl: "https://example.org/kz",
        countries: ["KZ"],
      },
      expect.objectContaining({ slug: "kz-open", endDate: null }),
    ]);
  });

  it.each([
    ["an end before the start", KAZAKHSTAN.replace("2022-01-07", "2022-01-04"), "end_date", "is before date"],
    ["an unknown kind", KAZAKHSTAN.replace("blackout", "war"), "kind", /expected one of "ban"\|"restriction"\|"blackout"\|"tariff"/],
    ["an unknown country", KAZAKHSTAN.replace(",KZ,", ",QQ,"), "countries", '"QQ" is not an ISO 3166-1 alpha-2 code'],
    ["a short slug", KAZAKHSTAN.replace("kz-shutdown-2022", "kz"), "slug", "must be 3–64 lowercase letters, digits and dashes"],
  ])("refuses %s, naming the line and column", (_label, bad, column, message) => {
    const { issues } = parseShockEventsCsv(`${SHOCKS}\n${bad}\n`, "shocks.csv");
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: "shocks.csv", line: 2, column });
    if (typeof message === "string") expect(issues[0]?.message).toBe(message);
    else expect(issues[0]?.message).toMatch(message);
  });
});
