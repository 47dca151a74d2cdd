import { z } from "zod";
import type { Bbox } from "../geo/site-grid";
import { textParam, wholeNumberParam } from "../scenario/schema";
import { MAX_CURSOR_CHARS, MAX_MAP_ZOOM, SITES_PAGE_DEFAULT, SITES_PAGE_MAX } from "./sites-limits";

// The grammar of a sites request, each part once: a bounding box, a page (limit and cursor) and a
// map zoom. GET /api/sites and GET /api/sites/clusters are built from these (lib/validation/api.ts).

const BBOX_SYNTAX = "west,south,east,north in degrees, e.g. -10,35,30,60 (west > east crosses the antimeridian)";
const DEGREES = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

const bboxRules = z
  .object({
    west: z.number().min(-180, "west must be ≥ -180").max(180, "west must be ≤ 180"),
    south: z.number().min(-90, "south must be ≥ -90").max(90, "south must be ≤ 90"),
    east: z.number().min(-180, "east must be ≥ -180").max(180, "east must be ≤ 180"),
    north: z.number().min(-90, "north must be ≥ -90").max(90, "north must be ≤ 90"),
  })
  .refine((b) => b.south <= b.north, { error: "south must not be north of north" }) satisfies z.ZodType<Bbox>;

/** "-10,35,30,60" → { west: -10, south: 35, east: 30, north: 60 } */
export const bboxParam = textParam((text) => {
  const parts = text.split(",");
  if (parts.length !== 4 || !parts.every((p) => DEGREES.test(p.trim()))) return { problem: `must be ${BBOX_SYNTAX}` };
  const [west, south, east, north] = parts.map(Number);
  return { value: { west, south, east, north } };
}, bboxRules).describe(`Bounding box: ${BBOX_SYNTAX}`);

export const pageLimitParam = wholeNumberParam(z.number().int().min(1, "must be at least 1").max(SITES_PAGE_MAX, `must be at most ${SITES_PAGE_MAX}`)).describe(
  `Sites per page, 1–${SITES_PAGE_MAX} (default ${SITES_PAGE_DEFAULT})`,
);

export const zoomParam = wholeNumberParam(z.number().int().max(MAX_MAP_ZOOM, `must be at most ${MAX_MAP_ZOOM}`)).describe(
  `The map's zoom level, a whole number 0–${MAX_MAP_ZOOM} (a map 512·2^zoom px around the world): sets the size of the cells`,
);

/** Where a page ends in the listing's order (country, name, id): the next page starts after it. */
export type SiteKey = { countryIso2: string; name: string; id: number };

const keySchema = z.tuple([z.string().max(8), z.string(), z.number().int().min(0)]);

/** The opaque text of a cursor: base64url of the last site's key. */
export function encodeCursor(key: SiteKey): string {
  return Buffer.from(JSON.stringify([key.countryIso2, key.name, key.id]), "utf8").toString("base64url");
}

function decodeCursor(text: string): SiteKey | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = keySchema.safeParse(json);
  return parsed.success ? { countryIso2: parsed.data[0], name: parsed.data[1], id: parsed.data[2] } : null;
}

export const cursorParam = textParam(
  (text) => {
    const key = decodeCursor(text);
    return key ? { value: key } : { problem: "is not a cursor this API gave out (pass nextCursor of the previous page unchanged)" };
  },
  z.object({ countryIso2: z.string(), name: z.string(), id: z.number() }),
  z.string().max(MAX_CURSOR_CHARS, `must be at most ${MAX_CURSOR_CHARS} characters`),
).describe("nextCursor of the previous page: the page after it (omit for the first page)");
