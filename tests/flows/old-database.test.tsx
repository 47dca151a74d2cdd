import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openSqlite } from "@/lib/db/sqlite";
import { testDatabaseCopy } from "@/tests/support/db-copy";

// A database written before the limits of lib/validation/limits.ts, as an old server's imports (or a
// hand edit) left it: rows written here directly with SQL. Every answer that needs a bad row is a
// 409 naming the dataset and what is wrong with it — never a 500, never a 400 that blames the query
// — and the dashboard says so instead of failing. Months and datasets without bad rows still answer.

const db = testDatabaseCopy("old-database");
vi.stubEnv("DATABASE_URL", `file:${db.file}`);

type Handler = (request: Request) => Promise<Response>;

let written = 0;
/** A dataset as an import of the old server wrote it; its rows come from `rows` (SQL with ? for its id). */
function oldDataset(slug: string, kind: string, ...rows: string[]) {
  const sqlite = openSqlite(db.file);
  try {
    written++;
    const { lastInsertRowid } = sqlite
      .prepare(
        `INSERT INTO "Dataset" (slug, kind, title, publisher, url, licence, "retrievedAt", origin, coverage, "contentHash", "importedAt")
         VALUES (?, ?, ?, 'Old Lab', 'https://example.org/old', 'CC-BY-4.0', '2024-01-01', 'import', 'partial', ?, ?)`,
      )
      .run(slug, kind, `Old ${slug}`, `hash-${slug}`, `2024-01-01T00:00:0${written}Z`);
    for (const sql of rows) sqlite.prepare(sql).run(Number(lastInsertRowid));
  } finally {
    sqlite.close();
  }
}

/** Copy CBECI's months into dataset ?, then spoil some of them. */
const COPY_CBECI = `INSERT INTO "HashrateShare" ("datasetId", period, "countryIso2", share, "hashrateEh", "sourceLabel")
  SELECT ?, period, "countryIso2", share, "hashrateEh", "sourceLabel" FROM "HashrateShare"
  WHERE "datasetId" = (SELECT id FROM "Dataset" WHERE slug = 'cbeci-monthly')`;
const spoil = (set: string, where: string) => `UPDATE "HashrateShare" SET ${set} WHERE "datasetId" = ? AND ${where}`;

beforeAll(async () => {
  await db.copy();
  // The finding of issue 14: a hashrate of 1e308 EH/s, accepted by the old import (201).
  oldDataset("old-eh", "shares", COPY_CBECI, spoil(`"hashrateEh" = 1e308`, `period = '2022-01' AND "countryIso2" = 'US'`));
  oldDataset("old-share", "shares", COPY_CBECI, spoil("share = -5", `period = '2021-01' AND "countryIso2" = 'CN'`));
  // Infinity (1e999 in SQL): SQLite stores it, and sums of it give NaN.
  oldDataset("old-inf", "shares", COPY_CBECI, spoil(`"hashrateEh" = 1e999`, `period = '2021-06' AND "countryIso2" = 'US'`));
  // Text where a number belongs: SQLite keeps it, Prisma cannot read it.
  oldDataset("old-text", "shares", COPY_CBECI, spoil("share = 'lots'", `period = '2020-01' AND "countryIso2" = 'US'`));
  // A network month of 1e308 EH/s, and shares without their own totals that are applied to it.
  oldDataset(
    "old-network",
    "network",
    `INSERT INTO "NetworkStat" ("datasetId", period, "hashrateEh", difficulty, "blockSubsidyBtc") VALUES (?, '2031-01', 1e308, 1e14, 1.5625)`,
  );
  oldDataset(
    "old-future",
    "shares",
    `INSERT INTO "HashrateShare" ("datasetId", period, "countryIso2", share) VALUES (?, '2031-01', 'US', 0.6)`,
    `INSERT INTO "HashrateShare" ("datasetId", period, "countryIso2", share) VALUES (?, '2031-01', NULL, 0.4)`,
  );
  // An operating site of 10^308 MW.
  oldDataset(
    "old-sites",
    "sites",
    `INSERT INTO "MiningSite" ("datasetId", name, operator, "countryIso2", "capacityMw", status, certainty, "sourceUrl")
     VALUES (?, 'Everything', 'Old Op', 'US', 1e308, 'operating', 'low', 'https://example.org/site')`,
  );
});
afterAll(db.remove);

async function answer(handler: Handler, url: string, body?: unknown) {
  const request = body
    ? new Request(`http://127.0.0.1${url}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
    : new Request(`http://127.0.0.1${url}`);
  const response = await handler(request);
  const text = await response.text();
  return { status: response.status, text };
}

const route = async (path: string): Promise<{ GET?: Handler; POST?: Handler }> =>
  (await import(`@/app/api/${path}/route`)) as { GET?: Handler; POST?: Handler };

/** Every answer that reads a month or every month of a shares dataset. */
async function shareAnswers(slug: string, period: string) {
  const q = `dataset=${slug}&period=${period}`;
  const get = async (path: string, url: string) => answer((await route(path)).GET!, url);
  const post = async (path: string, body: unknown) => answer((await route(path)).POST!, `/api/${path}`, body);
  return {
    distribution: await get("distribution", `/api/distribution?${q}`),
    metrics: await get("metrics", `/api/metrics?${q}`),
    series: await get("metrics/series", `/api/metrics/series?dataset=${slug}`),
    shocks: await get("shocks", `/api/shocks?${q}`),
    country: await get("country", `/api/country?dataset=${slug}&iso2=US`),
    "export metrics": await get("export", `/api/export?what=metrics&${q}`),
    "export distribution (all months)": await get("export", `/api/export?what=distribution&dataset=${slug}&period=all`),
    simulate: await post("simulate", { dataset: slug, period, shutdown: ["CN"] }),
    risk: await post("risk", { dataset: slug, period, events: [{ id: "CN", probability: 0.3 }] }),
  };
}

describe("an old database with rows beyond the limits", () => {
  it.each([
    ["old-eh", "2022-01", /dataset "old-eh" holds a hashrate of 1e\+308 EH\/s for US in 2022-01, which must be ≤ 1000000 EH\/s/],
    ["old-share", "2021-01", /dataset "old-share" holds a share of -5 for CN in 2021-01, which must be within 0…1/],
    ["old-inf", "2021-06", /dataset "old-inf" holds a hashrate of Infinity EH\/s for US in 2021-06, which must be ≤ 1000000 EH\/s/],
    ["old-future", "2031-01", /dataset "old-network" holds a network hashrate of 1e\+308 EH\/s for 2031-01, which must be ≤ 1000000 EH\/s/],
  ])("answers 409 about %s's month %s on every route that needs it", async (slug, period, message) => {
    for (const [name, r] of Object.entries(await shareAnswers(slug, period))) {
      expect({ name, status: r.status }).toEqual({ name, status: 409 });
      expect(JSON.parse(r.text)).toMatchObject({ error: { status: 409, field: "dataset", message: expect.stringMatching(message) } });
      expect(r.text).toContain("re-import the dataset");
    }
  });

  it("still answers the months of a dataset that hold no bad row", async () => {
    const good = await shareAnswers("old-eh", "2021-12");
    for (const name of ["distribution", "metrics", "shocks", "export metrics", "simulate", "risk"] as const) {
      expect({ name, status: good[name].status }).toEqual({ name, status: 200 });
    }
    const periods = await answer((await route("periods")).GET!, "/api/periods?dataset=old-eh");
    expect(periods.status).toBe(200);
  });

  it("answers 409 for text stored in a number column", async () => {
    for (const [name, r] of Object.entries(await shareAnswers("old-text", "2020-01"))) {
      expect({ name, status: r.status }).toEqual({ name, status: 409 });
      expect(r.text).toMatch(/dataset \\"old-text\\" holds a share of \\"lots\\" for US in 2020-01, which is not a number/);
    }
  });

  it("answers 409 when the newest network month breaks a limit and a view applies shares to it", async () => {
    const r = await answer((await route("metrics")).GET!, "/api/metrics?period=2022-01&network=latest");
    expect(r.status).toBe(409);
    expect(r.text).toMatch(/dataset \\"old-network\\" holds a network hashrate of 1e\+308 EH\/s for 2031-01/);
  });

  it("answers 409 for basis=sites when the sites add up to an impossible hashrate", async () => {
    const r = await answer((await route("metrics")).GET!, "/api/metrics?basis=sites&dataset=old-sites&period=2025-07");
    expect(r.status).toBe(409);
    expect(r.text).toMatch(/the sites of dataset \\"old-sites\\" in US add up to [\d.e+]+ EH\/s, which must be ≤ 1000000 EH\/s/);
  });

  it("shows the dashboard of a bad dataset as an explanation with the other datasets, not a failure", async () => {
    const { default: HomePage, generateMetadata } = await import("@/app/page");
    const searchParams = Promise.resolve({ dataset: "old-eh", period: "2022-01" });
    const html = renderToStaticMarkup(await HomePage({ searchParams }));
    expect(html).toContain("The data of old-eh cannot be shown");
    expect(html).toMatch(/dataset &quot;old-eh&quot; holds a hashrate of 1e\+308 EH\/s for US in 2022-01/);
    expect(html).toContain('href="/?dataset=cbeci-monthly"');
    expect(await generateMetadata({ searchParams })).toEqual({ title: "HashAtlas — the data of old-eh cannot be shown" });
  });

  // Last: a bad price reaches every metric (each prices every country), so it is written only now.
  it("answers 409 naming a price dataset whose price breaks the limit", async () => {
    oldDataset(
      "old-prices",
      "prices",
      `INSERT INTO "PowerPrice" ("datasetId", "countryIso2", "usdPerKwh", "priceType", period, "sourceName", "sourceUrl", certainty)
       VALUES (?, 'DE', -0.2, 'industrial', '2022-01', 'Old', 'https://example.org/p', 'low')`,
    );
    const metrics = await answer((await route("metrics")).GET!, "/api/metrics?period=2022-01&dataset=cbeci-monthly");
    const simulate = await answer((await route("simulate")).POST!, "/api/simulate", { dataset: "cbeci-monthly", period: "2022-01", shutdown: ["CN"] });
    for (const r of [metrics, simulate]) {
      expect(r.status).toBe(409);
      expect(r.text).toMatch(/dataset \\"old-prices\\" holds a power price of -0.2 USD\/kWh for DE in 2022-01, which must be above 0 and at most 10 USD\/kWh/);
    }
    // Text where the price belongs cannot even be read through Prisma; a new dataset makes the cached answers out of date.
    const sqlite = openSqlite(db.file);
    sqlite.prepare(`UPDATE "PowerPrice" SET "usdPerKwh" = 'cheap' WHERE "usdPerKwh" = -0.2`).run();
    sqlite.close();
    oldDataset("old-bump", "prices");
    const again = await answer((await route("metrics")).GET!, "/api/metrics?period=2022-01&dataset=cbeci-monthly");
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/the power prices: a value of the wrong type is stored \(Expected a float in column 'usdPerKwh', got string: cheap\)/);
  });
});
