import { describe, expect, it } from "vitest";
import { labelRow } from "./overlay-plugin";

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
