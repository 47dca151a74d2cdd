import { describe, expect, it } from "vitest";
import {
  formatMonth,
  formatPeriod,
  formatTick,
  formatValue,
  isWholeNumberSeries,
  monthTicks,
  nearestIndex,
  nearestPeriod,
  periodToUnix,
  unixToPeriod,
} from "./time-axis";

const DAY = 86_400;

describe("periodToUnix / unixToPeriod", () => {
  it("maps a period to the first second of its UTC month", () => {
    expect(periodToUnix("1970-01")).toBe(0);
    expect(periodToUnix("2021-05")).toBe(Date.UTC(2021, 4, 1) / 1000);
    expect(periodToUnix("2020-03") - periodToUnix("2020-02")).toBe(29 * DAY); // leap year
    expect(periodToUnix("2022-01") - periodToUnix("2021-12")).toBe(31 * DAY);
  });

  it("rejects anything that is not YYYY-MM", () => {
    for (const bad of ["2021-13", "2021-00", "2021-5", "21-05", "2021-05-01", "", "May 2021"]) {
      expect(() => periodToUnix(bad)).toThrow(RangeError);
    }
  });

  it("round-trips, and any second inside a month maps back to it", () => {
    for (const p of ["1999-12", "2019-09", "2020-02", "2024-02", "2030-10"]) {
      const start = periodToUnix(p);
      expect(unixToPeriod(start)).toBe(p);
      expect(unixToPeriod(start + 10 * DAY + 123)).toBe(p);
      expect(unixToPeriod(start - 1)).not.toBe(p);
    }
  });
});

describe("month labels", () => {
  it("formats as short month and year in UTC, whatever the local zone", () => {
    expect(formatPeriod("2022-01")).toBe("Jan 2022");
    expect(formatPeriod("2021-05")).toBe("May 2021");
    expect(formatMonth(periodToUnix("2019-12"))).toBe("Dec 2019");
    // One second before the new year, still December in UTC.
    expect(formatMonth(periodToUnix("2020-01") - 1)).toBe("Dec 2019");
  });
});

describe("nearestIndex / nearestPeriod", () => {
  const periods = ["2021-01", "2021-02", "2021-03", "2021-04"];
  const xs = periods.map(periodToUnix);

  it("finds the closest month start, ties to the earlier one", () => {
    expect(nearestIndex(xs, xs[0]! - 1000 * DAY)).toBe(0);
    expect(nearestIndex(xs, xs[3]! + 1000 * DAY)).toBe(3);
    expect(nearestIndex(xs, xs[1]!)).toBe(1);
    expect(nearestIndex(xs, xs[1]! + 10 * DAY)).toBe(1);
    expect(nearestIndex(xs, xs[1]! + 20 * DAY)).toBe(2);
    const mid = (xs[1]! + xs[2]!) / 2;
    expect(nearestIndex(xs, mid)).toBe(1);
  });

  it("handles empty input and non-numbers", () => {
    expect(nearestIndex([], 0)).toBe(-1);
    expect(nearestIndex(xs, Number.NaN)).toBe(-1);
    expect(nearestPeriod([], 0)).toBeUndefined();
    expect(nearestIndex([42], -5)).toBe(0);
  });

  it("returns the period string", () => {
    expect(nearestPeriod(periods, periodToUnix("2021-03") + 3 * DAY)).toBe("2021-03");
    expect(nearestPeriod(periods, periodToUnix("2021-03") - 3 * DAY)).toBe("2021-03");
    expect(nearestPeriod(periods, periodToUnix("2030-01"))).toBe("2021-04");
  });
});

describe("monthTicks", () => {
  const min = periodToUnix("2019-09");
  const max = periodToUnix("2022-01");
  const labels = (ticks: number[]) => ticks.map(unixToPeriod);

  it("ticks every month when there is room", () => {
    const ticks = monthTicks(min, max, 29 * 80, 72);
    expect(ticks).toHaveLength(29);
    expect(unixToPeriod(ticks[0]!)).toBe("2019-09");
    expect(unixToPeriod(ticks.at(-1)!)).toBe("2022-01");
  });

  it("widens the stride, aligned on quarters and then on January", () => {
    expect(labels(monthTicks(min, max, 29 * 30, 72))).toEqual([
      "2019-10", "2020-01", "2020-04", "2020-07", "2020-10", "2021-01", "2021-04", "2021-07", "2021-10", "2022-01",
    ]);
    expect(labels(monthTicks(min, max, 400, 72))).toEqual(["2020-01", "2020-07", "2021-01", "2021-07", "2022-01"]);
    expect(labels(monthTicks(min, max, 200, 72))).toEqual(["2020-01", "2021-01", "2022-01"]);
  });

  it("keeps ticks at least minSpace apart", () => {
    for (const width of [120, 300, 500, 800, 1200, 2000]) {
      const ticks = monthTicks(min, max, width, 72);
      const pxPerSec = width / (max - min);
      for (let i = 1; i < ticks.length; i++) expect((ticks[i]! - ticks[i - 1]!) * pxPerSec).toBeGreaterThanOrEqual(72 * 0.95);
    }
  });

  it("never returns nothing for a valid range, and nothing for an invalid one", () => {
    const one = periodToUnix("2021-05");
    expect(labels(monthTicks(one, one, 500))).toEqual(["2021-05"]);
    expect(labels(monthTicks(periodToUnix("2021-02"), periodToUnix("2021-05"), 10))).toEqual(["2021-02"]);
    expect(monthTicks(max, min, 500)).toEqual([]);
    expect(monthTicks(Number.NaN, max, 500)).toEqual([]);
  });

  it("starts at the first whole month inside a range that begins mid-month", () => {
    expect(labels(monthTicks(periodToUnix("2021-01") + DAY, periodToUnix("2021-04"), 1000))).toEqual([
      "2021-02", "2021-03", "2021-04",
    ]);
  });
});

describe("number formatting", () => {
  it("formats values with sensible precision, null as no data", () => {
    expect(formatValue(4512.3)).toBe("4,512");
    expect(formatValue(12.34)).toBe("12.3");
    expect(formatValue(2)).toBe("2");
    expect(formatValue(0.123)).toBe("0.12");
    expect(formatValue(-1500)).toBe("-1,500");
    expect(formatValue(null)).toBe("no data");
    expect(formatValue(undefined)).toBe("no data");
    expect(formatValue(Number.NaN)).toBe("no data");
  });

  it("formats ticks with the decimals their increment needs", () => {
    expect(formatTick(2500, 500)).toBe("2,500");
    expect(formatTick(1.5, 0.5)).toBe("1.5");
    expect(formatTick(2, 0.5)).toBe("2.0");
    expect(formatTick(0.75, 0.25)).toBe("0.75");
    expect(formatTick(0.3, 0.1)).toBe("0.3");
    expect(formatTick(3, 1)).toBe("3");
  });

  it("detects whole-number series", () => {
    expect(isWholeNumberSeries([1, 2, null, 3])).toBe(true);
    expect(isWholeNumberSeries([1, 2.5])).toBe(false);
    expect(isWholeNumberSeries([null, null])).toBe(false);
    expect(isWholeNumberSeries([])).toBe(false);
  });
});
