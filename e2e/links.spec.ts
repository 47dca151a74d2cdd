import { expect, type Page, test } from "@playwright/test";
import { mapReady } from "./support";

// Every download and API link a page offers must answer, in every state the dashboard can be in,
// with the content type the link itself announces (format=, metadata=).

/** The same-origin href of every API link and every download link on the page, resolved. */
async function downloadLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator('a[href^="/api/"], a[download]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const origin = new URL(page.url()).origin;
  return hrefs.map((href) => {
    const url = new URL(href, page.url());
    expect(url.origin, `download link ${href} leaves the app`).toBe(origin);
    return `${url.pathname}${url.search}`;
  });
}

/** What a link says it serves: metadata=1 and format=json are JSON; /api/export is CSV by default, other routes JSON. */
function announcedType(href: string): "text/csv" | "application/json" {
  const url = new URL(href, "http://app.invalid");
  const metadata = url.searchParams.get("metadata");
  if (metadata === "1" || metadata === "true") return "application/json";
  const format = url.searchParams.get("format");
  if (format === "json") return "application/json";
  if (format === "csv") return "text/csv";
  return url.pathname === "/api/export" ? "text/csv" : "application/json";
}

/** Request every link once and expect 2xx with the announced type; returns how many were checked. */
async function expectLinksAnswer(page: Page, hrefs: readonly string[], checked: Set<string>) {
  for (const href of hrefs) {
    if (checked.has(href)) continue;
    checked.add(href);
    const response = await page.request.get(href);
    const body = response.ok() ? "" : await response.text();
    expect(response.status(), `${href} → ${body}`).toBeGreaterThanOrEqual(200);
    expect(response.status(), `${href} → ${body}`).toBeLessThan(300);
    expect(response.headers()["content-type"], href).toContain(announcedType(href));
  }
}

test("every download and API link on the dashboard answers: default, and a chosen month with a scenario", async ({ page }) => {
  const checked = new Set<string>();
  await page.goto("/");
  await mapReady(page);
  const defaults = await downloadLinks(page);
  expect(defaults.length).toBeGreaterThanOrEqual(15);
  await expectLinksAnswer(page, defaults, checked);

  // A bloc, a partial fraction, migration and a month: the scenario panel adds its API export.
  await page.goto("/?shutdown=EAEU,US:0.5&migrate=0.5,90,30,cheap-power&period=2021-06");
  await mapReady(page);
  await expect(page.getByTestId("export-api-csv")).toBeVisible();
  const scenario = await downloadLinks(page);
  const apiCsv = await page.getByTestId("export-api-csv").getAttribute("href");
  expect(scenario).toContain(apiCsv);
  // One value per parameter, and the scenario as asked for.
  const params = new URL(apiCsv ?? "", "http://app.invalid").searchParams;
  for (const key of new Set(params.keys())) expect(params.getAll(key), key).toHaveLength(1);
  expect(Object.fromEntries(params)).toMatchObject({ what: "scenario", period: "2021-06", shutdown: "EAEU,US:0.5", migrate: "0.5,90,30,cheap-power" });
  expect(scenario.filter((href) => href.includes("period=2021-06")).length).toBeGreaterThanOrEqual(10);
  await expectLinksAnswer(page, scenario, checked);
});

test.describe("dark mode", () => {
  test.use({ colorScheme: "dark" });

  test("with the sites layer and a country selected, every link answers and the map's attribution is dark and readable", async ({ page }) => {
    await page.goto("/?layer=sites&country=US");
    await mapReady(page);
    await expect(page.getByTestId("country-panel").getByRole("heading", { level: 2 })).toHaveText("United States");
    const links = await downloadLinks(page);
    expect(links.some((href) => href.includes("what=sites"))).toBe(true);
    await expectLinksAnswer(page, links, new Set());

    const attribution = page.locator(".maplibregl-ctrl-attrib");
    await expect(attribution).toBeVisible();
    const colours = await attribution.evaluate((el) => {
      const link = el.querySelector(".maplibregl-ctrl-attrib-inner a") ?? el.querySelector(".maplibregl-ctrl-attrib-inner");
      return { background: getComputedStyle(el).backgroundColor, text: getComputedStyle(el).color, link: link ? getComputedStyle(link).color : "" };
    });
    const background = luminance(colours.background);
    expect(background, `attribution background ${colours.background}`).toBeLessThan(0.1);
    for (const text of [colours.text, colours.link])
      expect(contrast(luminance(text), background), `text ${text} on ${colours.background}`).toBeGreaterThanOrEqual(4.5);
  });
});

test("every download and API link on /methodology and /data answers", async ({ page }) => {
  const checked = new Set<string>();
  for (const path of ["/methodology", "/data"]) {
    await page.goto(path);
    await expectLinksAnswer(page, await downloadLinks(page), checked);
  }
});

/** WCAG relative luminance of a CSS rgb()/rgba() colour (alpha ignored: it must be opaque enough to read). */
function luminance(css: string): number {
  const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
  expect(a, `${css} is transparent`).toBeGreaterThanOrEqual(0.8);
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
