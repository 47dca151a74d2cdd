import { describe, expect, it } from "vitest";
import { parseSitesCsv } from "./sites";

const HEADER = "site,operator,country,region_city,lat_approx,lon_approx,capacity_MW,hashrate_EH_s,energy_source,status_note,certainty,source_url";
const sites = (...rows: string[]) => [HEADER, ...rows].join("\r\n") + "\r\n";
const ROCKDALE =
  'Rockdale,Riot Platforms,United States,"Rockdale, TX",30.655,-97.001,700,,ERCOT grid,"operating; 700 MW per the 2025 10-Q",high,https://example.org/10-q';

describe("parseSitesCsv", () => {
  it("reads a site in the seed's layout: country as ISO code, status and its year from the note", () => {
    const { sites: parsed, issues } = parseSitesCsv(sites(ROCKDALE), "sites.csv");
    expect(issues).toEqual([]);
    expect(parsed).toEqual([
      {
        name: "Rockdale",
        operator: "Riot Platforms",
        countryIso2: "US",
        locality: "Rockdale, TX",
        lat: 30.655,
        lon: -97.001,
        capacityMw: 700,
        hashrateEh: null,
        energySource: "ERCOT grid",
        status: "operating",
        statusNote: "operating; 700 MW per the 2025 10-Q",
        asOf: "2025",
        certainty: "high",
        sourceUrl: "https://example.org/10-q",
        regionCode: "US-TX",
        regionMethod: "polygon",
      },
    ]);
  });

  it("places an imported site in a region: by its point where a polygon holds it, else by its address", () => {
    const offshore = ROCKDALE.replace("30.655,-97.001", "27.0,-95.0").replace('"Rockdale, TX"', '"Gulf platform, LA"');
    const unlocated = ROCKDALE.replace("30.655,-97.001", ",").replace('"Rockdale, TX"', "Ohio (town not stated)");
    const { sites: parsed } = parseSitesCsv(sites(ROCKDALE, offshore, unlocated), "sites.csv");
    expect(parsed.map((s) => [s.regionCode, s.regionMethod])).toEqual([
      ["US-TX", "polygon"],
      ["US-LA", "address"],
      ["US-OH", "address"],
    ]);
  });

  it.each([
    ["closed in 2023", "closed", "2023"],
    ["converted to AI/HPC (2025)", "converted", "2025"],
    ["curtailed", "curtailed", null],
    ["under construction; energization 2026", "planned", "2026"],
  ])("reads the status note %j as %s, as of %j", (note, status, asOf) => {
    const { sites: parsed } = parseSitesCsv(sites(`Site,Op,Canada,,,,,5,hydro,${note},low,https://example.org/s`), "sites.csv");
    expect(parsed[0]).toMatchObject({ countryIso2: "CA", lat: null, lon: null, capacityMw: null, hashrateEh: 5, status, asOf });
  });

  it.each([
    ["a latitude out of range", ROCKDALE.replace("30.655", "95"), "lat_approx", "must be within -90…90"],
    ["an unknown country", ROCKDALE.replace("United States", "Narnia"), "country", '"Narnia" is not a known country'],
    ["a latitude without a longitude", ROCKDALE.replace("-97.001", ""), "lon_approx", "latitude and longitude must both be given or both be empty"],
    ["a note without a status", ROCKDALE.replace('"operating; 700 MW per the 2025 10-Q"', "see filing"), "status_note", /does not state a status/],
    ["an unknown certainty", ROCKDALE.replace(",high,", ",sure,"), "certainty", /expected one of "high"\|"medium"\|"low"/],
    ["a negative capacity", ROCKDALE.replace(",700,", ",-700,"), "capacity_MW", "must be ≥ 0"],
  ])("refuses %s, naming the line and column", (_label, bad, column, message) => {
    const { sites: parsed, issues } = parseSitesCsv(sites(ROCKDALE, bad), "sites.csv");
    expect(parsed).toHaveLength(1);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: "sites.csv", line: 3, column });
    if (typeof message === "string") expect(issues[0]?.message).toBe(message);
    else expect(issues[0]?.message).toMatch(message);
  });

  it("reads a ';'-separated file with decimal commas when told so", () => {
    const text = `${HEADER.replace(/,/g, ";")}\nSite;Op;Norway;;69,65;18,96;40;;hydro;operating;medium;https://example.org/n\n`;
    const { sites: parsed, issues } = parseSitesCsv(text, "sites.csv", { delimiter: ";", decimalComma: true });
    expect(issues).toEqual([]);
    expect(parsed[0]).toMatchObject({ countryIso2: "NO", lat: 69.65, lon: 18.96, capacityMw: 40 });
  });
});
