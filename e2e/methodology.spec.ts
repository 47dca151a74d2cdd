import { expect, test } from "@playwright/test";
import { BacktestsResponse } from "../lib/validation/responses";
import { formatDrop, formatPoints } from "../lib/view/backtests";
import { formatShare, formatSignedPercent } from "../lib/view/format";

type DatasetJson = { slug: string; title: string; licence: string; retrievedAt: string; caveats: string | null; periods: string[] };
type NetworkJson = { months: { period: string; hashrateEh: number; source: string }[]; retargets: { height: number }[] };

const SECTION_IDS = [
  "definitions",
  "shutdown-model",
  "jurisdiction-risk",
  "historical-validation",
  "backtests",
  "energy",
  "network",
  "other",
  "sources",
  "caveats",
];

test("the methodology page states the definitions, validates the simulator, states the risk rules and cites every dataset, without leaving the machine", async ({
  page,
  baseURL,
}) => {
  const localHosts = new Set([new URL(baseURL ?? "http://127.0.0.1").hostname, "127.0.0.1", "localhost", "[::1]"]);
  const foreign: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "data:" || url.protocol === "blob:") return;
    if (!localHosts.has(url.hostname)) foreign.push(request.url());
  });

  const response = await page.goto("/methodology");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle("Methodology — HashAtlas");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Methodology");
  await expect(page.locator("h1")).toHaveCount(1);

  // Headings never skip a level (h1 → h2 → h3), and the table of contents links to every section.
  const levels = await page.locator("main :is(h1, h2, h3, h4, h5, h6)").evaluateAll((hs) => hs.map((h) => Number(h.tagName.slice(1))));
  expect(levels[0]).toBe(1);
  levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0), `heading ${i} jumps from h${levels[i - 1]} to h${level}`).toBeLessThanOrEqual(1));
  const toc = page.getByRole("navigation", { name: "On this page" });
  for (const id of SECTION_IDS) {
    await expect(toc.locator(`a[href="#${id}"]`)).toHaveCount(1);
    await expect(page.locator(`section#${id} > h2`)).toBeVisible();
  }
  await expect(page.locator("section#historical-validation h2")).toHaveText("Historical validation: the 2021 China ban");

  // Every dataset the API knows is in the sources table with its licence and retrieval date.
  const { datasets } = (await (await page.request.get("/api/datasets")).json()) as { datasets: DatasetJson[] };
  expect(datasets.length).toBeGreaterThan(0);
  const table = page.getByTestId("sources-table");
  await expect(table.locator("tbody tr")).toHaveCount(datasets.length);
  for (const d of datasets) {
    const row = table.locator(`tbody tr[data-slug="${d.slug}"]`);
    await expect(row).toContainText(d.title);
    await expect(row.locator('[data-field="licence"]')).toHaveText(d.licence);
    await expect(row.locator('[data-field="retrieved"]')).toHaveText(d.retrievedAt);
    await expect(row.locator('[data-field="newest"]')).toHaveText(d.periods.at(-1) ?? "—");
    if (d.caveats) await expect(page.getByTestId("dataset-caveats").locator(`[data-slug="${d.slug}"] dd`)).toHaveText(d.caveats);
  }
  // The best estimate: the link its provenance gives lands on its ranking, and each run of months names its source.
  await expect(page.locator("section#best-estimate")).toContainText("whole from one source");
  const runs = page.getByTestId("best-estimate-runs").locator("tbody tr");
  await expect(runs).toHaveText([
    /2019-09 … 2022-01 \(29 months\).*cbeci-monthly/,
    /2023-11.*minermetrics-2023/,
    /2025-05 … 2025-10 \(3 months\).*hashrate-index-2025/,
  ]);
  await expect(page.locator("#sources")).toContainText("i18n-iso-countries");
  await expect(page.locator("#sources")).toContainText("ODbL");
  await expect(page.locator("#sources")).toContainText("Natural Earth");

  // The definitions as docs/methodology.md#metrics states them (\s also matches the narrow no-break space in 10 000).
  await expect(page.getByTestId("def-hhi")).toContainText(/hhi\s*=\s*10\s000\s*·\s*Σ\s*c\s*s\s*c\s*2/);
  await expect(page.getByTestId("def-hhi-upper")).toContainText(/hhiUpper\s*=\s*hhi\s*\+\s*10\s000\s*·\s*u\s*2/);
  await expect(page.getByTestId("def-bands")).toContainText("low if hhi < 1000, moderate if 1000 ≤ hhi ≤ 1800, high if hhi > 1800");
  await expect(page.getByTestId("def-lost-share")).toContainText(/L\s*=\s*Σ\s*c∈S\s*f\s*c\s*·\s*s\s*c/);
  const clamp = page.getByTestId("def-clamp");
  await expect(clamp).toContainText(/factor\s*=\s*clamp\(2016\s*·\s*10\s*\/\s*A,\s*1\/4,\s*4\)/);
  await expect(clamp).toContainText("×4 up or ÷4 down");
  await expect(clamp).toContainText("2015 intervals");
  await expect(page.locator("#energy")).toContainText("28.2 J/TH");
  await expect(page.locator("#energy")).toContainText("$96k");

  // The network chart, fed by /api/network, draws every month to the newest and sums that month up with its source.
  const network = (await (await page.request.get("/api/network")).json()) as NetworkJson;
  const newest = network.months.at(-1);
  expect(newest).toBeDefined();
  const newestMonth = (style: "long" | "short") =>
    new Intl.DateTimeFormat("en-US", { month: style, year: "numeric", timeZone: "UTC" }).format(new Date(`${newest?.period}-01T00:00:00Z`));
  const chart = page.getByTestId("network-chart");
  await expect(chart.locator("canvas").first()).toBeVisible();
  await expect(chart.getByRole("img")).toHaveAttribute("aria-busy", "false");
  await expect(chart.getByRole("img")).toHaveAccessibleName(/Network hashrate \(EH\/s\) and mean difficulty/);
  // The screen-reader table holds one row per month, the last one the newest.
  const monthRows = chart.locator("table.sr-only tbody tr");
  await expect(monthRows).toHaveCount(network.months.length);
  await expect(monthRows.last().locator("th")).toHaveText(newestMonth("short"));
  const summary = page.getByTestId("network-summary");
  await expect(summary).toHaveAttribute("data-period", newest?.period ?? "");
  await expect(summary).toContainText(`Newest month: ${newestMonth("long")}`);
  const hashrate = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(newest?.hashrateEh ?? NaN);
  await expect(summary).toContainText(`${hashrate} EH/s`);
  await expect(summary).toContainText(`source: ${newest?.source}`);
  await expect(summary).toContainText(`the ${network.retargets.length} retargets`);
  await expect(page.getByTestId("download-network-csv")).toHaveAttribute("href", "/api/export?what=network&format=csv");
  await expect(page.locator("#network a[href='/api/network']")).toBeVisible();

  // The backtests: one table row per shock /api/backtests answers, with its figures as the API states them, and the mean absolute error.
  const backtests = BacktestsResponse.parse(await (await page.request.get("/api/backtests")).json());
  await expect(page.locator("section#backtests h2")).toHaveText("Backtests: the simulator against real shocks");
  const backtestRows = page.getByTestId("backtests-table").locator("tbody tr");
  await expect(backtestRows).toHaveCount(backtests.rows.length);
  expect(backtests.rows.map((r) => r.id)).toEqual(expect.arrayContaining(["cn-2021-05", "kz-2022-01", "us-2022-12", "us-2024-01", "us-2026-01"]));
  await expect(backtestRows).toHaveText(backtests.rows.map((r) => new RegExp(r.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))));
  for (const r of backtests.rows) {
    const row = page.locator(`[data-testid="backtests-table"] tbody tr[data-id="${r.id}"]`);
    await expect(row.locator('[data-field="date"]')).toContainText(r.date);
    await expect(row.locator('[data-field="observed"]')).toHaveText(formatDrop(r.observedDrop));
    await expect(row.locator('[data-field="predicted"]')).toHaveText(formatShare(r.predictedDrop));
    await expect(row.locator('[data-field="error"]')).toHaveText(formatPoints(r.error.signed));
    for (const c of r.scenario.countries)
      await expect(row.locator('[data-field="scenario"]')).toContainText(`${c.name}: ${formatShare(c.share)} × ${formatShare(c.fraction)}`);
    await expect(row.locator('[data-field="observed-change"]')).toHaveText(r.observedRetargets.map((o) => formatSignedPercent(o.change)));
    await expect(row.locator('[data-field="predicted-change"]')).toHaveText(r.predictedRetargets.map((p) => formatSignedPercent(p.change)));
    await expect(row.locator('[data-field="sources"] a')).toHaveCount(r.sources.length);
    for (const s of r.sources) await expect(row.locator(`[data-field="sources"] a[href="${s.url}"]`)).toHaveCount(1);
    await expect(row.locator('[data-field="left-out"] li')).toHaveText(r.leftOut);
  }
  expect(backtests.meanAbsoluteError).not.toBeNull();
  await expect(page.getByTestId("backtests-mae")).toContainText(
    `Mean absolute error over ${backtests.rows.length} shocks: ${formatPoints(backtests.meanAbsoluteError ?? NaN, false)}`,
  );
  await expect(page.getByTestId("not-backtested").locator("li")).toHaveCount(backtests.notBacktested.length);

  // It validates the simulator against the 2021 China ban.
  const validation = page.getByTestId("validation-table");
  await expect(validation).toBeVisible();
  // The four real retargets, compounding to −45 %.
  for (const change of ["-15.97%", "-5.30%", "-27.94%", "-4.81%"]) await expect(validation).toContainText(change);
  await expect(validation).toContainText("-45.42%");
  await expect(page.locator("#historical-validation")).toContainText("13.88 min");

  // It states the jurisdiction-risk rules with a worked example.
  const section = page.locator("section#jurisdiction-risk");
  await expect(section.locator("h2")).toHaveText("Jurisdiction risk: probable shutdowns");
  await expect(page.getByTestId("def-risk-contributions")).toContainText("−ln(1 − p");
  await expect(page.getByTestId("def-risk-defaults")).toContainText("ban 1, blackout 0.5, restriction 0.25, tariff 0.1");
  // May 2021 (shares over their total, 99.99 %): (0.4398 · 0.3 + 0.0737 · (1 − 0.9 · 0.95) + 0.0719 · 0.05) / 0.9999 = 14.62 %.
  await expect(page.getByTestId("risk-example-expected")).toHaveText(/^14\.62\s%$/);
  const rows = page.getByTestId("risk-example-contributions").locator("tbody tr");
  await expect(rows).toHaveCount(3);
  // China's part: 0.4398 / 0.9999 · 0.3 = 13.20 %.
  await expect(rows.first()).toContainText(/China.*13\.20\s%/);

  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: ".tmp/screenshots/methodology.png", fullPage: true });
  expect(foreign).toEqual([]);
});
