import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dropError, eventDropFigures, mean, median, observationDropFigures, observedDropOf } from "./figures";
import type { DropFigure, NetworkEventFigure, Observation } from "./types";

const obs = (over: Partial<Observation>): Observation => ({
  eventId: "x-2024-01",
  event: "A shock",
  dateLabel: "2024-01-05",
  date: "2024-01-05",
  endDate: "2024-01-05",
  jurisdiction: "US",
  countries: ["US"],
  metric: "network_hashrate",
  valueText: "100",
  valueLow: 100,
  valueHigh: 100,
  unit: "EH/s",
  certainty: "quoting A",
  sourceUrl: "https://a.example/1",
  note: null,
  ...over,
});
const change = (value: string, over: Partial<Observation> = {}) => {
  const [low = "", high = low] = value.split("..");
  return obs({ metric: "network_hashrate_change", unit: "%", valueText: value, valueLow: Number(low), valueHigh: Number(high), ...over });
};
const reading = (value: number, note: string, over: Partial<Observation> = {}) =>
  obs({ valueText: String(value), valueLow: value, valueHigh: value, note, ...over });

const figure = (drop: number | null, leftOut: string | null = null): DropFigure => ({
  drop,
  how: "change",
  text: "",
  dateLabel: "",
  measuredBy: "",
  sources: [],
  leftOut,
});

describe("dropError: predicted − observed, to a range's nearest end", () => {
  it.each([
    [0.2, 0.3, -0.1],
    [0.3, 0.2, 0.1],
    [0.25, 0.25, 0],
    [0.2, { low: 0.25, high: 0.34 }, -0.05],
    [0.4, { low: 0.25, high: 0.34 }, 0.06],
    [0.3, { low: 0.25, high: 0.34 }, 0],
    [0.25, { low: 0.25, high: 0.34 }, 0],
    [0.34, { low: 0.25, high: 0.34 }, 0],
  ])("predicted %j against %j → %j", (predicted, observed, signed) => {
    const error = dropError(predicted, observed);
    expect(error.signed).toBeCloseTo(signed, 12);
    expect(error.absolute).toBeCloseTo(Math.abs(signed), 12);
  });

  it("is 0 exactly when the prediction lies in the range, and never smaller than the distance to it", () => {
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(unit, unit, unit, (p, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const { signed, absolute } = dropError(p, { low, high });
        expect(absolute).toBe(Math.abs(signed));
        expect(signed === 0).toBe(p >= low && p <= high);
        expect(absolute).toBeLessThanOrEqual(Math.min(Math.abs(p - low), Math.abs(p - high)) + 1e-15);
        // A range of one value is that value.
        expect(dropError(p, { low, high: low }).signed).toBeCloseTo(dropError(p, low).signed, 15);
      }),
    );
  });
});

describe("observedDropOf", () => {
  it.each([
    ["no figure", [], null],
    ["one figure", [figure(0.134)], 0.134],
    ["figures that agree", [figure(0.13), figure(0.13)], 0.13],
    ["figures that disagree: their range", [figure(0.12), figure(0.14), figure(0.134)], { low: 0.12, high: 0.14 }],
    ["left-out and absolute figures do not count", [figure(0.3), figure(0.05, "smoothed"), figure(null, "absolute")], 0.3],
    ["only left-out figures: none", [figure(0.05, "a claim")], null],
  ])("%s", (_label, figures, expected) => {
    expect(observedDropOf(figures)).toEqual(expected);
  });
});

describe("observationDropFigures", () => {
  it("reads every reported % fall, a range at both ends, and never a rise", () => {
    const figures = observationDropFigures([change("-13.4"), change("-15..-12", { sourceUrl: "https://b.example" }), change("6.17")]);
    expect(figures.map((f) => [f.how, f.drop, f.text])).toEqual([
      ["change", 0.134, "−13.4 %"],
      ["change", 0.15, "−15 %"],
      ["change", 0.12, "−12 %"],
    ]);
    expect(figures.every((f) => f.leftOut === null)).toBe(true);
  });

  it("keeps an absolute change (EH/s) visible but out of the drop", () => {
    const [f] = observationDropFigures([change("-20", { unit: "EH/s" })]);
    expect(f).toMatchObject({ drop: null, text: "-20 EH/s", leftOut: expect.stringMatching(/absolute change/) });
  });

  it("pairs a page's before reading with its lowest trough, never readings of two pages", () => {
    const figures = observationDropFigures([
      reading(205, "before; the day before"),
      reading(190, "after/trough a few hours in"),
      reading(177, "trough, Tuesday"),
      reading(250, "after (recovery)"),
      reading(1000, "before", { sourceUrl: "https://b.example" }),
      reading(600, "trough", { sourceUrl: "https://c.example" }),
      reading(900, "before", { sourceUrl: "https://d.example" }),
      reading(800, "after: at the time of writing", { sourceUrl: "https://d.example" }),
    ]);
    expect(figures).toEqual([
      {
        drop: expect.closeTo(1 - 177 / 205, 12),
        how: "before-trough",
        text: "205 → 177 EH/s",
        dateLabel: "2024-01-05 → 2024-01-05",
        measuredBy: "quoting A",
        sources: ["https://a.example/1"],
        leftOut: null,
      },
    ]);
  });

  it("sets aside what a case excludes: by page and metric, or by page, metric and date label", () => {
    const rows = [
      change("-17.25", { dateLabel: "2025-12-08..2025-12-15" }),
      change("-8", { dateLabel: "2025-12-14..2025-12-15" }),
      reading(1200, "before"),
      reading(1000, "trough"),
    ];
    const byLabel = observationDropFigures(rows, [
      { sourceUrl: "https://a.example/1", metric: "network_hashrate_change", dateLabel: "2025-12-08..2025-12-15", why: "week on week" },
    ]);
    expect(byLabel.map((f) => f.leftOut)).toEqual(["week on week", null, null]);
    const byPage = observationDropFigures(rows, [{ sourceUrl: "https://a.example/1", metric: "network_hashrate_change", why: "smoothed" }]);
    expect(byPage.map((f) => f.leftOut)).toEqual(["smoothed", "smoothed", null]);
    expect(observedDropOf(byPage)).toBeCloseTo(1 - 1000 / 1200, 12);
  });
});

describe("eventDropFigures", () => {
  const ev = (event: string, dateLabel: string, value: number, sourceUrl = "https://e.example"): NetworkEventFigure => ({
    dateLabel,
    date: `${dateLabel.slice(0, 7)}-01`,
    event,
    metric: "network_hashrate",
    value,
    valueText: String(value),
    unit: "EH/s",
    certainty: "reported",
    sourceUrl,
  });
  const rows = [
    ev("monthly", "2021-05 (avg)", 160),
    ev("monthly", "2021-07 (avg)", 100),
    ev("peak", "2021-05-13", 170, "https://p.example"),
    ev("trough", "2021-06-27", 60),
  ];

  it("pairs the rows a case names, by event label and date label", () => {
    const figures = eventDropFigures(rows, [
      { before: { event: "monthly", dateLabel: "2021-05 (avg)" }, trough: { event: "monthly", dateLabel: "2021-07 (avg)" } },
      { before: { event: "peak" }, trough: { event: "trough" }, leftOut: "different providers" },
    ]);
    expect(figures.map((f) => [f.drop, f.text, f.sources, f.leftOut])).toEqual([
      [0.375, "160 → 100 EH/s", ["https://e.example"], null],
      [expect.closeTo(1 - 60 / 170, 12), "170 → 60 EH/s", ["https://p.example", "https://e.example"], "different providers"],
    ]);
  });

  it("skips a pair whose rows are missing or ambiguous", () => {
    expect(eventDropFigures(rows, [{ before: { event: "monthly" }, trough: { event: "trough" } }])).toEqual([]);
    expect(eventDropFigures(rows, [{ before: { event: "peak" }, trough: { event: "no such row" } }])).toEqual([]);
  });
});

describe("mean and median", () => {
  it.each([
    [[], null, null],
    [[0.4], 0.4, 0.4],
    [[0.44, 0.5], 0.47, 0.47],
    [[0.6, 0.59, 0.523, 0.505], 0.5545, 0.5565],
    [[3, 1, 2], 2, 2],
  ])("%j → mean %j, median %j", (values, m, med) => {
    if (m === null) expect(mean(values)).toBeNull();
    else expect(mean(values)).toBeCloseTo(m, 12);
    if (med === null) expect(median(values)).toBeNull();
    else expect(median(values)).toBeCloseTo(med, 12);
  });
});
