import { describe, expect, it } from "vitest";
import { SourceError } from "./http";
import { networkStatRecords, retargetRecords } from "./records";

const origin = { shownUrl: "http://127.0.0.1:8332/", label: "Bitcoin Core RPC at http://127.0.0.1:8332/", monthMethod: "work-weighted epoch average" };
const month = (period: string, hashrateEh = 1000) => ({ period, hashrateEh, difficulty: 1.4e14 });

describe("networkStatRecords: derived months through the import validators", () => {
  it.each([
    ["2024-03", 6.25],
    ["2024-04", (18 * 6.25 + 12 * 3.125) / 30],
    ["2024-05", 3.125],
    ["2020-05", (10 * 12.5 + 21 * 6.25) / 31],
  ])("%s gets the day-weighted subsidy across the halving: %d BTC", (period, subsidy) => {
    const [record] = networkStatRecords([month(period)], origin);
    expect(record).toEqual({ period, hashrateEh: 1000, difficulty: 1.4e14, blockSubsidyBtc: subsidy, avgFeesBtc: null, method: "work-weighted epoch average" });
  });

  it.each([
    ["a hashrate of 0", [month("2026-06", 0)], /derived month 2026-06 is invalid: hashrate_eh must be > 0/],
    ["a month twice", [month("2026-06"), month("2026-06")], /derived month 2026-06 is invalid: period repeats 2026-06/],
  ])("refuses %s, naming the month and the source", (_label, months, message) => {
    const error = (() => {
      try {
        networkStatRecords(months, origin);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ url: origin.shownUrl, problem: expect.stringMatching(message) });
  });
});

describe("retargetRecords", () => {
  const row = {
    height: 955_584,
    time: Date.UTC(2026, 5, 26, 11, 36, 11) / 1000,
    difficulty: 1.4e14,
    changePct: 12.38,
    epochHashrateEh: 1032,
    epochDays: 13.634,
  };

  it("writes the time as the retarget files do and names the source of the date", () => {
    expect(retargetRecords([row, { ...row, height: 957_600, epochHashrateEh: null, epochDays: null }], origin)).toEqual([
      {
        height: 955_584,
        dateUtc: "2026-06-26 11:36:11",
        difficulty: 1.4e14,
        changePct: 12.38,
        epochHashrateEh: 1032,
        epochDays: 13.634,
        dateSource: `block header time (${origin.label})`,
      },
      {
        height: 957_600,
        dateUtc: "2026-06-26 11:36:11",
        difficulty: 1.4e14,
        changePct: 12.38,
        epochHashrateEh: null,
        epochDays: null,
        dateSource: `block header time (${origin.label})`,
      },
    ]);
  });

  it.each([
    ["a change beyond the ×4 clamp", { changePct: 400 }, /retarget 955584 is invalid: change_pct must be within/],
    ["a height that is no retarget", { height: 955_585 }, /retarget 955585 is invalid: height must be a retarget height/],
    ["an epoch of 0 days", { epochDays: 0 }, /retarget 955584 is invalid: epoch_days "0" is not a positive number/],
  ])("refuses %s", (_label, change, message) => {
    expect(() => retargetRecords([{ ...row, ...change }], origin)).toThrow(message);
  });
});
