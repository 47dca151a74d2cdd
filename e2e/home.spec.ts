import { expect, type Page, test } from "@playwright/test";

type Rgba = [number, number, number, number];

/** Read one drawn pixel of the map canvas at a longitude/latitude. */
async function pixelAt(page: Page, lngLat: [number, number]): Promise<Rgba> {
  return page.evaluate(([lng, lat]) => {
    const map = window.__hashatlasMap;
    if (!map) throw new Error("no map");
    const point = map.project([lng, lat]);
    const source = map.getCanvas();
    const ratio = source.width / source.clientWidth;
    const copy = document.createElement("canvas");
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext("2d");
    if (!ctx) throw new Error("no 2d context");
    ctx.drawImage(source, 0, 0);
    const d = ctx.getImageData(Math.round(point.x * ratio), Math.round(point.y * ratio), 1, 1).data;
    return [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0, d[3] ?? 0] as [number, number, number, number];
  }, lngLat);
}

const distance = (a: Rgba, b: Rgba) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

test("the home page draws the latest CBECI month on the map without leaving the machine", async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.hostname !== new URL(baseURL ?? "").hostname) foreign.push(request.url());
  });

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Share of Bitcoin hashrate by country, January 2022");
  const map = page.getByTestId("world-map");
  await expect(map).toHaveAttribute("data-ready", "true");

  // Rendered features, not just DOM: the country layer is drawn and carries the shares.
  const rendered = await page.evaluate(() => {
    const m = window.__hashatlasMap;
    if (!m) return null;
    const features = m.queryRenderedFeatures({ layers: ["country-fill"] });
    return {
      count: new Set(features.map((f) => f.properties?.iso2)).size,
      us: m.getFeatureState({ source: "countries", id: "US" }).value,
      kz: m.getFeatureState({ source: "countries", id: "KZ" }).value,
      br: m.getFeatureState({ source: "countries", id: "BR" }).value ?? null,
    };
  });
  expect(rendered?.count).toBeGreaterThan(150);
  expect(rendered).toMatchObject({ us: 0.3784, kz: 0.1322, br: null });

  // Drawn pixels: the US (37.84 %) and Kazakhstan (13.22 %) are coloured differently from each
  // other and from Brazil, which has no estimate and shows the no-data grey.
  const us = await pixelAt(page, [-98, 39]);
  const kz = await pixelAt(page, [67, 48]);
  const br = await pixelAt(page, [-52, -10]);
  const ocean = await pixelAt(page, [-30, 0]);
  expect(distance(us, kz)).toBeGreaterThan(40);
  expect(distance(us, br)).toBeGreaterThan(40);
  expect(distance(br, ocean)).toBeGreaterThan(10);
  expect(distance(br, [201, 204, 209, 255])).toBeLessThan(12);

  // The table beside the map holds the same numbers as the API.
  const api = await (await page.request.get("/api/distribution?dataset=cbeci-monthly")).json();
  await expect(page.getByTestId("share-table").locator("tbody tr")).toHaveCount(api.countries.length);
  await expect(page.locator('tr[data-iso2="US"] td').nth(1)).toHaveText("37.84%");

  await page.screenshot({ path: ".tmp/screenshots/home.png", fullPage: true });
  expect(foreign).toEqual([]);
});

test("hovering a country shows its name and share", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("world-map")).toHaveAttribute("data-ready", "true");
  const point = await page.evaluate(() => window.__hashatlasMap?.project([-98, 39]));
  const box = await page.getByTestId("world-map").boundingBox();
  if (!point || !box) throw new Error("map not laid out");
  await page.mouse.move(box.x + point.x, box.y + point.y);
  await expect(page.getByTestId("map-tooltip")).toHaveText(/United States: 37\.84% of hashrate · 71\.0 EH\/s/);
});
