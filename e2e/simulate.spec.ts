import { expect, test } from "@playwright/test";
import { featureValue, mapReady, screenPoint } from "./support";
import { SimulateResponse } from "../lib/validation/responses";

test("shutting down the top country from the map updates the panel, the map colours and the URL; reloading restores the scenario", async ({ page }) => {
  await page.goto("/?period=2021-05");
  await mapReady(page);
  expect(await featureValue(page, "US")).toBe(0.1777);

  await page.getByTestId("simulate-toggle").click();
  const china = await screenPoint(page, [103, 35]);
  await page.mouse.click(china.x, china.y);

  await expect(page).toHaveURL(/shutdown=CN/);
  const panel = page.getByTestId("scenario-panel");
  await expect(panel.getByTestId("scenario-items")).toContainText("China");
  await expect(panel.getByTestId("sim-headline")).toContainText("43.98%");
  await expect(panel.getByTestId("sim-interval")).toContainText("17.9 min");
  await expect(panel.getByTestId("sim-difficulty")).toContainText("-43.98%");
  await mapReady(page);
  // Survivors recoloured by their new shares: the US rises from 17.77 % to 17.77 / (1 − 0.4398).
  expect(await featureValue(page, "US")).toBeCloseTo(0.1777 / (1 - 0.4398), 3);
  expect(await featureValue(page, "CN")).toBeNull();
  const hatched = await page.evaluate(() => JSON.stringify(window.__hashatlasMap?.getFilter("country-shutdown")));
  expect(hatched).toContain('"CN"');

  // Shift-click adds Kazakhstan.
  const kz = await screenPoint(page, [67, 48]);
  await page.keyboard.down("Shift");
  await page.mouse.click(kz.x, kz.y);
  await page.keyboard.up("Shift");
  await expect(page).toHaveURL(/shutdown=CN%2CKZ|shutdown=CN,KZ/);
  await expect(panel.getByTestId("scenario-items")).toContainText("Kazakhstan");

  await page.reload();
  await mapReady(page);
  await expect(page.getByTestId("scenario-items")).toContainText("China");
  await expect(page.getByTestId("scenario-items")).toContainText("Kazakhstan");
  // (43.98 + 7.37) / 99.99: the month sums to 99.99 % and the metrics normalise it.
  await expect(page.getByTestId("sim-headline")).toContainText("51.36%");
});

test("a bloc preset, migration and the shock table lead to a simulation; the scenario exports as JSON and CSV", async ({ page }) => {
  await page.goto("/?period=2022-01");
  await mapReady(page);
  const table = page.getByTestId("shock-table");
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-id", /.+/);
  await table
    .locator('tr[data-id="USMCA"]')
    .getByRole("button", { name: /Simulate/ })
    .click();
  await expect(page).toHaveURL(/shutdown=USMCA/);
  const panel = page.getByTestId("scenario-panel");
  await expect(panel.getByTestId("sim-headline")).toContainText("44.32%");
  // With US and Canada gone, China holds 21.11 / 55.68 = 37.9 %: no majority.
  await expect(panel.getByTestId("sim-majority")).toHaveCount(0);

  await panel.getByTestId("bloc-EAEU").click();
  await expect(page).toHaveURL(/shutdown=USMCA%2CEAEU|shutdown=USMCA,EAEU/);
  // Without North America, Kazakhstan and Russia, China holds 21.11 / 37.8 = 56 % of what is left.
  await expect(panel.getByTestId("sim-majority")).toContainText("China");

  await panel.getByText("Timing and migration").click();
  await panel.getByTestId("migration-fraction").fill("100");
  await expect(page).toHaveURL(/migrate=1%2C90%2C30%2Cproportional|migrate=1,90,30,proportional/);
  await expect(panel.getByTestId("sim-migrated")).not.toContainText("0.0 EH/s");
  await expect(panel.getByTestId("scenario-chart")).toBeVisible();

  const [json] = await Promise.all([page.waitForEvent("download"), panel.getByTestId("export-json").click()]);
  // The downloaded file is the API's answer as it came: it parses with the API's own schema.
  const parsed = SimulateResponse.parse(JSON.parse(await (await json.createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8"))));
  expect(parsed.shutdown.map((s) => s.id)).toEqual(["USMCA", "EAEU"]);
  const [csv] = await Promise.all([page.waitForEvent("download"), panel.getByTestId("export-csv").click()]);
  const text = await (await csv.createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8"));
  expect(text.split("\n")[0]).toBe("day,hashrate_eh,block_interval_minutes,difficulty_relative,blocks_mined,retarget_difficulty_change");
  expect(text.trim().split("\n")).toHaveLength(parsed.timeline.length + 1);
});
