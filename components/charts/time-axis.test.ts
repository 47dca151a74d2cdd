import { describe, expect, it } from "vitest";
import {
  DAY_TICKS_MAX_SPAN_DAYS,
  dayTickLabel,
  dayTicks,
  dayTickUnit,
  dayToUnix,
  formatDay,
  formatDayShort,
  formatMonth,
  formatPeriod,
  formatTick,
  formatValue,
  isWholeNumberSeries,
  monthTicks,
  nearestIndex,
  nearestPeriod,
  parsePeriods,
  periodKind,
  periodToUnix,
  toUnix,
  unixToDay,
  unixToPeriod,
  withMonthGaps,
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
      "2019-10",
      "2020-01",
      "2020-04",
      "2020-07",
      "2020-10",
      "2021-01",
      "2021-04",
      "2021-07",
      "2021-10",
      "2022-01",
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
    expect(labels(monthTicks(periodToUnix("2021-01") + DAY, periodToUnix("2021-04"), 1000))).toEqual(["2021-02", "2021-03", "2021-04"]);
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

/** `count` consecutive "YYYY-MM-DD" days from `start`. */
function days(start: string, count: number): string[] {
  const t0 = dayToUnix(start);
  return Array.from({ length: count }, (_, i) => unixToDay(t0 + i * DAY));
}

describe("dayToUnix / unixToDay", () => {
  it.each([
    ["1970-01-01", 0],
    ["1970-01-02", DAY],
    ["1969-12-31", -DAY],
    ["2021-07-12", Date.UTC(2021, 6, 12) / 1000],
    ["2020-02-29", Date.UTC(2020, 1, 29) / 1000],
    ["2024-12-31", Date.UTC(2024, 11, 31) / 1000],
    ["0050-06-15", Date.UTC(2000, 5, 15) / 1000 - Math.round((2000 - 50) * 365.2425) * DAY], // not 1950
  ])("%s → 00:00 UTC = %i", (day, seconds) => {
    expect(dayToUnix(day)).toBe(seconds);
    expect(unixToDay(seconds)).toBe(day);
  });

  it.each([
    "2021-02-29",
    "2021-02-30",
    "2021-04-31",
    "2021-13-01",
    "2021-00-10",
    "2021-01-00",
    "2021-01-32",
    "2021-7-12",
    "2021-07-1",
    "2021-07",
    "21-07-12",
    "2021-07-12T00:00",
    " 2021-07-12",
    "",
  ])("rejects %j", (bad) => {
    expect(() => dayToUnix(bad)).toThrow(RangeError);
  });

  it("maps every second of a day back to it, and consecutive days are 86 400 s apart", () => {
    for (const day of ["1999-12-31", "2000-01-01", "2021-03-14", "2021-03-28", "2021-10-31", "2021-11-07"]) {
      const start = dayToUnix(day);
      expect(unixToDay(start + DAY - 1)).toBe(day);
      expect(unixToDay(start + 12 * 3600 + 5)).toBe(day);
      expect(unixToDay(start - 1)).not.toBe(day);
      expect(dayToUnix(unixToDay(start + DAY))).toBe(start + DAY); // no DST drift in any local zone
    }
    const ten = days("2016-01-01", 3651);
    expect(ten.at(-1)).toBe("2025-12-29"); // 2016, 2020 and 2024 are leap years
    expect(new Set(ten).size).toBe(3651);
  });
});

describe("day labels", () => {
  it.each([
    ["2021-07-12", "12 Jul 2021", "12 Jul"],
    ["2021-01-01", "1 Jan 2021", "1 Jan"],
    ["2020-02-29", "29 Feb 2020", "29 Feb"],
    ["2021-09-30", "30 Sep 2021", "30 Sep"],
    ["2021-12-31", "31 Dec 2021", "31 Dec"],
  ])("%s → %s / %s in UTC, whatever the local zone", (day, full, short) => {
    const t = dayToUnix(day);
    expect(formatDay(t)).toBe(full);
    expect(formatDayShort(t)).toBe(short);
    // Late in the UTC day (already the next day in Tokyo, still the same one in Los Angeles).
    expect(formatDay(t + DAY - 1)).toBe(full);
  });
});

describe("periodKind / parsePeriods / toUnix", () => {
  it.each<[string[], "month" | "day"]>([
    [[], "month"],
    [["2021-05"], "month"],
    [["2021-05", "2021-06", "2021-07"], "month"],
    [["2021-05-01"], "day"],
    [["2021-12-31", "2022-01-01"], "day"],
  ])("%j is %s", (periods, kind) => {
    expect(periodKind(periods)).toBe(kind);
    expect(parsePeriods(periods)).toEqual({ kind, xs: periods.map((p) => toUnix(kind, p)) });
  });

  it.each<[string[], RegExp]>([
    [["2021-05", "2021-05-02"], /mix "YYYY-MM" months and "YYYY-MM-DD" days \("2021-05" and "2021-05-02"\)/],
    [["2021-05-01", "2021-05-02", "2021-06"], /mix .*\("2021-06" and "2021-05-01"\)/],
    [["2021-05", "May 2021"], /periods\[1\] is neither .*"May 2021"/],
    [["2021-02-30"], /periods\[0\] is neither/],
    [["2021-05-01", ""], /periods\[1\] is neither/],
  ])("%j throws a RangeError", (periods, message) => {
    expect(() => periodKind(periods)).toThrow(RangeError);
    expect(() => periodKind(periods)).toThrow(message);
    expect(() => parsePeriods(periods)).toThrow(RangeError);
  });

  it("converts by kind and refuses the other kind", () => {
    expect(toUnix("month", "2021-07")).toBe(periodToUnix("2021-07"));
    expect(toUnix("day", "2021-07-12")).toBe(dayToUnix("2021-07-12"));
    expect(() => toUnix("month", "2021-07-12")).toThrow(RangeError);
    expect(() => toUnix("day", "2021-07")).toThrow(RangeError);
  });

  it("parses ten years of days quickly", () => {
    const ds = days("2016-01-01", 3651);
    const t0 = performance.now();
    const { kind, xs } = parsePeriods(ds);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(kind).toBe("day");
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBe(DAY);
  });
});

describe("nearestPeriod over days", () => {
  const ds = days("2021-07-01", 10);
  it.each([
    [dayToUnix("2021-07-05"), "2021-07-05"],
    [dayToUnix("2021-07-05") + 11 * 3600, "2021-07-05"],
    [dayToUnix("2021-07-05") + 13 * 3600, "2021-07-06"],
    [dayToUnix("2021-07-05") + 12 * 3600, "2021-07-05"], // tie → earlier
    [dayToUnix("2020-01-01"), "2021-07-01"],
    [dayToUnix("2030-01-01"), "2021-07-10"],
  ])("x = %i → %s", (x, day) => {
    expect(nearestPeriod(ds, x)).toBe(day);
  });

  it("throws for mixed periods", () => {
    expect(() => nearestPeriod(["2021-07", "2021-07-02"], 0)).toThrow(RangeError);
  });
});

describe("dayTickUnit / dayTicks", () => {
  const span = (from: string, to: string) => [dayToUnix(from), dayToUnix(to)] as const;
  const labels = (ticks: number[], unit: "month" | "day") => ticks.map((t) => dayTickLabel(t, unit));

  it.each<[string, string, number, "day" | "month"]>([
    ["2021-07-01", "2021-07-01", 600, "day"], // a single day
    ["2021-07-01", "2021-07-31", 300, "day"],
    ["2021-07-01", "2021-10-15", 800, "day"], // 106 days
    ["2021-07-01", "2021-10-30", 1200, "day"], // 121 days: still under ~4 months
    ["2021-07-01", "2021-10-31", 1200, "month"], // 122 days
    ["2021-01-01", "2021-12-31", 2000, "month"],
    ["2016-01-01", "2025-12-30", 1000, "month"], // ten years
    ["2021-07-01", "2021-10-15", 150, "month"], // too narrow even for four-week ticks
  ])("%s…%s over %i px → %s", (from, to, width, unit) => {
    const [min, max] = span(from, to);
    expect(dayTickUnit(min, max, width)).toBe(unit);
    const ticks = dayTicks(min, max, width);
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) {
      expect(t).toBeGreaterThanOrEqual(min);
      expect(t).toBeLessThanOrEqual(max);
      expect(t % DAY).toBe(0); // UTC midnights
      if (unit === "month") expect(unixToDay(t).endsWith("-01")).toBe(true);
    }
  });

  it.each<[string, string, number, string[]]>([
    ["2021-07-01", "2021-07-05", 400, ["1 Jul", "2 Jul", "3 Jul", "4 Jul", "5 Jul"]],
    ["2021-07-01", "2021-07-10", 400, ["2 Jul", "4 Jul", "6 Jul", "8 Jul", "10 Jul"]], // every other day
    ["2021-07-01", "2021-07-31", 400, ["5 Jul", "12 Jul", "19 Jul", "26 Jul"]], // Mondays
    ["2021-07-01", "2021-09-30", 500, ["12 Jul", "26 Jul", "9 Aug", "23 Aug", "6 Sep", "20 Sep"]], // every other Monday
    ["2021-07-01", "2021-09-30", 250, ["12 Jul", "9 Aug", "6 Sep"]], // every fourth Monday
  ])("%s…%s over %i px → %j", (from, to, width, expected) => {
    const [min, max] = span(from, to);
    expect(labels(dayTicks(min, max, width), "day")).toEqual(expected);
  });

  it("reuses the month ticks for long spans", () => {
    const [min, max] = span("2019-09-12", "2022-01-20");
    for (const width of [200, 400, 900, 2400]) {
      expect(dayTicks(min, max, width)).toEqual(monthTicks(min, max, width));
    }
    expect(labels(dayTicks(min, max, 400), "month")).toEqual(["Jan 2020", "Jul 2020", "Jan 2021", "Jul 2021", "Jan 2022"]);
    const [a, b] = span("2021-05-12", "2021-12-31");
    expect(labels(dayTicks(a, b, 1000), "month")).toEqual(["Jun 2021", "Jul 2021", "Aug 2021", "Sep 2021", "Oct 2021", "Nov 2021", "Dec 2021"]);
  });

  it("keeps day ticks at least minSpace apart and never returns too many", () => {
    const [min] = span("2021-07-01", "2021-07-01");
    for (let spanDays = 1; spanDays < DAY_TICKS_MAX_SPAN_DAYS; spanDays += 7) {
      for (const width of [150, 320, 640, 1280]) {
        const max = min + spanDays * DAY;
        if (dayTickUnit(min, max, width, 60) !== "day") continue;
        const ticks = dayTicks(min, max, width, 60);
        const pxPerSec = width / (max - min);
        for (let i = 1; i < ticks.length; i++) expect((ticks[i]! - ticks[i - 1]!) * pxPerSec).toBeGreaterThanOrEqual(60);
        expect(ticks.length).toBeLessThanOrEqual(Math.floor(width / 60) + 1);
      }
    }
  });

  it("ignores time within a day and handles bad ranges", () => {
    const [min, max] = span("2021-07-01", "2021-07-05");
    expect(labels(dayTicks(min + 3600, max + 3600, 600), "day")).toEqual(["2 Jul", "3 Jul", "4 Jul", "5 Jul"]);
    expect(dayTicks(max, min, 600)).toEqual([]);
    expect(dayTicks(Number.NaN, max, 600)).toEqual([]);
    expect(dayTickUnit(Number.NaN, max, 600)).toBe("month");
    expect(dayTicks(min + 3600, min + 7200, 600)).toEqual([]); // no midnight inside
  });

  it("labels ticks by unit", () => {
    const t = dayToUnix("2021-07-12");
    expect(dayTickLabel(t, "day")).toBe("12 Jul");
    expect(dayTickLabel(t, "month")).toBe("Jul 2021");
  });
});

describe("withMonthGaps", () => {
  const x = (p: string) => periodToUnix(p);
  it.each<[string, string[], (number | null)[], number[], (number | null)[]]>([
    ["consecutive months stay as they are", ["2021-12", "2022-01"], [1, 2], [x("2021-12"), x("2022-01")], [1, 2]],
    [
      "a gap gets one null at its first missing month",
      ["2022-01", "2023-11", "2025-05"],
      [1, 2, 3],
      [x("2022-01"), x("2022-02"), x("2023-11"), x("2023-12"), x("2025-05")],
      [1, null, 2, null, 3],
    ],
    ["a one-month gap too", ["2025-05", "2025-07"], [1, 2], [x("2025-05"), x("2025-06"), x("2025-07")], [1, null, 2]],
    ["across a year end", ["2021-11", "2022-02"], [1, 2], [x("2021-11"), x("2021-12"), x("2022-02")], [1, null, 2]],
  ])("%s", (_name, periods, values, xs, ys) => {
    expect(withMonthGaps("month", periods, [values, values])).toEqual([xs, ys, ys]);
  });

  it("leaves days alone", () => {
    expect(withMonthGaps("day", ["2021-05-01", "2021-05-09"], [[1, 2]])).toEqual([
      [dayToUnix("2021-05-01"), dayToUnix("2021-05-09")],
      [1, 2],
    ]);
  });
});
