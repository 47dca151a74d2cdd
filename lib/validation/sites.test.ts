import { describe, expect, it } from "vitest";
import { expectOneIssue, issuesOf, parsed } from "../../tests/support/schema";
import { asOfFromNote, countryCell, SiteCsvRowSchema, siteStatusFromNote } from "./sites";

describe("countryCell", () => {
  it.each([
    ["United States", "US"],
    ["US", "US"],
    ["CAN", "CA"],
    ["Russian Federation", "RU"],
  ])("reads %j as %s", (text, iso2) => {
    expect(parsed(countryCell, text)).toBe(iso2);
  });

  it.each(["Narnia", ""])("refuses %j", (text) => {
    expectOneIssue(countryCell, text, "", `"${text}" is not a known country`);
  });
});

describe("siteStatusFromNote", () => {
  it.each([
    // A leading state word is the current state.
    ["operating; 700 MW total", "operating"],
    ["Operating since 2019, closed in 2023", "operating"],
    ["closed 2024", "closed"],
    ["sold to another operator in 2023", "closed"],
    ["planned for 2026", "planned"],
    ["under construction", "planned"],
    ["Under development", "planned"],
    ["development stage", "planned"],
    ["converting to AI/HPC", "converted"],
    ["curtailed in 2022", "curtailed"],
    // Otherwise the first matching rule, most final state first.
    ["operated since 2020; now converted to AI/HPC", "converted"],
    ["the power supply was halted in 2023", "closed"],
    ["shut down in 2022", "closed"],
    ["partly curtailed during the summer", "curtailed"],
    ["power contract signed 2024", "planned"],
    ["start-up expected 2026", "planned"],
    ["status not disclosed", "planned"],
    ["energized 2021", "operating"],
    ["energised 2021", "operating"],
    ["commissioned 2021", "operating"],
    ["aggregate row of several sites", "operating"],
  ])("%j → %s", (note, status) => {
    expect(siteStatusFromNote(note)).toBe(status);
  });

  it.each(["rumoured", "", "see source"])("finds no status in %j", (note) => {
    expect(siteStatusFromNote(note)).toBeUndefined();
  });
});

describe("asOfFromNote", () => {
  it.each([
    ["operating; 2019 expansion, 2024 filing", "2024"],
    ["closed 2023", "2023"],
    ["operating", null],
    ["operating since 1999", null],
    ["unit 12025 commissioned", null],
  ])("%j → %j (the latest year the note mentions)", (note, asOf) => {
    expect(asOfFromNote(note)).toBe(asOf);
  });
});

const SITE = {
  site: "Rockdale",
  operator: "Riot Platforms",
  country: "United States",
  region_city: "Rockdale, TX",
  lat_approx: "30.655",
  lon_approx: "-97.001",
  capacity_MW: "700",
  hashrate_EH_s: "",
  energy_source: "ERCOT grid",
  status_note: "operating; 700 MW per the 2025 10-Q",
  certainty: "high",
  source_url: "https://example.org/10-q",
};

describe("SiteCsvRowSchema", () => {
  it("reads a row of mining_sites.csv", () => {
    expect(parsed(SiteCsvRowSchema, SITE)).toEqual({
      ...SITE,
      country: "US",
      lat_approx: 30.655,
      lon_approx: -97.001,
      capacity_MW: 700,
      hashrate_EH_s: null,
    });
  });

  it.each([
    ["region_city", "", null],
    ["energy_source", " ", null],
    ["lat_approx", "-90", -90],
    ["lat_approx", "90", 90],
    ["lon_approx", "-180", -180],
    ["lon_approx", "180", 180],
    ["capacity_MW", "", null],
    ["capacity_MW", "0", 0],
    ["hashrate_EH_s", "12.5", 12.5],
    ["certainty", "medium", "medium"],
    ["certainty", "low", "low"],
  ])("reads %s = %j as %j", (column, value, expected) => {
    expect(parsed(SiteCsvRowSchema, { ...SITE, [column]: value })).toHaveProperty([column], expected);
  });

  it("accepts a site known only by its country (no coordinates)", () => {
    expect(parsed(SiteCsvRowSchema, { ...SITE, lat_approx: "", lon_approx: "" })).toMatchObject({ lat_approx: null, lon_approx: null });
  });

  it.each([
    ["site", "", "is empty"],
    ["operator", " ", "is empty"],
    ["country", "Narnia", '"Narnia" is not a known country'],
    ["lat_approx", "95", "must be within -90…90"],
    ["lat_approx", "north", '"north" is not a number'],
    ["lon_approx", "-181", "must be within -180…180"],
    ["capacity_MW", "-1", "must be ≥ 0"],
    ["capacity_MW", "1,200", '"1,200" has a comma: write a number without thousands separators (1200) or with a decimal dot (1.200)'],
    ["hashrate_EH_s", "-0.1", "must be ≥ 0"],
    ["status_note", "rumoured", "does not state a status (operating, planned, curtailed, closed or converted)"],
    ["certainty", "sure", /expected one of "high"\|"medium"\|"low"/],
    ["source_url", "see filing", "is not an http(s) URL"],
  ])("refuses %s = %j", (column, value, message) => {
    expectOneIssue(SiteCsvRowSchema, { ...SITE, [column]: value }, column, message);
  });

  it.each([
    ["a latitude without a longitude", { lon_approx: "" }],
    ["a longitude without a latitude", { lat_approx: "" }],
  ])("refuses %s, naming lon_approx", (_label, change) => {
    expectOneIssue(SiteCsvRowSchema, { ...SITE, ...change }, "lon_approx", "latitude and longitude must both be given or both be empty");
  });

  it("says both that an empty status note is empty and that it states no status", () => {
    expect(issuesOf(SiteCsvRowSchema, { ...SITE, status_note: "" })).toEqual([
      ["status_note", "is empty"],
      ["status_note", "does not state a status (operating, planned, curtailed, closed or converted)"],
    ]);
  });
});
