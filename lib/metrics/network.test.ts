import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changeFraction, inMonthRange, isoUtc } from "./network";

describe("retarget change as a fraction", () => {
  it.each([
    [-27.94, -0.2794],
    [-10.09, -0.1009],
    [4.12, 0.0412],
    [0.01, 0.0001],
    [-75, -0.75],
    [300, 3],
    [0, 0],
  ])("%f %% → %f", (pct, fraction) => {
    expect(changeFraction(pct)).toBe(fraction);
  });

  it("loses nothing of a percent with two decimals, and never gives −0", () => {
    fc.assert(
      fc.property(fc.integer({ min: -7500, max: 30000 }), (hundredths) => {
        const fraction = changeFraction(hundredths / 100);
        expect(Math.round(fraction * 10_000)).toBe(hundredths);
        expect(Object.is(fraction, -0)).toBe(false);
      }),
    );
  });
});

describe("retarget time", () => {
  it("is ISO 8601 UTC", () => {
    expect(isoUtc("2021-07-03 06:34:06")).toBe("2021-07-03T06:34:06Z");
    expect(new Date(isoUtc("2026-06-14 00:36:42")).toISOString()).toBe("2026-06-14T00:36:42.000Z");
  });
});

describe("month range", () => {
  it.each([
    ["2021-07", {}, true],
    ["2021-07", { from: "2021-07" }, true],
    ["2021-06", { from: "2021-07" }, false],
    ["2021-07", { to: "2021-07" }, true],
    ["2021-08", { to: "2021-07" }, false],
    ["2021-12", { from: "2021-01", to: "2021-12" }, true],
    ["2022-01", { from: "2021-01", to: "2021-12" }, false],
  ])("%s in %o: %s", (period, range, inside) => {
    expect(inMonthRange(period, range)).toBe(inside);
  });
});
