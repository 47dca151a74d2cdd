import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCbeciCsv } from "../io/shares";
import { CBECI_2019_09, CBECI_2021_05 } from "./fixtures";

// The hand-checked tests use real months: these must stay the seed's months, to the digit.
const file = "seed/data/cbeci_mining_countries_2019-09_2022-01.csv";
const seed = parseCbeciCsv(fs.readFileSync(path.resolve(import.meta.dirname, "../..", file), "utf8"), file);

describe("metric fixtures", () => {
  it.each([
    ["2019-09", CBECI_2019_09],
    ["2021-05", CBECI_2021_05],
  ])("CBECI %s is the seed's month, in percent", (period, fixture) => {
    expect(seed.issues).toEqual([]);
    const rows = seed.shares.filter((s) => s.period === period);
    const percent = (share: number) => Math.round(share * 10_000) / 100;
    const countries = rows.filter((r) => r.countryIso2 !== null).map((r) => ({ country: r.countryIso2, weight: percent(r.share) }));
    expect([...fixture.countries].sort((a, b) => a.country.localeCompare(b.country))).toEqual(
      countries.sort((a, b) => (a.country ?? "").localeCompare(b.country ?? "")),
    );
    expect(fixture.unattributed).toBe(percent(rows.find((r) => r.countryIso2 === null)?.share ?? 0));
  });
});
