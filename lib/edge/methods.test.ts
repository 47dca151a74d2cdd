import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allowedMethods, OPENAPI_DOCUMENT_PATH, PAGE_METHODS } from "./methods";

// The methods Next dispatches to a route module (next/dist/server/web/http.js).
const NEXT_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"];

function routePaths(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routePaths(full);
    return e.name === "route.ts" ? [`/${path.dirname(full).replace(/\\/g, "/")}`.replace(/^\/app/, "")] : [];
  });
}

describe("allowedMethods", () => {
  // What the front lets through is what the route module exports: an Allow header that lists a
  // method the route then refuses, or leaves out one it answers, would be a lie.
  it.each(routePaths("app/api"))("%s: what its route.ts exports, with HEAD beside GET, and OPTIONS", async (routePath) => {
    const mod = (await import(`@/app${routePath}/route`)) as Record<string, unknown>;
    const exported = NEXT_METHODS.filter((m) => typeof mod[m] === "function");
    const expected = [...new Set([...exported, ...(exported.includes("GET") ? ["HEAD"] : []), "OPTIONS"])].sort();
    expect([...(allowedMethods(routePath) ?? [])].sort()).toEqual(expected);
    expect(allowedMethods(`${routePath}/`)).toEqual(allowedMethods(routePath));
  });

  it.each([
    ["/", PAGE_METHODS],
    ["/methodology", PAGE_METHODS],
    ["/_next/static/chunks/x.js", PAGE_METHODS],
    ["/no-such-page", PAGE_METHODS],
    [OPENAPI_DOCUMENT_PATH, ["GET", "HEAD", "OPTIONS"]],
    ["/api/simulate", ["GET", "HEAD", "OPTIONS", "POST"]],
    ["/api/import", ["OPTIONS", "POST"]],
    ["/api/no-such-route", undefined],
    ["/api", undefined],
    ["/apix", PAGE_METHODS],
  ])("%s → %j", (p, methods) => {
    expect(allowedMethods(p)).toEqual(methods);
  });
});
