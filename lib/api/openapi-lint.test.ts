import { createConfig, lintFromString, type NormalizedProblem } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { API_ROUTES } from "./api-routes";
import { openApiDocument } from "./openapi";

// The served document, linted offline with Redocly's "recommended" ruleset (the rules `redocly lint`
// applies by default): what a client generator or an API gateway would complain about is caught here.

/**
 * The only findings accepted, each with its reason. None today: /api/health and /api/version, which
 * read nothing from the request, used to document no 4xx; every operation now documents the 405
 * and 421 of the server's front (lib/edge/guard.ts).
 */
const ACCEPTED: { ruleId: string; pointer: string }[] = [];

async function lint(): Promise<NormalizedProblem[]> {
  const config = await createConfig({ extends: ["recommended"] });
  return lintFromString({ source: JSON.stringify(openApiDocument()), absoluteRef: "openapi.json", config });
}

/** One line per finding and location (Redocly groups equal messages into one problem). */
function findings(problems: readonly NormalizedProblem[]) {
  return problems.flatMap((p) => p.location.map((l) => ({ severity: p.severity, ruleId: p.ruleId, pointer: l.pointer ?? "", message: p.message })));
}

describe("OpenAPI document under Redocly's recommended rules", () => {
  it("has no error and no warning other than the accepted ones", async () => {
    const found = findings(await lint());
    const unexpected = found.filter((f) => !ACCEPTED.some((a) => a.ruleId === f.ruleId && a.pointer === f.pointer));
    expect(unexpected).toEqual([]);
    expect(found.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("accepts only what is still there (a route that gains a 4xx leaves the list)", async () => {
    const found = findings(await lint());
    for (const a of ACCEPTED) expect(found).toContainEqual(expect.objectContaining(a));
  });
});

describe("operations", () => {
  const doc = openApiDocument();
  const operations = API_ROUTES.map((r) => ({ route: r, op: doc.paths?.[r.path]?.[r.method] }));

  it("each has a unique camelCase operationId", () => {
    const ids = operations.map(({ op }) => op?.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("writes need the bearer token and reads need nothing", () => {
    expect(doc.components?.securitySchemes?.adminToken).toMatchObject({ type: "http", scheme: "bearer" });
    for (const { route, op } of operations) expect([route.path, op?.security]).toEqual([route.path, route.admin ? [{ adminToken: [] }] : []]);
    expect(operations.filter(({ op }) => op?.security?.length).map(({ route }) => route.path)).toEqual(["/api/import"]);
  });

  it("documents a server and the licence", () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/" })]);
    expect(doc.info.license).toMatchObject({ name: expect.stringMatching(/licen/i), url: "/data" });
  });

  it("documents the body timeout's 408 on every operation that reads a body", () => {
    const reading = operations.filter(({ route }) => route.body !== undefined || route.upload);
    expect(reading.map(({ route }) => route.path).sort()).toEqual(["/api/import", "/api/risk", "/api/simulate"]);
    for (const { route, op } of reading)
      expect([route.path, op?.responses?.["408"]]).toEqual([
        route.path,
        expect.objectContaining({ description: expect.stringMatching(/HASHATLAS_BODY_TIMEOUT_SECONDS/) }),
      ]);
  });

  it("documents the server front's 405 (with Allow) and 421 on every operation", () => {
    for (const { route, op } of operations) {
      const refused = z.object({ headers: z.record(z.string(), z.unknown()) }).parse(op?.responses?.["405"]);
      expect([route.path, Object.keys(refused.headers)]).toEqual([route.path, ["Allow"]]);
      expect([route.path, op?.responses?.["421"]]).toEqual([
        route.path,
        expect.objectContaining({ description: expect.stringMatching(/HASHATLAS_ALLOWED_HOSTS/) }),
      ]);
    }
  });

  it("documents the rate limit's Retry-After on every 429", () => {
    for (const { route, op } of operations) {
      if (!route.errors.includes(429)) continue;
      const answer = z.object({ headers: z.record(z.string(), z.unknown()).optional() }).parse(op?.responses?.["429"]);
      expect(Object.keys(answer.headers ?? {})).toEqual(["Retry-After"]);
    }
  });
});
