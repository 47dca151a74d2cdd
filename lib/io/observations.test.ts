import { describe, expect, it } from "vitest";
import { countriesOfJurisdiction } from "../validation/observations";
import { parseShockObservationsCsv } from "./observations";

const HEADER = "event_id,event,date_utc,jurisdiction,metric,value,unit,certainty,source_url,note";
const KZ = "kz-2022-01,Kazakhstan internet shutdown,2022-01-05,KZ,network_hashrate,205,EH/s,quoting YCharts,https://example.org/kz,before";
const RANGE = "ru-2025-01,Irkutsk ban,2025-01-01..2025-01-31,RU,share_offline,18..23,%,derived: 305 MW / 1300-1700 MW,https://example.org/ru,";
const POLICY = "ve-2024-05,Venezuela disconnects miners,2024-05-18..2024-05-27,VE,share_offline,,%,policy,https://example.org/ve,value empty";
const FILE = "shock_observations.csv";

describe("parseShockObservationsCsv", () => {
  it("reads a figure, a range and a policy row with no figure", () => {
    const { observations, issues } = parseShockObservationsCsv(`${HEADER}\n${KZ}\n${RANGE}\n${POLICY}\n`, FILE);
    expect(issues).toEqual([]);
    expect(observations).toEqual([
      {
        eventId: "kz-2022-01",
        event: "Kazakhstan internet shutdown",
        dateLabel: "2022-01-05",
        date: "2022-01-05",
        endDate: "2022-01-05",
        jurisdiction: "KZ",
        metric: "network_hashrate",
        valueText: "205",
        valueLow: 205,
        valueHigh: 205,
        unit: "EH/s",
        certainty: "quoting YCharts",
        sourceUrl: "https://example.org/kz",
        note: "before",
      },
      expect.objectContaining({
        dateLabel: "2025-01-01..2025-01-31",
        date: "2025-01-01",
        endDate: "2025-01-31",
        valueText: "18..23",
        valueLow: 18,
        valueHigh: 23,
        note: null,
      }),
      expect.objectContaining({ eventId: "ve-2024-05", valueText: "", valueLow: null, valueHigh: null }),
    ]);
  });

  it.each([
    ["a month for a date", KZ.replace("2022-01-05", "2022-01"), "date_utc", '"2022-01" must be a day YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD'],
    ["a day that does not exist", KZ.replace("2022-01-05", "2022-02-30"), "date_utc", "2022-02-30 is not a day of the calendar"],
    [
      "a range that runs backwards",
      KZ.replace("2022-01-05", "2022-01-07..2022-01-05"),
      "date_utc",
      "the range ends (2022-01-05) before it starts (2022-01-07)",
    ],
    ["an unknown country", KZ.replace(",KZ,", ",XX,"), "jurisdiction", '"XX" in "XX" is not an ISO 3166-1 alpha-2 country'],
    [
      "a country name",
      KZ.replace(",KZ,", ",Kazakhstan,"),
      "jurisdiction",
      '"Kazakhstan" is not an ISO 3166-1 or 3166-2 code (e.g. KZ, US-TX; several joined by ";")',
    ],
    ["an unknown metric", KZ.replace("network_hashrate", "hashprice"), "metric", /expected one of "network_hashrate"\|/],
    ["a unit the metric is not in", KZ.replace("EH/s", "%"), "unit", '"%" is not a unit of network_hashrate (EH/s)'],
    ["a decimal comma", KZ.replace(",205,", ',"205,5",'), "value", '"205,5" must be a number, a range a..b, or empty'],
    ["a range that runs downwards", RANGE.replace("18..23", "23..18"), "value", 'the range "23..18" runs downwards'],
    ["a zero hashrate", KZ.replace(",205,", ",0,"), "value", "0 EH/s must be > 0 for network_hashrate"],
    ["a share above 100 %", RANGE.replace("18..23", "18..123"), "value", "18..123 % must be within 0…100 % for share_offline"],
    [
      "a fall of more than everything",
      KZ.replace("network_hashrate,205,EH/s", "network_hashrate_change,-120,%"),
      "value",
      "-120 % must be ≥ -100 % for network_hashrate_change",
    ],
    ["a source that is not a URL", KZ.replace("https://example.org/kz", "CoinDesk"), "source_url", "is not an http(s) URL"],
    ["an upper-case event id", KZ.replace("kz-2022-01", "KZ-2022-01"), "event_id", "must be 3–64 lowercase letters, digits and dashes (e.g. kz-2022-01)"],
  ])("refuses %s, naming the file, line and column", (_label, bad, column, message) => {
    const { observations, issues } = parseShockObservationsCsv(`${HEADER}\n${KZ}\n${bad}\n`, FILE);
    expect(observations).toHaveLength(1);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: FILE, line: 3, column });
    if (typeof message === "string") expect(issues[0]?.message).toBe(message);
    else expect(issues[0]?.message).toMatch(message);
  });
});

describe("countriesOfJurisdiction", () => {
  it.each([
    ["KZ", ["KZ"]],
    ["US-TX", ["US"]],
    ["CN-XJ", ["CN"]],
    ["US;IR", ["US", "IR"]],
    ["RU-IRK;RU-BU;RU-ZAB", ["RU"]],
    // The occupied Ukrainian oblasts in the Russian ban list keep their UA- codes, as ISO does.
    ["RU-DA;UA-14;UA-09", ["RU", "UA"]],
    ["XX", []],
    ["Texas", []],
  ])("%s → %j", (jurisdiction, countries) => {
    expect(countriesOfJurisdiction(jurisdiction)).toEqual(countries);
  });
});
