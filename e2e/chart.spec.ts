import { expect, type Page, test } from "@playwright/test";
import { mapReady } from "./support";

// The time chart (uPlot with the overlay and tooltip plugins) and the colour scheme shared by the
// chart and the map (components/hooks/useColorScheme.ts), in a real browser.

async function chartPlot(page: Page) {
  const over = page.getByTestId("time-chart").locator(".u-over");
  await over.scrollIntoViewIfNeeded();
  await expect(over).toBeVisible();
  const box = await over.boundingBox();
  if (!box) throw new Error("the chart's plot has no box");
  return { over, box };
}

const mapBackground = (page: Page) => page.evaluate(() => window.__hashatlasMap?.getPaintProperty("background", "background-color"));
const chartText = (page: Page) =>
  page
    .getByTestId("time-chart")
    .locator(".uplot")
    .evaluate((el) => getComputedStyle(el).color);

// One load of the dashboard for both: the scheme switch first, then the hover and the click (which navigates).
test("dark mode colours the chart and the map, both follow a switch of the system's scheme; hovering the chart names the month and each value, a click selects that month", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await mapReady(page);
  await chartPlot(page);
  expect(await mapBackground(page)).toBe("#1a2230");
  await expect.poll(() => chartText(page)).toBe("rgb(233, 234, 236)");

  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(() => mapBackground(page)).toBe("#dfe6ec");
  await expect.poll(() => chartText(page)).toBe("rgb(27, 29, 33)");

  const { over, box } = await chartPlot(page);
  await over.hover({ position: { x: box.width - 3, y: box.height / 2 } });
  const tooltip = page.getByTestId("time-chart").locator(".u-over > div", { hasText: "HHI:" });
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText("Oct 2025");
  await expect(tooltip).toContainText(/HHI: [\d,]+ 0–10 000/);
  await expect(tooltip).toContainText(/Nakamoto coefficient: \d+ countries/);

  await over.click({ position: { x: 2, y: box.height / 2 } });
  await expect(page).toHaveURL(/period=2019-09/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Share of Bitcoin hashrate by country, September 2019");
});
