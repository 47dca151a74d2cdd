import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listSites as allSites } from "@/lib/db/sites";
import { SitesResponse } from "@/lib/validation/responses";
import { SITES_PAGE_DEFAULT, SITES_PAGE_MAX } from "@/lib/validation/sites-limits";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

type Page = ReturnType<typeof SitesResponse.parse>;

async function page(url: string): Promise<Page> {
  const { status, body } = await get(GET, url);
  expect(status, url).toBe(200);
  return SitesResponse.parse(body);
}

/** Every page of a query, following nextCursor to the end. */
async function walk(query: string, limit: number): Promise<Page["sites"]> {
  const sites: Page["sites"] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1_000; pages++) {
    const p: Page = await page(`/api/sites?${query}${query ? "&" : ""}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(p.count).toBe(p.sites.length);
    expect(p.count).toBeLessThanOrEqual(limit);
    sites.push(...p.sites);
    cursor = p.nextCursor;
    if (cursor === null) return sites;
    expect(p.count, "only the last page may be short").toBe(limit);
  }
  throw new Error("more than 1 000 pages");
}

/** Is a site inside the box (the oracle the SQL filter is checked against)? */
const inBox = (s: { lat: number | null; lon: number | null }, [w, so, e, n]: number[]) =>
  s.lat !== null &&
  s.lon !== null &&
  s.lat >= (so ?? 0) &&
  s.lat <= (n ?? 0) &&
  ((w ?? 0) <= (e ?? 0) ? s.lon >= (w ?? 0) && s.lon <= (e ?? 0) : s.lon >= (w ?? 0) || s.lon <= (e ?? 0));

describe("GET /api/sites", () => {
  it("lists all 119 sites with country, status and source", async () => {
    const { status, body } = await get(GET, "/api/sites");
    expect(status).toBe(200);
    const { sites, count, nextCursor } = SitesResponse.parse(body);
    expect(sites).toHaveLength(119);
    expect(count).toBe(119);
    expect(nextCursor).toBeNull();
    const rockdale = sites.find((s) => s.name === "Rockdale (Whinstone)");
    expect(rockdale).toMatchObject({
      operator: "Riot Platforms",
      countryIso2: "US",
      countryName: "United States",
      capacityMw: 700,
      status: "operating",
      dataset: "mining-sites",
    });
    expect(rockdale?.sourceUrl).toMatch(/^https:\/\/www\.sec\.gov\//);
  });

  it("gives each site the region it was placed in and how: by its point, by its address, or nowhere", async () => {
    const us = await walk("country=US", 200);
    expect(us.find((s) => s.name === "Rockdale (Whinstone)")).toMatchObject({ regionCode: "US-TX", regionMethod: "polygon" });
    // No coordinates: placed by the state its address names.
    expect(us.find((s) => s.name === "Washington State farm")).toMatchObject({ lat: null, regionCode: "US-WA", regionMethod: "address" });
    // An address naming four states places the site in none of them.
    expect(us.find((s) => s.name === "Bakken flare-gas fleet")).toMatchObject({ regionCode: null, regionMethod: null });
    expect(us.every((s) => (s.regionCode === null) === (s.regionMethod === null))).toBe(true);
    // The listing and the database agree on every site's region.
    const everything = await allSites({ country: "US" });
    expect(us.map((s) => [s.id, s.regionCode, s.regionMethod])).toEqual(everything.map((s) => [s.id, s.regionCode, s.regionMethod]));
  });

  it("filters by country (any case) and status", async () => {
    const { body } = await get(GET, "/api/sites?country=py");
    const sites = (body as { sites: { countryIso2: string }[] }).sites;
    expect(sites).toHaveLength(5);
    expect(new Set(sites.map((s) => s.countryIso2))).toEqual(new Set(["PY"]));
    const closed = (await get(GET, "/api/sites?status=closed")).body as { sites: { status: string }[] };
    expect(closed.sites.length).toBeGreaterThan(0);
    expect(closed.sites.every((s) => s.status === "closed")).toBe(true);
  });

  it("answers 400 naming the field for a bad country or status", async () => {
    expectFieldError(await get(GET, "/api/sites?country=USA"), 400, "country", /alpha-2/);
    expectFieldError(await get(GET, "/api/sites?status=dreaming"), 400, "status");
  });

  it("pages: walking the cursor gives every site exactly once, in the order country, name, id, whatever the page size and filter", async () => {
    const everything = await allSites();
    const filters: [string, (s: (typeof everything)[number]) => boolean][] = [
      ["", () => true],
      ["country=US", (s) => s.countryIso2 === "US"],
      ["status=operating", (s) => s.status === "operating"],
      ["bbox=-130,20,-60,55", (s) => inBox(s, [-130, 20, -60, 55])],
      ["dataset=mining-sites&bbox=170,-60,-90,70", (s) => inBox(s, [170, -60, -90, 70])],
    ];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.constantFrom(...filters), async (limit, [query, keep]) => {
        const walked = await walk(query, limit);
        expect(walked.map((s) => s.id)).toEqual(everything.filter(keep).map((s) => s.id));
      }),
      { numRuns: 12 },
    );
  });

  it("gives SITES_PAGE_DEFAULT sites when no limit is asked for, and refuses a limit above SITES_PAGE_MAX", async () => {
    expect(SITES_PAGE_DEFAULT).toBeGreaterThanOrEqual(119); // the seed fits one page, as before paging
    expectFieldError(await get(GET, `/api/sites?limit=${SITES_PAGE_MAX + 1}`), 400, "limit", new RegExp(`at most ${SITES_PAGE_MAX}`));
    expectFieldError(await get(GET, "/api/sites?limit=0"), 400, "limit");
    expectFieldError(await get(GET, "/api/sites?limit=ten"), 400, "limit", /whole number/);
  });

  it("filters by a bounding box, one that crosses the antimeridian included", async () => {
    // Paraguay's three located hydro sites (two more have no coordinates), and nothing else.
    const py = await page("/api/sites?bbox=-58,-27,-54,-24");
    expect(py.sites.map((s) => s.name)).toEqual(["Hernandarias (Penguin site)", "Villarrica", "Yguazu"]);
    // From 100°E eastwards across 180° to 100°W: Asia and the western Americas, no Europe or Africa.
    const across = await page("/api/sites?bbox=100,-60,-100,80");
    expect(across.sites.length).toBeGreaterThan(5);
    expect(across.sites.every((s) => s.lon !== null && (s.lon >= 100 || s.lon <= -100))).toBe(true);
    const everything = await allSites();
    expect(across.sites.map((s) => s.id).sort((a, b) => a - b)).toEqual(
      everything
        .filter((s) => inBox(s, [100, -60, -100, 80]))
        .map((s) => s.id)
        .sort((a, b) => a - b),
    );
    // The whole world holds every located site: those without coordinates are left out.
    const world = await page("/api/sites?bbox=-180,-90,180,90");
    expect(world.count).toBe(everything.filter((s) => s.lat !== null).length);
    expect(world.count).toBeLessThan(119);
  });

  it("filters by dataset: a sites dataset lists its own, another kind is refused, an unknown one is not found", async () => {
    expect((await page("/api/sites?dataset=mining-sites")).count).toBe(119);
    expectFieldError(await get(GET, "/api/sites?dataset=cbeci-monthly"), 400, "dataset", /not mining sites/);
    expectFieldError(await get(GET, "/api/sites?dataset=no-such-set"), 404, "dataset");
  });

  it.each([
    ["bbox=1,2,3", "bbox", /west,south,east,north/],
    ["bbox=1,2,3,4,5", "bbox", /west,south,east,north/],
    ["bbox=a,b,c,d", "bbox", /west,south,east,north/],
    ["bbox=-181,0,10,10", "bbox", /west must be ≥ -180/],
    ["bbox=0,10,10,5", "bbox", /south must not be north of north/],
    ["bbox=0,-91,10,5", "bbox", /south must be ≥ -90/],
    ["cursor=not-a-cursor", "cursor", /not a cursor this API gave out/],
    ["cursor=" + "A".repeat(5_000), "cursor", /at most 4096/],
    ["cursor=" + Buffer.from('{"id":1}').toString("base64url"), "cursor", /not a cursor/],
  ])("answers 400 naming the parameter: %#", async (query, field, message) => {
    expectFieldError(await get(GET, `/api/sites?${query}`), 400, field, message);
  });
});
