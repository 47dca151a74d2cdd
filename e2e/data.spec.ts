import { expect, test } from "@playwright/test";
import { E2E_ADMIN_TOKEN } from "../playwright.config";
import { featureValue, mapReady } from "./support";

async function fillForm(page: import("@playwright/test").Page, slug: string, csv: string, coverage: "network" | "partial" = "network") {
  await page.getByTestId("import-dataset").fill(slug);
  await page.getByTestId("import-coverage").selectOption(coverage);
  await page.getByTestId("import-publisher").fill("E2E Lab");
  await page.getByTestId("import-url").fill("https://example.org/e2e");
  await page.getByTestId("import-licence").fill("CC0-1.0");
  await page.getByTestId("import-token").fill(E2E_ADMIN_TOKEN);
  await page.getByTestId("import-file").setInputFiles({ name: `${slug}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("import-submit").click();
}

test("uploading a file on /data lists the dataset and shows it on the map", async ({ page }) => {
  await page.goto("/data");
  // A sample (partial coverage): its own dataset, kept out of the best estimate the other tests read.
  await fillForm(page, "e2e-estimates", "period,country,share\n2026-03,United States,0.4\n2026-03,Paraguay,0.12\n2026-03,Ethiopia,0.05\n", "partial");
  await expect(page.getByTestId("import-done")).toContainText("Imported 4 rows into e2e-estimates");
  await expect(page.getByTestId("import-stages")).toContainText("Writing in one transaction: done");
  const row = page.getByTestId("dataset-table").locator('tr[data-slug="e2e-estimates"]');
  await expect(row).toContainText("E2E Lab");
  await expect(row.locator('[data-field="coverage"]')).toHaveText("a sample");
  await expect(row.locator('[data-field="newest"]')).toHaveText("2026-03");

  await page.getByRole("link", { name: "See it on the map" }).click();
  await mapReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("March 2026");
  expect(await featureValue(page, "PY")).toBe(0.12);
  expect(await featureValue(page, "ET")).toBe(0.05);
  // The default view, the best estimate, does not take a sample's month.
  const best = (await (await page.request.get("/api/periods")).json()) as { periods: string[] };
  expect(best.periods).not.toContain("2026-03");
});

test("a bad file shows every problem with its line and column, and writes nothing", async ({ page }) => {
  await page.goto("/data");
  await fillForm(page, "e2e-broken", "period,country,share\n2026-03,Narnia,0.4\n2026-13,US,0.1\n");
  const issues = page.getByTestId("import-issues");
  await expect(issues).toContainText("Narnia");
  await expect(issues.locator("tbody tr")).toHaveCount(2);
  await expect(issues.locator("tbody tr").first().locator("td").first()).toHaveText("2");
  await expect(page.getByTestId("import-stages")).toContainText("Validating every row: failed");
  await expect(page.getByTestId("dataset-table").locator('tr[data-slug="e2e-broken"]')).toHaveCount(0);
});
