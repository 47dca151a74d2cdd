import { describe, expect, it } from "vitest";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

type Site = {
  name: string;
  operator: string;
  countryIso2: string;
  countryName: string;
  lat: number | null;
  status: string;
  sourceUrl: string;
  dataset: string;
};

describe("GET /api/sites", () => {
  it("lists all 119 sites with country, status and source", async () => {
    const { status, body } = await get(GET, "/api/sites");
    expect(status).toBe(200);
    const sites = (body as { count: number; sites: Site[] }).sites;
    expect(sites).toHaveLength(119);
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

  it("filters by country (any case) and status", async () => {
    const { body } = await get(GET, "/api/sites?country=py");
    const sites = (body as { sites: Site[] }).sites;
    expect(sites).toHaveLength(5);
    expect(new Set(sites.map((s) => s.countryIso2))).toEqual(new Set(["PY"]));
    const closed = (await get(GET, "/api/sites?status=closed")).body as { sites: Site[] };
    expect(closed.sites.length).toBeGreaterThan(0);
    expect(closed.sites.every((s) => s.status === "closed")).toBe(true);
  });

  it("answers 400 naming the field for a bad country or status", async () => {
    expectFieldError(await get(GET, "/api/sites?country=USA"), 400, "country", /alpha-2/);
    expectFieldError(await get(GET, "/api/sites?status=dreaming"), 400, "status");
  });
});
