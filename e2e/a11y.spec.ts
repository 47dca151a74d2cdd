import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { mapReady } from "./support";

// axe-core on the main pages, light and dark: no serious or critical violation.
for (const colorScheme of ["light", "dark"] as const) {
  test.describe(colorScheme, () => {
    test.use({ colorScheme });
    for (const path of ["/", "/?layer=cost&country=US", "/?layer=sites", "/?period=2021-05&shutdown=CN,KZ:0.5", "/methodology", "/api-docs", "/data"]) {
      test(`${path} has no serious or critical accessibility violation (${colorScheme})`, async ({ page }) => {
        await page.goto(path);
        if (path.startsWith("/?") || path === "/") await mapReady(page);
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
