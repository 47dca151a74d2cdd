import { describe, expect, it } from "vitest";
import {
  BASE_ANNUAL_RATE,
  BASE_FRACTION,
  BLOC_ANNUAL_RATE,
  BLOC_FRACTION,
  defaultBlocEvent,
  defaultCountryEvent,
  probabilityWithin,
  type RecordedShock,
  SHOCK_RECORD_START,
  shockRecord,
  yearsBetween,
} from "./defaults";

// The seeded record (seed/shock_events.csv): China's 2021 ban, Sichuan 2021 and Xinjiang 2025
// restrictions, Kazakhstan's 2022 blackout; retrieved 2026-11-26.
const SEEDED: RecordedShock[] = [
  { kind: "ban", date: "2021-05-21", countries: ["CN"] },
  { kind: "restriction", date: "2021-06-19", countries: ["CN"] },
  { kind: "blackout", date: "2022-01-05", countries: ["KZ"] },
  { kind: "restriction", date: "2025-12-14", countries: ["CN"] },
];
const record = shockRecord(SEEDED, ["2026-11-26"]);
const YEARS = (Date.parse("2026-11-26") - Date.parse("2019-09-01")) / 86_400_000 / 365.25;

describe("default probabilities (a heuristic from the recorded shocks)", () => {
  it("covers the record from 2019-09 to its retrieval", () => {
    expect(record).toMatchObject({ from: SHOCK_RECORD_START, to: "2026-11-26" });
    expect(yearsBetween(record.from, record.to)).toBeCloseTo(YEARS, 12);
    // Without a retrieval date the latest shock ends the window; a shock before 2019-09 is not counted.
    expect(shockRecord([...SEEDED, { kind: "ban", date: "2018-01-01", countries: ["XX"] }], []).to).toBe("2025-12-14");
    expect(shockRecord([{ kind: "ban", date: "2018-01-01", countries: ["XX"] }], []).shocks).toEqual([]);
  });

  it.each([
    // China: 3 shocks in 7.24 years; fraction the mean of ban 1 and two restrictions 0.25.
    ["CN", 365, 1 - Math.exp((-3 / YEARS) * (365 / 365.25)), 0.5],
    ["KZ", 365, 1 - Math.exp((-1 / YEARS) * (365 / 365.25)), 0.5],
    ["KZ", 30, 1 - Math.exp((-1 / YEARS) * (30 / 365.25)), 0.5],
    ["US", 365, 1 - Math.exp(-BASE_ANNUAL_RATE * (365 / 365.25)), BASE_FRACTION],
  ])("%s over %i days", (iso2, horizon, probability, fraction) => {
    const e = defaultCountryEvent(iso2, record, horizon);
    expect(e.probability).toBeCloseTo(probability, 12);
    expect(e.fraction).toBeCloseTo(fraction, 12);
    expect(e.heuristic).toMatch(/P = 1 − exp/);
  });

  it("says where each number comes from", () => {
    expect(defaultCountryEvent("CN", record, 365).heuristic).toBe(
      "3 recorded shocks in 2019-09-01 … 2026-11-26, 7.24 years: rate 0.4146/year, P = 1 − exp(−rate · 365/365.25) = 0.3392; fraction = mean over their kinds (ban 1, restriction 0.25) = 0.5",
    );
    expect(defaultCountryEvent("US", record, 365).heuristic).toMatch(/^no recorded shock in .*: base rate 0.02\/year/);
  });

  it("gives a bloc acting together a smaller base rate", () => {
    const e = defaultBlocEvent(365);
    expect(e.probability).toBeCloseTo(probabilityWithin(BLOC_ANNUAL_RATE, 365), 15);
    expect(e.fraction).toBe(BLOC_FRACTION);
    expect(e.probability).toBeLessThan(defaultCountryEvent("US", record, 365).probability);
  });

  it("grows with the horizon, and is 0 over no time", () => {
    expect(probabilityWithin(0.5, 0)).toBe(0);
    expect(probabilityWithin(0.5, 3650)).toBeGreaterThan(probabilityWithin(0.5, 365));
    expect(probabilityWithin(0.5, 3650)).toBeLessThan(1);
  });
});
