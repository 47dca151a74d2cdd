import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageOf, monthOf, monthsBetween, STALE_AFTER_MONTHS } from "./age";

describe("monthsBetween", () => {
  it.each([
    ["2025-10", "2026-11", 13],
    ["2025-10", "2025-10", 0],
    ["2025-12", "2026-01", 1],
    ["2019-09", "2022-01", 28],
    ["2026-01", "2025-12", -1],
  ])("%s → %s is %i months", (period, today, months) => {
    expect(monthsBetween(period, today)).toBe(months);
  });

  it("counts one month per step of the calendar", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2009, max: 2200 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 600 }), (year, month, steps) => {
        const start = new Date(Date.UTC(year, month, 15));
        const end = new Date(Date.UTC(year, month + steps, 1));
        expect(monthsBetween(monthOf(start), monthOf(end))).toBe(steps);
      }),
    );
  });
});

describe("ageOf", () => {
  it.each([
    ["2026-05", "2026-11", 6, false],
    ["2026-04", "2026-11", 7, true],
    ["2025-10", "2026-11", 13, true],
    ["2026-11", "2026-11", 0, false],
  ])("%s seen in %s is %i months old, stale %s", (period, today, ageMonths, stale) => {
    expect(ageOf(period, today)).toEqual({ asOf: period, ageMonths, stale });
  });

  it(`is stale only past ${STALE_AFTER_MONTHS} months`, () => {
    expect(ageOf("2020-01", "2020-07").stale).toBe(false);
    expect(ageOf("2020-01", "2020-08").stale).toBe(true);
  });
});

describe("monthOf", () => {
  it("is the UTC month", () => {
    expect(monthOf(new Date("2026-11-30T23:59:59Z"))).toBe("2026-11");
    expect(monthOf(new Date("2026-12-01T00:00:00Z"))).toBe("2026-12");
  });
});
