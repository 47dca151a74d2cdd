import { expect, test } from "@playwright/test";
import { z } from "zod";

test("the API page lists every route with its parameters, from the OpenAPI document", async ({ page, request }) => {
  const doc = z.object({ paths: z.record(z.string(), z.object({}).loose()) }).parse(await (await request.get("/api/openapi.json")).json());
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("HashAtlas API");
  for (const [path, item] of Object.entries(doc.paths)) {
    // Each operation: /api/simulate and /api/risk have a GET (query) form beside the POST.
    for (const method of Object.keys(item).map((m) => m.toUpperCase())) {
      await expect(page.getByRole("heading", { level: 2, name: new RegExp(`${method} ${path.replace(/\//g, "\\/")} `) })).toBeVisible();
    }
  }
  await expect(page.locator("section#-api-metrics td code", { hasText: "efficiency" })).toBeVisible();
});
