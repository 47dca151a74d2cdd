import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { get, post } from "@/tests/support/api";
import { API_ROUTES } from "./api-routes";
import { openApiDocument } from "./openapi";

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

describe("OpenAPI document", () => {
  const doc = openApiDocument();

  it("is OpenAPI 3.1 and covers every route handler in app/api", () => {
    expect(doc.openapi).toBe("3.1.0");
    const paths = routeFiles("app/api")
      .map(
        (f) =>
          `/${path
            .dirname(f)
            .replace(/\\/g, "/")
            .replace(/^app\//, "")}`,
      )
      .filter((p) => p !== "/api/openapi.json")
      .sort();
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual(paths);
  });

  it("documents every query parameter with its description, from the zod schemas", () => {
    const metrics = doc.paths?.["/api/metrics"]?.get;
    const query = (metrics?.parameters ?? []).filter((p) => "in" in p && p.in === "query");
    expect(query.map((p) => ("name" in p ? p.name : "")).sort()).toEqual(["basis", "dataset", "efficiency", "network", "period"]);
    for (const p of metrics?.parameters ?? []) {
      expect("schema" in p && JSON.stringify(p.schema)).toMatch(/description/);
    }
  });

  // Real answers parse with the documented schemas, so the document cannot drift from the code.
  it.each(API_ROUTES.filter((r) => !r.admin).map((r) => [`${r.method.toUpperCase()} ${r.path}`, r.path, r] as const))(
    "%s answers in its documented shape",
    async (_name, routePath, route) => {
      const mod = (await import(`@/app${routePath}/route`)) as Record<"GET" | "POST", (r: Request) => Promise<Response>>;
      const { status, body } = route.method === "post" ? await post(mod.POST, routePath, route.exampleBody) : await get(mod.GET, route.example ?? routePath);
      expect(status).toBe(200);
      const parsed = route.response.safeParse(body);
      expect(parsed.success ? "ok" : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe("ok");
    },
  );
});
