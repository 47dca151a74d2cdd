import { describe, expect, it } from "vitest";
import { allCountries, resolveCountry } from "./countries";

describe("allCountries", () => {
  it("holds the ISO 3166-1 list with codes, names and regions from the libraries", () => {
    const list = allCountries();
    expect(list.length).toBeGreaterThanOrEqual(249);
    expect(new Set(list.map((c) => c.iso2)).size).toBe(list.length);
    expect(new Set(list.map((c) => c.iso3)).size).toBe(list.length);
    expect(new Set(list.map((c) => c.isoNumeric)).size).toBe(list.length);
    const us = list.find((c) => c.iso2 === "US");
    expect(us).toMatchObject({ iso3: "USA", isoNumeric: "840", name: "United States", region: "Americas" });
    expect(list.filter((c) => c.region === null).map((c) => c.iso2).length).toBeLessThan(5);
  });
});

describe("resolveCountry", () => {
  it.each([
    ["Mainland China", "CN"],
    ["Russian Federation", "RU"],
    ["Iran, Islamic Rep.", "IR"],
    ["Germany *", "DE"],
    ["Ireland *", "IE"],
    ["United States", "US"],
    ["Russia", "RU"],
    ["United Arab Emirates", "AE"],
    ["Canada (Quebec)", "CA"],
    ["China (Mainland)", "CN"],
    ["us", "US"],
    ["USA", "US"],
    ["840", "US"],
    ["Kosovo", "XK"],
    ["El Salvador", "SV"],
  ])("%s → %s", (input, iso2) => {
    expect(resolveCountry(input)?.iso2).toBe(iso2);
  });

  it.each(["Other", "", "Atlantis", "ZZ", "China + Russia (combined)", "Africa (region)"])("%j is not a country", (input) => {
    expect(resolveCountry(input)).toBeUndefined();
  });
});
