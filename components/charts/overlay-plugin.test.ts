import type uPlot from "uplot";
import { describe, expect, it } from "vitest";
import { CHART_PALETTES, TICK_PX } from "./chart-theme";
import { labelRow, overlayPlugin } from "./overlay-plugin";
import { periodToUnix } from "./time-axis";

describe("labelRow (marker labels in the band above the plot)", () => {
  it("keeps labels that do not overlap on the top row and drops an overlapping one a row", () => {
    const rows: [number, number][][] = [];
    expect(labelRow(rows, [0, 50])).toBe(0);
    expect(labelRow(rows, [60, 100])).toBe(0);
    expect(labelRow(rows, [90, 140])).toBe(1); // overlaps [60, 100]
    expect(labelRow(rows, [45, 55])).toBe(1); // overlaps the top row's [0, 50], not row 1's [90, 140]
    expect(labelRow(rows, [95, 130])).toBe(2);
    expect(rows).toEqual([
      [
        [0, 50],
        [60, 100],
      ],
      [
        [90, 140],
        [45, 55],
      ],
      [[95, 130]],
    ]);
  });
});

describe("overlayPlugin ticks (e.g. difficulty retargets)", () => {
  /** A canvas context that records the tick strokes, and the uPlot parts the draw hook reads. */
  function draw(ticks: readonly string[], kind: "month" | "day" = "month") {
    const lines: [number, number, number, number][] = [];
    let from: [number, number] = [0, 0];
    const ctx = {
      save() {},
      restore() {},
      beginPath() {},
      stroke() {},
      setLineDash() {},
      moveTo: (x: number, y: number) => (from = [x, y]),
      lineTo: (x: number, y: number) => lines.push([...from, x, y]),
    };
    const min = periodToUnix("2021-01");
    const max = periodToUnix("2022-01");
    const u = {
      ctx,
      bbox: { left: 0, top: 10, width: 365, height: 100 },
      scales: { x: { min, max } },
      valToPos: (t: number) => ((t - min) / (max - min)) * 365,
    } as unknown as uPlot;
    const plugin = overlayPlugin({ kind, palette: CHART_PALETTES.light, pxRatio: () => 1, state: () => ({ ticks }) });
    const hook = plugin.hooks.draw;
    (Array.isArray(hook) ? hook : [hook]).forEach((h) => h?.(u));
    return lines;
  }

  it("draws one short tick up from the bottom of the plot per day inside the x range, on a monthly axis too", () => {
    const lines = draw(["2020-12-31", "2021-01-01", "2021-07-03", "2022-01-01", "2022-01-02"]);
    // Day 0, 183 and 365 of the year, on the pixel grid (+0.5).
    expect(lines.map(([x]) => x)).toEqual([0.5, 183.5, 365.5]);
    for (const [x0, y0, x1, y1] of lines) expect([x0, y0, x1, y1]).toEqual([x0, 110, x0, 110 - TICK_PX]);
  });

  it("skips what is not a day", () => {
    expect(draw(["2021-07", "2021-02-30", "July"])).toEqual([]);
    expect(draw(["2021-07-03"], "day")).toHaveLength(1);
  });
});
