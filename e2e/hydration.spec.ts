import { expect, type Page, test } from "@playwright/test";
import { E2E_ADMIN_TOKEN } from "../playwright.config";
import { featureValue, mapReady } from "./support";

// A dataset of its own, so the seed data the other tests read stays as it is.
const SLUG = "e2e-hydration";

async function importShares(page: Page, csv: string) {
  const query = new URLSearchParams({ kind: "shares", dataset: SLUG, publisher: "E2E Lab", url: "https://example.org/e2e", licence: "CC0-1.0" });
  const response = await page.request.post(`/api/import?${query.toString()}`, {
    headers: { "content-type": "text/csv", authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    data: csv,
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
}

/** Every error the page logs or throws (hydration mismatches are reported as either). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  return errors;
}

const shareCell = (page: Page, iso2: string) => page.getByTestId("country-table").locator(`tr[data-iso2="${iso2}"] td`).nth(2);

test("after an import the dashboard renders the new data on the server too: no hydration error", async ({ page }) => {
  await importShares(page, "period,country,share\n2026-05,United States,0.5\n2026-05,Paraguay,0.2\n");
  // Warm the server on this dataset: it renders (and may remember) the first answers.
  await page.goto(`/?dataset=${SLUG}`);
  await mapReady(page);
  await expect(shareCell(page, "PY")).toHaveText("20.00%");

  // The same URLs now answer differently.
  await importShares(page, "period,country,share\n2026-05,United States,0.3\n2026-05,Paraguay,0.4\n");
  const errors = watchErrors(page);
  const served = await (await page.request.get(`/?dataset=${SLUG}`)).text();
  await page.reload();
  await mapReady(page);
  await expect(shareCell(page, "PY")).toHaveText("40.00%");
  expect(await featureValue(page, "PY")).toBe(0.4);
  expect(errors).toEqual([]);
  // The server's HTML itself holds the new share, not an answer remembered from before the import.
  expect(served).toContain("40.00%");
  expect(served).not.toContain("20.00%");
});
