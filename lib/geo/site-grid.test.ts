import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Bbox, bboxWidth, cellBounds, cellRanges, cellX, cellY, columns, levelFor, MAX_GRID_SIDE, MAX_LEVEL, rows } from "./site-grid";

// The edges of the world (and a hair inside them) come up often: that is where rounding bites.
const lon = fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constantFrom(-180, 180, 0, 179.99999999999997, -179.99999999999997));
const lat = fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.constantFrom(-90, 90, 0, 89.99999999999999));
const level = fc.integer({ min: 0, max: MAX_LEVEL });
const box = fc.tuple(lon, lat, lon, lat).map(([west, a, east, b]): Bbox => ({ west, east, south: Math.min(a, b), north: Math.max(a, b) }));

/** Points on a cell's edge may land in the cell next to it: the arithmetic rounds. */
const EDGE = 1e-9;

describe("the site grid", () => {
  it.each([
    [-180, -90, 0, 0, 0],
    [180, 90, 0, 0, 0],
    [-180, -90, 1, 0, 0],
    [180, 90, 1, 1, 0], // one row of two 180° cells at level 1; the edge belongs to the last cell
    [0, 0, 1, 1, 0],
    [-0.0001, -0.0001, 9, 255, 127],
    [179.999, 89.999, 9, 511, 255],
  ])("puts lon %d, lat %d at level %d in column %d, row %d", (lo, la, l, x, y) => {
    expect(cellX(lo, l)).toBe(x);
    expect(cellY(la, l)).toBe(y);
  });

  it("puts every point in a cell that contains it, and coarser cells contain finer ones", () => {
    fc.assert(
      fc.property(lon, lat, level, (lo, la, l) => {
        const x = cellX(lo, l);
        const y = cellY(la, l);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThan(columns(l));
        expect(y).toBeLessThan(rows(l));
        const b = cellBounds(x, y, l);
        expect(lo >= b.west - EDGE && lo <= b.east + EDGE && la >= b.south - EDGE && la <= b.north + EDGE).toBe(true);
        if (l > 0) {
          expect(cellX(lo, l - 1)).toBe(Math.floor(x / 2));
          expect(cellY(la, l - 1)).toBe(Math.floor(y / 2));
        }
      }),
    );
  });

  it("covers a box with cells that never repeat, across the antimeridian too, and every point of the box is in one", () => {
    fc.assert(
      fc.property(box, level, lon, lat, (b, l, lo, la) => {
        const ranges = cellRanges(b, l);
        const [first, second] = ranges.xs;
        for (const [x0, x1] of ranges.xs) expect(x0).toBeLessThanOrEqual(x1);
        if (first && second) expect(first[0]).toBeGreaterThan(second[1]); // [west … last], [0 … east]: apart
        const inside = la >= b.south && la <= b.north && (b.west <= b.east ? lo >= b.west && lo <= b.east : lo >= b.west || lo <= b.east);
        if (inside) {
          const x = cellX(lo, l);
          expect(ranges.xs.some(([x0, x1]) => x >= x0 && x <= x1)).toBe(true);
          expect(cellY(la, l)).toBeGreaterThanOrEqual(ranges.ys[0]);
          expect(cellY(la, l)).toBeLessThanOrEqual(ranges.ys[1]);
        }
      }),
    );
  });

  it("chooses a level at which any box spans at most MAX_GRID_SIDE + 1 cells each way, whatever the zoom", () => {
    fc.assert(
      fc.property(box, fc.integer({ min: 0, max: 30 }), (b, zoom) => {
        const l = levelFor(zoom, b);
        expect(l).toBeGreaterThanOrEqual(0);
        expect(l).toBeLessThanOrEqual(Math.min(zoom + 3, MAX_LEVEL));
        const r = cellRanges(b, l);
        const across = r.xs.reduce((n, [x0, x1]) => n + x1 - x0 + 1, 0);
        expect(across).toBeLessThanOrEqual(MAX_GRID_SIDE + 1);
        expect(r.ys[1] - r.ys[0] + 1).toBeLessThanOrEqual(MAX_GRID_SIDE + 1);
      }),
    );
  });

  it("measures a box across the antimeridian the short way round", () => {
    expect(bboxWidth({ west: 170, east: -170, south: 0, north: 1 })).toBe(20);
    expect(bboxWidth({ west: -10, east: 30, south: 0, north: 1 })).toBe(40);
    // At zoom 1 the world is cut in cells of 22.5°: level 4.
    expect(levelFor(1, { west: -180, east: 180, south: -90, north: 90 })).toBe(4);
  });
});
