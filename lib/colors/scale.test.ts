import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COST_SCALE, LAYER_SCALES, PRICE_SCALE, RISK_SCALE, SHARE_SCALE } from "./layer-scales";
import { colorFor, legendGradient, NO_DATA_COLOR, parseColor, type Scale } from "./scale";

// Black at 0, red at 1, blue at 3 (written as d3 writes it), so every blend is easy to check by hand.
const scale: Scale = {
  title: "t",
  unit: "u",
  stops: [
    { value: 0, color: "#000000" },
    { value: 1, color: "#ff0000" },
    { value: 3, color: "rgb(0, 0, 255)" },
  ],
  ticks: [
    { value: 0, label: "0" },
    { value: 1, label: "1" },
    { value: 3, label: "3" },
  ],
};

describe("colorFor", () => {
  it.each([
    ["below the first stop", -5, "light", "#000000"],
    ["at the first stop", 0, "light", "#000000"],
    ["halfway to the second stop", 0.5, "light", "#800000"],
    ["a quarter of the way", 0.25, "light", "#400000"],
    ["at a middle stop", 1, "light", "#ff0000"],
    ["halfway between the middle and last stops", 2, "light", "#800080"],
    ["at the last stop", 3, "light", "#0000ff"],
    ["above the last stop", 10, "light", "#0000ff"],
    ["a value in the dark scheme (the ramp is the same)", 0.5, "dark", "#800000"],
    ["no value, light scheme", null, "light", "#c9ccd1"],
    ["no value, dark scheme", null, "dark", "#3a3f48"],
    ["NaN", Number.NaN, "light", "#c9ccd1"],
    ["Infinity", Number.POSITIVE_INFINITY, "dark", "#3a3f48"],
  ] as const)("%s (%s, %s) is %s", (_case, value, scheme, color) => {
    expect(colorFor(scale, value, scheme)).toBe(color);
  });

  it("paints a scale without stops as no data", () => {
    expect(colorFor({ stops: [] }, 0.5)).toBe(NO_DATA_COLOR.light);
  });

  it.each(Object.entries(LAYER_SCALES))("gives each stop of the %s scale its own colour, below and above clamped", (_name, s) => {
    for (const stop of s.stops) expect(colorFor(s, stop.value)).toBe(stop.color);
    expect(colorFor(s, (s.stops[0]?.value ?? 0) - 1)).toBe(s.stops[0]?.color);
    expect(colorFor(s, (s.stops.at(-1)?.value ?? 0) * 10)).toBe(s.stops.at(-1)?.color);
    for (const stop of s.stops) expect(stop.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("tells January 2022's US (37.84 %) from Kazakhstan (13.22 %) and both from no data", () => {
    const us = parseColor(colorFor(SHARE_SCALE, 0.3784));
    const kz = parseColor(colorFor(SHARE_SCALE, 0.1322));
    const none = parseColor(colorFor(SHARE_SCALE, null));
    const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((x, i) => x - (b[i] ?? 0)));
    expect(distance(us, kz)).toBeGreaterThan(40);
    expect(distance(us, none)).toBeGreaterThan(40);
    // Cheap power and dear power, profit and loss, read differently too.
    expect(colorFor(PRICE_SCALE, 0.03)).not.toBe(colorFor(PRICE_SCALE, 0.2));
    expect(colorFor(COST_SCALE, 0.4)).not.toBe(colorFor(COST_SCALE, 1.2));
    // A country that adds 0.1 % to the expected loss reads apart from one that adds 3 %, and from no data.
    const small = parseColor(colorFor(RISK_SCALE, 0.001));
    const large = parseColor(colorFor(RISK_SCALE, 0.03));
    expect(distance(small, large)).toBeGreaterThan(40);
    expect(distance(small, parseColor(colorFor(RISK_SCALE, null)))).toBeGreaterThan(40);
    expect(RISK_SCALE.ticks.map((t) => t.label)).toEqual(["0%", "0.1%", "0.2%", "0.5%", "1%", "2%", "5%", "10%"]);
  });

  it("blends between neighbouring stops: every channel lies between theirs", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(LAYER_SCALES)), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(6), (s, t, i) => {
        const k = i % (s.stops.length - 1);
        const a = s.stops[k];
        const b = s.stops[k + 1];
        if (!a || !b) return;
        const color = parseColor(colorFor(s, a.value + t * (b.value - a.value)));
        const [ca, cb] = [parseColor(a.color), parseColor(b.color)];
        for (let c = 0; c < 3; c++) {
          expect(color[c]).toBeGreaterThanOrEqual(Math.min(ca[c] ?? 0, cb[c] ?? 0));
          expect(color[c]).toBeLessThanOrEqual(Math.max(ca[c] ?? 0, cb[c] ?? 0));
        }
      }),
    );
  });

  it("rejects a colour it cannot read rather than painting black", () => {
    expect(() => colorFor({ stops: [{ value: 0, color: "teal" }] }, 0)).toThrow(/teal/);
  });
});

describe("legendGradient", () => {
  it("draws the legend from colorFor at each tick, evenly spaced", () => {
    expect(legendGradient(scale)).toBe("linear-gradient(to right, #000000 0%, #ff0000 50%, #0000ff 100%)");
  });
});
