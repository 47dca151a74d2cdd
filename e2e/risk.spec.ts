import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { featureState, featureValue, mapReady } from "./support";
import { RiskResponse, type RiskResult } from "../lib/validation/responses";
import { formatShare } from "../lib/view/format";

// The Risk view: the events' probabilities (defaults from the server), edited by a user, change the
// figures, the chart, the map and the link. The expected numbers are the API's own answers for the
// same events, asked for here.

const PERIOD = "2022-01";

async function risk(page: Page, events: { id: string; probability: number; fraction: number }[]): Promise<RiskResult> {
  const response = await page.request.post("/api/risk", { data: { period: PERIOD, events } });
  expect(response.status()).toBe(200);
  return RiskResponse.parse(await response.json());
}

const usShare = (r: RiskResult) => r.contributions.countries.find((c) => c.iso2 === "US")?.expectedLostShare;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

test("editing a probability changes the figures, the chart, the map and the URL; a reload restores it", async ({ page }) => {
  const defaults = await risk(page, []);
  const us = defaults.events.find((e) => e.id === "US");
  if (!us) throw new Error("the defaults of 2022-01 list no US event");

  await page.goto(`/?period=${PERIOD}&layer=risk`);
  await mapReady(page);
  const panel = page.getByTestId("risk-panel");
  const table = panel.getByTestId("risk-table");
  // Every default event is a row, blocs included, each marked as the default.
  await expect(table.locator("tbody tr")).toHaveCount(defaults.events.length);
  await expect(table.locator('tr[data-id="USMCA"]')).toContainText("bloc");
  await expect(table.locator('tr[data-default="true"]')).toHaveCount(defaults.events.length);
  const input = panel.getByLabel("Probability of United States (%)");
  await expect(input).toHaveValue(String(Number((us.probability * 100).toFixed(2))));
  await expect(panel.getByTestId("risk-expected")).toContainText(formatShare(defaults.expectedLostShare));
  // The map paints each country's part of the expected loss, as the server computed it.
  expect(await featureValue(page, "US")).toBeCloseTo(usShare(defaults) ?? Number.NaN, 12);
  const colourBefore = (await featureState(page, "US")).color;
  const chart = panel.getByTestId("risk-chart").locator("svg");
  const chartBefore = await chart.getAttribute("aria-label");
  await expect(panel.getByTestId("risk-bar").first()).toBeVisible();

  await input.fill("50");
  // The override carries the event's default fraction, so the link means the same on its own.
  await expect(page).toHaveURL(new RegExp(`[?&]risk=US%3A0\\.5%3A${us.fraction}(&|$)`));
  const edited = await risk(
    page,
    defaults.events.map((e) => ({ id: e.id, probability: e.id === "US" ? 0.5 : e.probability, fraction: e.fraction })),
  );
  expect(edited.expectedLostShare).toBeGreaterThan(defaults.expectedLostShare);
  await expect(panel.getByTestId("risk-expected")).toContainText(formatShare(edited.expectedLostShare));
  await expect(panel.getByTestId("risk-p90")).toContainText(formatShare(edited.lostShareQuantiles.p90));
  await expect(panel.getByTestId("risk-headline")).toContainText(`${formatShare(edited.expectedLostShare)} of network hashrate`);
  await expect(table.locator('tr[data-id="US"]')).toHaveAttribute("data-default", "false");
  await expect(panel.getByRole("button", { name: "Reset United States to its default" })).toBeVisible();
  await expect(chart).not.toHaveAttribute("aria-label", chartBefore ?? "");
  await expect(chart).toHaveAttribute("aria-label", new RegExp(`p90: ${formatShare(edited.lostShareQuantiles.p90)} lost`));
  await mapReady(page);
  await expect.poll(() => featureValue(page, "US")).toBeCloseTo(usShare(edited) ?? Number.NaN, 12);
  expect((await featureState(page, "US")).color).not.toBe(colourBefore);
  // The download is the file of exactly these events.
  const csvHref = (await panel.getByTestId("download-risk-csv").getAttribute("href")) ?? "";
  expect(new URL(csvHref, "http://app.invalid").searchParams.get("risk")).toContain(`US:0.5:${us.fraction}`);
  const csv = await (await page.request.get(csvHref)).text();
  expect(csv.split("\n").find((line) => line.startsWith("event,US,"))).toContain(`,0.5,${us.fraction},`);

  await page.reload();
  await mapReady(page);
  await expect(page.getByLabel("Probability of United States (%)")).toHaveValue("50");
  await expect(page.getByTestId("risk-expected")).toContainText(formatShare(edited.expectedLostShare));
  await expect.poll(() => featureValue(page, "US")).toBeCloseTo(usShare(edited) ?? Number.NaN, 12);
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe("dark", () => {
  test.use({ colorScheme: "dark" });

  test("the table works from the keyboard: arrows step a probability, Tab reaches a reset, Enter resets; no serious axe violation", async ({ page }) => {
    await page.goto(`/?period=${PERIOD}&layer=risk&risk=CN:0.1:0.5`);
    await mapReady(page);
    const table = page.getByTestId("risk-table");
    await expect(table.locator('tr[data-id="CN"]')).toHaveAttribute("data-default", "false");
    await expect(page.getByLabel("Probability of China (%)")).toHaveValue("10");
    expect(await seriousViolations(page)).toEqual([]);

    // US is the first row, China the second: once US is changed, Tab goes to its reset, then to China's field and its reset.
    const us = page.getByLabel("Probability of United States (%)");
    await us.focus();
    const before = Number(await us.inputValue());
    await page.keyboard.press("ArrowUp");
    await expect(us).toHaveValue(String(Number((before + 1).toFixed(2))));
    await expect(page).toHaveURL(/risk=CN%3A0\.1%3A0\.5%2CUS%3A0\.0[0-9]+%3A/);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Reset United States to its default" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Probability of China (%)")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Reset China to its default" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(table.locator('tr[data-id="CN"]')).toHaveAttribute("data-default", "true");
    await expect(page).not.toHaveURL(/CN%3A/);
    await expect(page).toHaveURL(/risk=US%3A/);
  });
});
