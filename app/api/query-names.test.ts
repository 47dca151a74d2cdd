import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectFieldError, get } from "@/tests/support/api";

// A query parameter that happens to share its name with a property every plain object inherits
// must be treated like any other name: ignored where unknown, refused as unknown by the routes with a
// strict query (/api/export, /api/network, /api/backtests, the GET forms of /api/simulate and /api/risk), and never mistaken for a duplicate. Every GET route under app/api is found on disk, so a new route
// cannot be left out of the table below.

type Handler = (request: Request) => Promise<Response>;

/** A query each route answers 200 to, whether the route reads its query string at all, and whether it refuses unknown parameters. */
const ROUTES: Record<string, { query: string; parsesQuery: boolean; strict?: true }> = {
  "/api/backtests": { query: "", parsesQuery: true, strict: true },
  "/api/country": { query: "iso2=US", parsesQuery: true },
  "/api/datasets": { query: "kind=shares", parsesQuery: true },
  "/api/distribution": { query: "period=2021-05", parsesQuery: true },
  "/api/export": { query: "what=sites&format=json", parsesQuery: true, strict: true },
  "/api/health": { query: "", parsesQuery: false },
  "/api/metrics": { query: "period=2021-05", parsesQuery: true },
  "/api/metrics/series": { query: "dataset=cbeci-monthly", parsesQuery: true },
  "/api/network": { query: "from=2021-05", parsesQuery: true, strict: true },
  "/api/openapi.json": { query: "", parsesQuery: false },
  "/api/periods": { query: "dataset=cbeci-monthly", parsesQuery: true },
  "/api/power-prices": { query: "country=US", parsesQuery: true },
  "/api/regions": { query: "country=US", parsesQuery: true, strict: true },
  "/api/risk": { query: "period=2022-01&risk=CN:0.3", parsesQuery: true, strict: true },
  "/api/shock-events": { query: "country=CN", parsesQuery: true },
  "/api/shocks": { query: "period=2021-05", parsesQuery: true },
  "/api/simulate": { query: "period=2021-05&shutdown=CN", parsesQuery: true, strict: true },
  "/api/sites": { query: "country=US", parsesQuery: true },
  "/api/sites/clusters": { query: "bbox=-180,-85,180,85&zoom=1", parsesQuery: true, strict: true },
  "/api/version": { query: "", parsesQuery: false },
};

/** Names every plain JavaScript object answers `in` for, and the one that sets its prototype. */
const INHERITED_NAMES = ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__"];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

const API_DIR = import.meta.dirname;

async function getRoutes(): Promise<[string, Handler][]> {
  const found: [string, Handler][] = [];
  for (const file of routeFiles(API_DIR)) {
    const mod = (await import(file)) as { GET?: Handler };
    if (!mod.GET) continue;
    found.push(["/api/" + path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/"), mod.GET]);
  }
  return found.sort(([a], [b]) => a.localeCompare(b));
}

const url = (route: string, ...parts: string[]) => {
  const query = parts.filter(Boolean).join("&");
  return query ? `${route}?${query}` : route;
};

describe("query parameters named like Object.prototype members", async () => {
  const routes = await getRoutes();

  it("the table names every GET route on disk, and only those", () => {
    expect(routes.map(([route]) => route)).toEqual(Object.keys(ROUTES).sort((a, b) => a.localeCompare(b)));
  });

  const cases = routes.flatMap(([route, GET]) => INHERITED_NAMES.map((name) => ({ route, GET, name })));

  it.each(cases)("$route?$name=1 is treated as an unknown parameter", async ({ route, GET, name }) => {
    const { query, strict } = ROUTES[route] ?? { query: "" };
    const plain = await get(GET, url(route, query));
    expect(plain.status, url(route, query)).toBe(200);
    const withName = await get(GET, url(route, query, `${name}=1`));
    expect(JSON.stringify(withName.body)).not.toMatch(/more than once/);
    if (strict) {
      // A strict route refuses what it does not know, so that an answer never describes another query.
      expectFieldError(withName, 400, name, new RegExp(`is not a parameter of ${route.replaceAll("/", "\\/")}`));
    } else {
      expect(withName.status).toBe(200);
      expect(withName.body).toEqual(plain.body);
    }
  });

  const parsing = routes.filter(([route]) => ROUTES[route]?.parsesQuery);

  it.each(parsing.map(([route, GET]) => ({ route, GET })))("$route still refuses a parameter given twice", async ({ route, GET }) => {
    const { query } = ROUTES[route] ?? { query: "" };
    for (const name of ["dataset", "constructor"]) {
      expectFieldError(await get(GET, url(route, query, `${name}=x`, `${name}=x`)), 400, name, new RegExp(`${name}\\W+is given more than once`));
    }
  });
});
