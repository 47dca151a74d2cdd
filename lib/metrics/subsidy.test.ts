import { describe, expect, it } from "vitest";
import { blockSubsidyForPeriod, blockSubsidyOn } from "./subsidy";

describe("block subsidy", () => {
  it.each([
    ["2019-09-01", 12.5],
    ["2020-05-10", 12.5],
    ["2020-05-11", 6.25],
    ["2024-04-18", 6.25],
    ["2024-04-19", 3.125],
    ["2026-11-26", 3.125],
  ])("on %s is %f BTC", (date, btc) => {
    expect(blockSubsidyOn(date)).toBe(btc);
  });

  it("is the day-weighted mean in a halving month", () => {
    // May 2020: 10 days at 12.5, 21 days at 6.25.
    expect(blockSubsidyForPeriod("2020-05")).toBeCloseTo((10 * 12.5 + 21 * 6.25) / 31, 10);
    expect(blockSubsidyForPeriod("2021-05")).toBe(6.25);
  });
});
