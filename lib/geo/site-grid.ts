// The grid the map's site clusters are counted on (docs/methodology.md#site-clusters). Pure: the write
// that stores the cells (lib/db/site-cells.ts), the query that reads them and the tests share it.
//
// Level l cuts the world into square cells of 360 / 2^l degrees, x counted from longitude -180 and y from
// latitude -90; a cell never straddles the antimeridian. A cell's index at a coarser level is its index at
// a finer one halved (integer division), so every level is built from the one below.

/** West, south, east, north in degrees. west > east is a box that crosses the antimeridian. */
export type Bbox = { west: number; south: number; east: number; north: number };

/** Levels 0 … STORED_LEVELS_MAX are stored per dataset; finer ones are counted from the sites on request. */
export const STORED_LEVELS_MAX = 9;
/** The finest level a request may reach (cells of ~40 m). */
export const MAX_LEVEL = 23;
/**
 * A map at zoom z is 512·2^z px around; cells of level z + 3 are 64 px wide there, about twice the
 * radius the map's own clustering merges points within, so the two read alike.
 */
export const LEVELS_ABOVE_ZOOM = 3;
/** At most this many cells across a box each way: an answer is bounded whatever box and zoom are asked for. */
export const MAX_GRID_SIDE = 64;

export const columns = (level: number) => 2 ** level;
export const rows = (level: number) => Math.max(2 ** (level - 1), 1);

/** The cell column of a longitude. The same arithmetic, in the same order, as the SQL in lib/db/site-cells.ts. */
export function cellX(lon: number, level: number): number {
  return Math.min(Math.max(Math.floor(((lon + 180) * columns(level)) / 360), 0), columns(level) - 1);
}

export function cellY(lat: number, level: number): number {
  return Math.min(Math.max(Math.floor(((lat + 90) * columns(level)) / 360), 0), rows(level) - 1);
}

/** Degrees of longitude the box spans (across the antimeridian when west > east). */
export function bboxWidth(b: Bbox): number {
  return b.west <= b.east ? b.east - b.west : 360 - (b.west - b.east);
}

/**
 * The level of a map at `zoom` showing `bbox`: cells about 64 px wide, coarser if the box would otherwise
 * touch more than MAX_GRID_SIDE + 1 cells either way (a huge box asked for at a high zoom).
 */
export function levelFor(zoom: number, bbox: Bbox): number {
  let level = Math.max(0, Math.min(Math.floor(zoom) + LEVELS_ABOVE_ZOOM, MAX_LEVEL));
  // Counted on the cells themselves, not from a logarithm of the box's size, which rounds at the edges.
  for (; level > 0; level--) {
    const { xs, ys } = cellRanges(bbox, level);
    if (xs.reduce((n, [from, to]) => n + to - from + 1, 0) <= MAX_GRID_SIDE + 1 && ys[1] - ys[0] + 1 <= MAX_GRID_SIDE + 1) break;
  }
  return level;
}

/** Inclusive ranges of cell indices. */
export type CellRanges = { xs: [number, number][]; ys: [number, number] };

/** The cells a box touches at a level: one x range, or two when the box crosses the antimeridian (never overlapping). */
export function cellRanges(bbox: Bbox, level: number): CellRanges {
  const ys: [number, number] = [cellY(bbox.south, level), cellY(bbox.north, level)];
  const west = cellX(bbox.west, level);
  const east = cellX(bbox.east, level);
  if (bbox.west <= bbox.east) return { xs: [[west, east]], ys };
  // Across the antimeridian: west … the last column, then 0 … east; at a coarse level they meet.
  const last = columns(level) - 1;
  return {
    xs:
      west <= east + 1
        ? [[0, last]]
        : [
            [west, last],
            [0, east],
          ],
    ys,
  };
}

/** The degrees one cell of a level spans. */
export const cellDegrees = (level: number) => 360 / columns(level);

/** The box a cell covers. */
export function cellBounds(x: number, y: number, level: number): Bbox {
  const d = cellDegrees(level);
  return { west: x * d - 180, south: y * d - 90, east: Math.min((x + 1) * d - 180, 180), north: Math.min((y + 1) * d - 90, 90) };
}
