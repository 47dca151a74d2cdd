import { test } from "@playwright/test";
import { mapReady } from "./support";

// Screenshots of the dashboard kept as test artifacts (.tmp/screenshots), light and dark, desktop and phone.
const variants = [
  { name: "desktop-light", colorScheme: "light", viewport: { width: 1400, height: 1000 } },
  { name: "desktop-dark", colorScheme: "dark", viewport: { width: 1400, height: 1000 } },
  { name: "phone-light", colorScheme: "light", viewport: { width: 390, height: 844 } },
  { name: "phone-dark", colorScheme: "dark", viewport: { width: 390, height: 844 } },
] as const;

for (const v of variants) {
  test.describe(v.name, () => {
    test.use({ colorScheme: v.colorScheme, viewport: v.viewport });
    test(`dashboard screenshot, ${v.name}`, async ({ page }, testInfo) => {
      await page.goto("/?period=2021-05&country=CN");
      await mapReady(page);
      await page.getByTestId("country-panel").getByRole("heading", { level: 2, name: "China" }).waitFor();
      await page.getByTestId("country-chart").waitFor();
      const file = `.tmp/screenshots/dashboard-${v.name}.png`;
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(`dashboard-${v.name}`, { path: file, contentType: "image/png" });
    });
  });
}

test("simulator screenshot, desktop light", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto("/?period=2021-05&shutdown=CN,KZ:0.5&migrate=0.5,90,30,proportional&horizon=365");
  await mapReady(page);
  await page.getByTestId("scenario-chart").waitFor();
  const file = ".tmp/screenshots/simulator-desktop-light.png";
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach("simulator-desktop-light", { path: file, contentType: "image/png" });
});
