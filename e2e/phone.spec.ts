import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { mapReady } from "./support";

// Not isMobile: a mobile browser zooms out to fit overflowing content, which would hide the overflow from the check.
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

test("on a 390 px phone nothing reaches past the screen: wide tables scroll inside their cards", async ({ page }) => {
  // The scenario panel's table too: a shutdown is open.
  await page.goto("/?shutdown=CN,KZ:0.5");
  await mapReady(page);
  await expect(page.getByTestId("scenario-results")).toBeVisible();
  await expect(page.getByTestId("shock-table").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByTestId("country-table").locator("tbody tr").first()).toBeVisible();

  const layout = await page.evaluate(() => {
    // An element inside a box that clips or scrolls shows only within that box, which is checked itself.
    const clipped = (el: Element) => {
      for (let a: Element | null = el; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.clip !== "auto" || style.clipPath !== "none" || (a !== el && style.overflowX !== "visible")) return true;
      }
      return false;
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${typeof el.className === "string" && el.className ? `.${el.className.split(" ").join(".")}` : ""}`;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      clientWidth: document.documentElement.clientWidth,
      outside: [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(el))
        .map(name)
        .slice(0, 10),
    };
  });
  expect(layout.outside).toEqual([]);
  expect(layout.innerWidth).toBe(PHONE.width);
  expect(layout.scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(layout.clientWidth);

  // Each wide table scrolls sideways inside a focusable, labelled region of its card.
  for (const testId of ["shock-table", "country-table"]) {
    const region = page.getByTestId(testId).locator("xpath=ancestor::*[@role='region'][1]");
    await expect(region).toHaveAttribute("tabindex", "0");
    await expect(region).toHaveAttribute("aria-label", /\w/);
    const { scrollWidth, clientWidth } = await region.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth, `${testId} is wider than its region and scrolls`).toBeGreaterThan(clientWidth);
    await region.evaluate((el) => el.scrollBy(200, 0));
    expect(await region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  }

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
  expect(serious).toEqual([]);
});
