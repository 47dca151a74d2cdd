import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { mapReady, watchViolations } from "./support";

// Each main page, light and dark, loaded once and checked for what every page owes:
// - it draws under the Content-Security-Policy (lib/edge/security-headers.cjs) and breaks none of it:
//   no violation event, no report in the console (its workers' included);
// - a dashboard draws its map (WebGL, through its worker, the world geometry fetched by the worker)
//   and its time chart; another page its heading;
// - axe-core finds no serious or critical accessibility violation.
const DASHBOARDS = ["/", "/?layer=cost&country=US", "/?layer=sites", "/?period=2021-05&shutdown=CN,KZ:0.5"];
const PAGES = ["/methodology", "/api-docs", "/data"];

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(colorScheme, () => {
    test.use({ colorScheme });
    for (const path of [...DASHBOARDS, ...PAGES]) {
      test(`${path} draws under the policy with no violation, and has no serious or critical accessibility violation (${colorScheme})`, async ({ page }) => {
        const watch = await watchViolations(page);
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
        if (DASHBOARDS.includes(path)) {
          await mapReady(page);
          const drawn = await page.evaluate(() => window.__hashatlasMap?.queryRenderedFeatures({ layers: ["country-fill"] }).length ?? 0);
          expect(drawn).toBeGreaterThan(100);
          await expect(page.getByTestId("time-chart")).toBeVisible();
        } else await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        // The policy first: axe-core, injected by the test, is not the page.
        await page.waitForLoadState("networkidle");
        expect(await watch.events()).toEqual([]);
        expect(watch.reports).toEqual([]);

        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map(
            (v) =>
              `${v.id} (${v.impact}): ${v.help} — ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(" "))
                .join(" | ")}`,
          );
        expect(serious).toEqual([]);
      });
    }
  });
}
