import { expect, test } from "@playwright/test";

test("the API page lists every route with its parameters, from the OpenAPI document", async ({ page, request }) => {
  const doc = await (await request.get("/api/openapi.json")).json();
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("HashAtlas API");
  for (const path of Object.keys(doc.paths)) {
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(`GET ${path.replace(/\//g, "\\/")} `) })).toBeVisible();
  }
  await expect(page.locator("section#-api-metrics td code", { hasText: "efficiency" })).toBeVisible();
});
