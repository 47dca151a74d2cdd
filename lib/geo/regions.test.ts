import { iso31662 } from "iso-3166";
import { describe, expect, it } from "vitest";
import { ISO_NAME_REPAIRS, REGION_CODE, allRegions, regionByCode, regionsOfCountry, resolveRegion } from "./regions";

describe("region reference (ISO 3166-2 first-level subdivisions)", () => {
  it("lists every region of the countries the seed touches, with a valid code and a name", () => {
    const counts = Object.fromEntries(["US", "CA", "CN", "RU", "KZ", "PY", "SE", "NO", "ET", "AE"].map((c) => [c, regionsOfCountry(c).length]));
    // US: 50 states, DC and the six outlying areas ISO lists; RU: the 83 subjects ISO 3166-2 lists.
    expect(counts).toEqual({ US: 57, CA: 13, CN: 34, RU: 83, KZ: 20, PY: 18, SE: 21, NO: 13, ET: 13, AE: 7 });
    for (const r of allRegions()) {
      expect(r.code, r.code).toMatch(REGION_CODE);
      expect(r.code.startsWith(`${r.countryIso2}-`), r.code).toBe(true);
      expect(r.name.trim().length, r.code).toBeGreaterThan(1);
      expect(r.name, r.code).not.toMatch(/-$/);
    }
    expect(new Set(allRegions().map((r) => r.code)).size).toBe(allRegions().length);
  });

  it("counts every region with the country its ISO code names: the occupied oblasts of Russia's 2025 ban list with Ukraine", () => {
    const occupied = ["UA-14", "UA-09", "UA-23", "UA-65"];
    expect(regionByCode("UA-14")).toEqual({ code: "UA-14", countryIso2: "UA", name: "Donetska oblast" });
    expect(occupied.map((code) => regionByCode(code)?.countryIso2)).toEqual(["UA", "UA", "UA", "UA"]);
    const ukraine = regionsOfCountry("UA").map((r) => r.code);
    expect(occupied.filter((code) => !ukraine.includes(code))).toEqual([]);
    expect(ukraine).toContain("UA-43"); // Crimea
    expect(ukraine).toContain("UA-40"); // Sevastopol
    expect(regionsOfCountry("RU").filter((r) => !r.code.startsWith("RU-"))).toEqual([]);
    // The Russian regions of the ban list are Russia's.
    expect(["RU-DA", "RU-IN", "RU-KB", "RU-KC", "RU-SE", "RU-CE"].map((code) => regionByCode(code)?.countryIso2)).toEqual(["RU", "RU", "RU", "RU", "RU", "RU"]);
  });

  it("keeps the Chinese letter codes and Kazakhstan's 2022 regions", () => {
    expect(regionByCode("CN-XJ")?.name).toBe("Xinjiang Uygur Zizhiqu");
    expect(regionByCode("CN-65")).toBeUndefined();
    expect(["KZ-10", "KZ-33", "KZ-62"].map((c) => regionByCode(c)?.countryIso2)).toEqual(["KZ", "KZ", "KZ"]);
  });

  it("repairs only names the package still cuts off", () => {
    const packaged = new Map(iso31662.map((e) => [e.code, e.name]));
    for (const [code, name] of Object.entries(ISO_NAME_REPAIRS)) {
      expect(packaged.get(code), `${code}: iso-3166 now has the full name; drop the repair`).not.toBe(name);
      expect(name.startsWith(packaged.get(code) ?? "?"), code).toBe(true);
      expect(regionByCode(code)?.name).toBe(name);
    }
  });

  it.each([
    ["US", "Texas", "US-TX"],
    ["US", "TX", "US-TX"],
    ["US", "us-tx", "US-TX"],
    ["US", "Washington State", "US-WA"],
    ["US", "New York", "US-NY"],
    ["CA", "QC", "CA-QC"],
    ["CA", "Quebec", "CA-QC"],
    ["CN", "Xinjiang", "CN-XJ"],
    ["CN", "Inner Mongolia", "CN-NM"],
    ["CN", "Beijing", "CN-BJ"],
    ["RU", "Irkutsk Oblast", "RU-IRK"],
    ["RU", "Irkutsk Oblast (southern districts)", "RU-IRK"],
    ["RU", "Republic of Buryatia", "RU-BU"],
    ["RU", "Tver Oblast", "RU-TVE"],
    ["UA", "UA-14", "UA-14"],
    ["UA", "14", "UA-14"],
    ["KZ", "Pavlodar", "KZ-55"],
    ["SE", "Norrbotten", "SE-BD"],
    ["NO", "Trøndelag", "NO-50"],
    ["PY", "Alto Paraná", "PY-10"],
    ["OM", "Dhofar", "OM-ZU"],
  ])("resolves %s %j to %s", (country, text, code) => {
    expect(resolveRegion(country, text)?.code).toBe(code);
  });

  it.each([
    ["US", "", "empty"],
    ["US", "West", "no region"],
    ["KZ", "Almaty", "the city and the region share the name"],
    ["US", "Quebec", "another country's region"],
    ["RU", "UA-14", "Ukraine's, as its ISO code says"],
    ["CN", "TX", "not a code of the country"],
  ])("resolves %s %j to nothing (%s)", (country, text) => {
    expect(resolveRegion(country, text)).toBeUndefined();
  });
});
