import { expect, test } from "@playwright/test";
import { z } from "zod";
import { DistributionResponse, MetricsResponse } from "../lib/validation/responses";
import { formatPeriod } from "../lib/view/format";
import { distance, featureState, featureValue, mapReady, pixelAt, screenPoint, watchForeignRequests } from "./support";

test("the home page opens on the newest estimate, says how old it is and where it comes from, and draws it without leaving the machine", async ({
  page,
  baseURL,
}) => {
  const foreign = watchForeignRequests(page, baseURL);
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Share of Bitcoin hashrate by country, October 2025");
  const answer = DistributionResponse.parse(await (await page.request.get("/api/distribution")).json());
  expect(answer).toMatchObject({ dataset: "best-estimate", period: "2025-10", source: { dataset: "hashrate-index-2025" } });
  // Its age next to the title, counted to this month, and marked stale (over six months).
  const months = answer.ageMonths;
  await expect(page.getByTestId("estimate-age")).toContainText(`estimate of October 2025 — ${months} months old`);
  await expect(page.getByTestId("stale-mark")).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`estimate of October 2025 \\(${months} months old, stale\\)`));
  // The month's source under the map and the table.
  await expect(page.getByTestId("map-source")).toContainText("Hashrate Index (Luxor Technology)");
  await expect(page.getByTestId("table-source")).toContainText("Proprietary, undisclosed method");
  await mapReady(page);

  // Rendered features, not just DOM: the country layer is drawn and carries the shares.
  const count = await page.evaluate(
    () => new Set(window.__hashatlasMap?.queryRenderedFeatures({ layers: ["country-fill"] }).map((f): unknown => f.properties.iso2)).size,
  );
  expect(count).toBeGreaterThan(150);
  expect(await featureValue(page, "US")).toBe(0.3775);
  expect(await featureValue(page, "CN")).toBe(0.14);
  expect(await featureValue(page, "BR")).toBeNull();

  // Drawn pixels: the US (37.75 %) and China (14 %) differ from each other and from Brazil,
  // which has no estimate and shows the no-data grey.
  const us = await pixelAt(page, [-98, 39]);
  const kz = await pixelAt(page, [104, 35]);
  const br = await pixelAt(page, [-52, -10]);
  const ocean = await pixelAt(page, [-30, 0]);
  expect(distance(us, kz)).toBeGreaterThan(40);
  expect(distance(us, br)).toBeGreaterThan(40);
  expect(distance(br, ocean)).toBeGreaterThan(10);
  expect(distance(br, [201, 204, 209, 255])).toBeLessThan(12);
  // What is drawn is the colour colorFor gave the country (the function the legend draws with).
  const usColor = z.string().parse((await featureState(page, "US")).color);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(usColor.slice(i, i + 2), 16)) as [number, number, number];
  expect(distance(us, [r, g, b, 255])).toBeLessThan(3);

  // Summary cards from /api/metrics.
  const metrics = MetricsResponse.parse(await (await page.request.get("/api/metrics")).json());
  await expect(page.getByTestId("card-nakamoto")).toContainText(metrics.nakamoto === null ? "none" : String(metrics.nakamoto));
  await expect(page.getByTestId("card-top")).toContainText("United States");
  await expect(page.getByTestId("time-chart")).toBeVisible();

  // "Apply to the latest network hashrate": the same shares at the newest month of network data.
  const latest = DistributionResponse.parse(await (await page.request.get("/api/distribution?network=latest")).json());
  expect(latest.networkHashratePeriod).not.toBe("2025-10");
  await page.getByTestId("network-latest").check();
  await expect(page).toHaveURL(/network=latest/);
  await expect(page.getByTestId("map-source")).toContainText(`EH/s at the latest network hashrate, ${formatPeriod(latest.networkHashratePeriod ?? "")}`);
  await expect(page.getByTestId("card-network")).toContainText(`${(latest.networkHashrateEh ?? 0).toFixed(1)} EH/s`);
  const usLatest = latest.countries.find((c) => c.iso2 === "US");
  await expect(page.locator('tr[data-iso2="US"] td').nth(3)).toHaveText(`${usLatest?.hashrateEh?.toFixed(1) ?? ""} EH/s`);
  expect(foreign).toEqual([]);

  // The tab icon: the page names one, and it is served as an image, so no browser asks for a
  // missing /favicon.ico and logs its 404.
  await page.waitForLoadState("networkidle");
  expect(consoleErrors.filter((e) => /favicon|icon/i.test(e))).toEqual([]);
  const icon = await page.locator('head link[rel~="icon"]').first().getAttribute("href", { timeout: 5_000 });
  expect(icon, "the page declares an icon").toBeTruthy();
  const iconResponse = await page.request.get(icon ?? "/favicon.ico");
  expect(iconResponse.status(), `${icon}`).toBe(200);
  expect(iconResponse.headers()["content-type"]).toMatch(/^image\//);
  expect((await iconResponse.body()).length).toBeGreaterThan(100);
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status(), "/favicon.ico").toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/^image\//);
});

test("the table view holds the same numbers as the API, sorts, and downloads as CSV", async ({ page }) => {
  await page.goto("/?period=2022-01");
  // The best estimate takes January 2022 from CBECI, and says so.
  await expect(page.getByTestId("table-source")).toContainText("Cambridge Centre for Alternative Finance");
  const api = DistributionResponse.parse(await (await page.request.get("/api/distribution?dataset=cbeci-monthly&period=2022-01")).json());
  const table = page.getByTestId("country-table");
  await expect(table.locator("tbody tr")).toHaveCount(api.countries.length);
  for (const c of api.countries) {
    const cells = table.locator(`tr[data-iso2="${c.iso2}"] td`);
    await expect(cells.nth(2)).toHaveText(`${(c.share * 100).toFixed(2)}%`);
    // CBECI gives every country of this month an absolute figure.
    expect(c.hashrateEh).not.toBeNull();
    await expect(cells.nth(3)).toHaveText(`${c.hashrateEh?.toFixed(1) ?? ""} EH/s`);
  }
  await table.getByRole("button", { name: "Country" }).click();
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-iso2", "CA");
  await table.getByRole("button", { name: "Share" }).click();
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-iso2", "US");
  await expect(table.getByRole("columnheader", { name: "Share" })).toHaveAttribute("aria-sort", "descending");

  // Its CSV download holds the table's numbers.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-table-csv").click()]);
  expect(download.suggestedFilename()).toBe("hashatlas-distribution-best-estimate-2022-01.csv");
  const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString("utf8");
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = header?.split(",") ?? [];
  const us = lines.map((l) => l.split(",")).find((cells) => cells[columns.indexOf("iso2")] === "US");
  expect(us?.[columns.indexOf("share")]).toBe("0.3784");
  expect(lines).toHaveLength(9);
});

test("hovering a country shows its name and share; clicking opens its panel", async ({ page }) => {
  await page.goto("/?period=2022-01");
  await mapReady(page);
  const us = await screenPoint(page, [-98, 39]);
  await page.mouse.move(us.x, us.y);
  await expect(page.getByTestId("map-tooltip")).toHaveText(/United States: 37\.84% of hashrate · 71\.0 EH\/s/);

  const kz = await screenPoint(page, [67, 48]);
  await page.mouse.click(kz.x, kz.y);
  const panel = page.getByTestId("country-panel");
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText("Kazakhstan");
  await expect(panel.getByTestId("panel-share")).toContainText("13.22%");
  await expect(panel.getByTestId("panel-rank")).toContainText("#3");
  await expect(panel.getByTestId("panel-shutdown")).toContainText("Block interval");
  await expect(page).toHaveURL(/country=KZ/);
});

test("the slider and play change the period, the URL and the colours; reloading restores the view", async ({ page }) => {
  await page.goto("/?period=2022-01");
  await mapReady(page);
  const us2022 = await pixelAt(page, [-98, 39]);
  const slider = page.getByTestId("period-slider");
  await slider.focus();
  // The slider steps over months no source covers: from January 2022 straight to November 2023.
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("period-label")).toHaveText("November 2023");
  await expect(page.getByTestId("map-source")).toContainText("MinerMetrics");
  for (let i = 0; i < 29; i++) await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("period-label")).toHaveText("September 2019");
  await expect(page).toHaveURL(/period=2019-09/);
  await mapReady(page);
  const us2019 = await featureValue(page, "US");
  expect(us2019).toBe(0.0406);
  // The colour of the United States changes between 2022-01 (37.84 %) and 2019-09 (4.06 %).
  await expect.poll(async () => distance(us2022, await pixelAt(page, [-98, 39]))).toBeGreaterThan(40);

  await page.getByTestId("play").click();
  await expect(page.getByTestId("period-label")).toHaveText("November 2019", { timeout: 10_000 });
  await page.getByTestId("play").click(); // pause
  const url = page.url();
  expect(url).toMatch(/period=2019-1[01]/);

  await page.getByTestId("layer-price").check();
  await expect(page).toHaveURL(/layer=price/);
  await page.reload();
  await mapReady(page);
  await expect(page.getByTestId("layer-price")).toBeChecked();
  expect(new URL(page.url()).searchParams.get("period")).toBe(new URL(url).searchParams.get("period"));
});

test("switching layers changes what is drawn; site popups show their source link", async ({ page }) => {
  await page.goto("/?period=2022-01");
  await mapReady(page);
  const shareUs = await pixelAt(page, [-98, 39]);
  await page.getByTestId("layer-price").check();
  await mapReady(page);
  expect(await featureValue(page, "NO")).toBeCloseTo(0.0478, 6); // Norway has a price but no share
  const priceUs = await pixelAt(page, [-98, 39]);
  expect(distance(shareUs, priceUs)).toBeGreaterThan(30);

  await page.getByTestId("layer-cost").check();
  await mapReady(page);
  const costUs = (await featureValue(page, "US")) as number;
  expect(costUs).toBeGreaterThan(0);

  await page.getByTestId("layer-sites").check();
  await mapReady(page);
  // Zoom to Paraguay, where five hydro sites sit, and open one.
  await page.evaluate(() => window.__hashatlasMap?.jumpTo({ center: [-54.6, -25.4], zoom: 8 }));
  await mapReady(page);
  const point = await page.evaluate(() => {
    const m = window.__hashatlasMap;
    const f = m?.queryRenderedFeatures({ layers: ["site-points"] })[0];
    if (!m || !f || f.geometry.type !== "Point") return null;
    return m.project(f.geometry.coordinates as [number, number]);
  });
  expect(point).not.toBeNull();
  const box = await page.getByTestId("world-map").boundingBox();
  await page.mouse.click((box?.x ?? 0) + (point?.x ?? 0), (box?.y ?? 0) + (point?.y ?? 0));
  const popup = page.getByTestId("site-popup");
  await expect(popup).toBeVisible();
  await expect(popup.getByRole("link", { name: "Source" })).toHaveAttribute("href", /^https?:\/\//);
});
