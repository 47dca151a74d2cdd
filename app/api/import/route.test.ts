import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDatabase } from "@/seed/seed";
import { COUNTED_TABLES } from "@/lib/db/tables";
import { closeImportWorker } from "@/lib/import-worker";
import { openSqlite } from "@/lib/db/sqlite";
import { expectFieldError, get } from "@/tests/support/api";

// This file imports into a database of its own, with an admin token configured.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-import-"));
const file = path.join(dir, "import.db");
const TOKEN = "test-admin-token-0123456789";
vi.stubEnv("DATABASE_URL", `file:${file}`);
vi.stubEnv("HASHATLAS_ADMIN_TOKEN", TOKEN);
// This file makes more imports than a client may in a minute; the limit has tests of its own (tests/fault).
vi.stubEnv("HASHATLAS_IMPORT_RATE_PER_MINUTE", "1000");

beforeAll(async () => {
  await seedDatabase(file);
});
afterAll(async () => {
  await closeImportWorker();
  fs.rmSync(dir, { recursive: true, force: true });
});

const CBECI = fs.readFileSync("seed/data/cbeci_mining_countries_2019-09_2022-01.csv", "utf8");
const SITES = fs.readFileSync("seed/data/mining_sites.csv", "utf8");
const PRICES = fs.readFileSync("seed/data/electricity_prices.csv", "utf8");
const PROVENANCE = "publisher=Test%20Lab&url=https%3A%2F%2Fexample.org%2Fdata&licence=CC-BY-4.0";

async function importFile(query: string, body: BodyInit, init: { contentType?: string; headers?: Record<string, string> } = {}) {
  const { POST } = await import("./route");
  const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}`, ...init.headers };
  if (init.contentType !== undefined) headers["content-type"] = init.contentType;
  const response = await POST(new Request(`http://127.0.0.1/api/import?${query}`, { method: "POST", headers, body }));
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { issues?: { line: number; column: string; message: string }[]; message: string } },
  };
}

function counts() {
  const db = openSqlite(file, { readonly: true });
  try {
    return Object.fromEntries(COUNTED_TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

describe("POST /api/import — access", () => {
  it("answers 401 without a token or with a wrong one", async () => {
    expectFieldError(
      await importFile(`kind=shares&dataset=test-x&${PROVENANCE}`, CBECI, { contentType: "text/csv", headers: { authorization: "" } }),
      401,
      "authorization",
    );
    expectFieldError(
      await importFile(`kind=shares&dataset=test-x&${PROVENANCE}`, CBECI, { contentType: "text/csv", headers: { authorization: "Bearer wrong-token" } }),
      401,
      "authorization",
    );
  });

  it("answers 403 to a foreign Origin or a cross-site fetch", async () => {
    expectFieldError(
      await importFile(`kind=shares&dataset=test-x&${PROVENANCE}`, CBECI, { contentType: "text/csv", headers: { origin: "https://evil.example" } }),
      403,
      "origin",
    );
    expectFieldError(
      await importFile(`kind=shares&dataset=test-x&${PROVENANCE}`, CBECI, { contentType: "text/csv", headers: { "sec-fetch-site": "cross-site" } }),
      403,
      "origin",
    );
    // Without HASHATLAS_TRUST_PROXY a client cannot vouch for its own Origin with X-Forwarded-Host.
    expectFieldError(
      await importFile(`kind=shares&dataset=test-x&${PROVENANCE}`, CBECI, {
        contentType: "text/csv",
        headers: { origin: "https://evil.example", "x-forwarded-host": "evil.example" },
      }),
      403,
      "origin",
    );
  });

  it("answers 403 when the server has no admin token configured", async () => {
    vi.resetModules();
    vi.stubEnv("HASHATLAS_ADMIN_TOKEN", "");
    try {
      expectFieldError(await importFile(`kind=shares&dataset=test-x&${PROVENANCE}`, CBECI, { contentType: "text/csv" }), 403, "authorization");
    } finally {
      vi.stubEnv("HASHATLAS_ADMIN_TOKEN", TOKEN);
      vi.resetModules();
    }
  });

  it("answers 415 to other content types and 413 above the size limit", async () => {
    expectFieldError(await importFile(`kind=shares&dataset=test-x&${PROVENANCE}`, "<xml/>", { contentType: "application/xml" }), 415, "content-type");
    expectFieldError(await importFile(`kind=shares&dataset=test-x&${PROVENANCE}`, "a".repeat(10_000_001), { contentType: "text/csv" }), 413, "body");
  });

  it("answers 400 naming a missing provenance field", async () => {
    expectFieldError(
      await importFile("kind=shares&dataset=test-x&url=https%3A%2F%2Fexample.org&licence=CC0", CBECI, { contentType: "text/csv" }),
      400,
      "publisher",
    );
    expectFieldError(await importFile(`kind=gold&dataset=test-x&${PROVENANCE}`, CBECI, { contentType: "text/csv" }), 400, "kind");
  });
});

describe("POST /api/import — the best estimate follows every import", () => {
  const NEWER = "period,country,share\n2026-09,United States,0.40\n2026-09,Russia,0.16\n2026-09,China,0.15\n2026-09,Paraguay,0.04\n";
  const SURVEY = "period,country,share\n2026-10,United States,0.80\n2026-10,Canada,0.10\n2026-10,Norway,0.05\n";

  it("makes a newer whole-network estimate its newest month at once; a partial one stays out; its slug cannot be imported", async () => {
    const { GET } = await import("../distribution/route");
    const before = (await get(GET, "/api/distribution")).body as { period: string };
    expect(before.period).toBe("2025-10");

    expect((await importFile(`kind=shares&dataset=newer-estimate&title=Newer&${PROVENANCE}`, NEWER, { contentType: "text/csv" })).status).toBe(201);
    const after = (await get(GET, "/api/distribution")).body as {
      period: string;
      source: { dataset: string; publisher: string };
      countries: { iso2: string }[];
    };
    expect(after).toMatchObject({ period: "2026-09", source: { dataset: "newer-estimate", publisher: "Test Lab" } });
    expect(after.countries.map((c) => c.iso2)).toEqual(["US", "RU", "CN", "PY"]);

    // A sample survey (coverage=partial) is its own dataset, never a month of the best estimate.
    const survey = await importFile(`kind=shares&dataset=sample-survey&coverage=partial&${PROVENANCE}`, SURVEY, { contentType: "text/csv" });
    expect(survey.status).toBe(201);
    expect(((await get(GET, "/api/distribution")).body as { period: string }).period).toBe("2026-09");
    expect(((await get(GET, "/api/distribution?dataset=sample-survey")).body as { period: string }).period).toBe("2026-10");

    const before409 = counts();
    for (const dryRun of ["", "&dryRun=1"]) {
      expectFieldError(
        await importFile(`kind=shares&dataset=best-estimate${dryRun}&${PROVENANCE}`, NEWER, { contentType: "text/csv" }),
        409,
        "dataset",
        /built from the other/,
      );
    }
    expect(counts()).toEqual(before409);
    expectFieldError(await importFile(`kind=shares&dataset=x-set&coverage=some&${PROVENANCE}`, NEWER, { contentType: "text/csv" }), 400, "coverage");
  });
});

describe("POST /api/import — data", () => {
  it("imports the seed's CBECI file as a new dataset that reproduces the seeded metrics exactly", async () => {
    const r = await importFile(`kind=shares&dataset=cbeci-copy&title=CBECI%20copy&${PROVENANCE}`, CBECI, { contentType: "text/csv" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ dataset: "cbeci-copy", kind: "shares", rows: 290, format: "CBECI Mining Map download" });
    const { GET } = await import("../metrics/series/route");
    const original = (await get(GET, "/api/metrics/series?dataset=cbeci-monthly")).body as { rows: unknown[] };
    const copy = (await get(GET, "/api/metrics/series?dataset=cbeci-copy")).body as { rows: unknown[] };
    // The same numbers, each month naming its own dataset as the source.
    const withoutSource = (rows: unknown[]) => rows.map((r) => ({ ...(r as object), source: undefined }));
    expect(withoutSource(copy.rows)).toEqual(withoutSource(original.rows));
    expect(copy.rows.every((r) => (r as { source: string }).source === "cbeci-copy")).toBe(true);
    const datasets = (await get((await import("../datasets/route")).GET, "/api/datasets?kind=shares")).body as {
      datasets: { slug: string; publisher: string; origin: string }[];
    };
    expect(datasets.datasets.find((d) => d.slug === "cbeci-copy")).toMatchObject({ publisher: "Test Lab", origin: "import" });
  });

  it("reads a BOM, CRLF line ends, a ';' delimiter with decimal commas, multipart uploads and JSON", async () => {
    const semicolon = "\uFEFFperiod;country;share\r\n2025-07;United States;0,36\r\n2025-07;RU;0,17\r\n2025-07;Other;0,47\r\n";
    const a = await importFile(`kind=shares&dataset=semicolon-set&${PROVENANCE}`, semicolon, { contentType: "text/csv" });
    expect(a.status).toBe(201);
    expect(a.body.rows).toBe(3);
    const form = new FormData();
    form.set("file", new Blob(["period,country,hashrate_eh\n2025-10,US,300\n2025-10,CAN,100\n"], { type: "text/csv" }), "eh.csv");
    const b = await importFile(`kind=shares&dataset=multipart-set&${PROVENANCE}`, form);
    expect(b.status).toBe(201);
    const json = JSON.stringify({
      rows: [
        { period: "2024-01", country: "KZ", share: 0.2 },
        { period: "2024-01", country: "XK", share: 0.01 },
      ],
    });
    const c = await importFile(`kind=shares&dataset=json-set&${PROVENANCE}`, json, { contentType: "application/json" });
    expect(c.status).toBe(201);
    expect(c.body.rows).toBe(3); // two countries and the unattributed rest
    const { GET } = await import("../distribution/route");
    const d = (await get(GET, "/api/distribution?dataset=multipart-set&period=2025-10")).body as {
      countries: { iso2: string; share: number }[];
      networkHashrateEh: number;
    };
    expect(d.countries).toEqual([expect.objectContaining({ iso2: "US", share: 0.75 }), expect.objectContaining({ iso2: "CA", share: 0.25 })]);
    expect(d.networkHashrateEh).toBe(400);
  });

  it("imports sites and prices in the seed's layout, and replaces a dataset on re-import", async () => {
    const s = await importFile(`kind=sites&dataset=sites-copy&${PROVENANCE}`, SITES, { contentType: "text/csv" });
    expect(s.status).toBe(201);
    expect(s.body.rows).toBe(119);
    const p = await importFile(`kind=prices&dataset=prices-copy&${PROVENANCE}`, PRICES, { contentType: "text/csv" });
    expect(p.status).toBe(201);
    const firstTwo = stringify(parse(PRICES).slice(0, 3));
    const again = await importFile(`kind=prices&dataset=prices-copy&${PROVENANCE}`, firstTwo, { contentType: "text/csv" });
    expect(again).toMatchObject({ status: 200, body: { rows: 2, replaced: true } });
  });

  it("refuses to replace a dataset of another kind", async () => {
    expectFieldError(await importFile(`kind=sites&dataset=cbeci-monthly&${PROVENANCE}`, SITES, { contentType: "text/csv" }), 409, "dataset");
  });

  // A dry run answers what the import would answer: the same check, not a copy of it.
  it.each([
    ["sites", "cbeci-monthly", () => SITES],
    ["shares", "mining-sites", () => CBECI],
    ["prices", "network-monthly", () => PRICES],
  ])("a dry run of %s into %s (another kind) is refused with 409 like the import", async (kind, slug, file) => {
    const before = counts();
    const real = await importFile(`kind=${kind}&dataset=${slug}&${PROVENANCE}`, file(), { contentType: "text/csv" });
    const dry = await importFile(`kind=${kind}&dataset=${slug}&dryRun=1&${PROVENANCE}`, file(), { contentType: "text/csv" });
    expectFieldError(real, 409, "dataset", new RegExp(`dataset \\W*${slug}\\W* exists and holds`));
    expect(dry).toEqual(real);
    expect(counts()).toEqual(before);
  });

  it("writes nothing on a dry run", async () => {
    const before = counts();
    const r = await importFile(`kind=shares&dataset=dry-set&dryRun=1&${PROVENANCE}`, CBECI, { contentType: "text/csv" });
    expect(r).toMatchObject({ status: 200, body: { dryRun: true, rows: 290 } });
    expect(counts()).toEqual(before);
  });

  const header = "period,country,share\n";
  it.each([
    ["an unknown country", `${header}2025-07,Atlantis,0.2\n`, 2, "country", /not a known country/],
    ["NaN", `${header}2025-07,US,NaN\n`, 2, "share", /not a number/],
    ["an empty number (not read as 0)", `period,country,share,hashrate_eh\n2025-07,US,,\n`, 2, "share", /empty/],
    ["a share above 1", `${header}2025-07,US,37.84\n`, 2, "share", /outside 0–1/],
    ["a malformed period", `${header}2025-13,US,0.3\n`, 2, "period", /YYYY-MM/],
    ["a duplicated row", `${header}2025-07,US,0.3\n2025-07,USA,0.2\n`, 3, "country", /repeats/],
    ["a decimal comma in a comma-separated file", `${header}2025-07,US,"0,3"\n`, 2, "share", /not a number/],
    ["shares above 100 %", `${header}2025-07,US,0.7\n2025-07,CN,0.6\n`, 2, "share", /more than 100/],
    ["a ragged row", `${header}2025-07,US\n`, 2, "(row)", /.+/],
    ["an error on line 3 of a CR-only (classic Mac) file", `period,country,share\r2025-07,US,0.3\r2025-07,Atlantis,0.2\r`, 3, "country", /not a known/],
  ])("rejects %s with the line and column, writing nothing", async (_label, csv, line, column, message) => {
    const before = counts();
    const r = await importFile(`kind=shares&dataset=bad-set&${PROVENANCE}`, csv, { contentType: "text/csv" });
    expect(r.status).toBe(422);
    const issue = r.body.error?.issues?.[0];
    expect(issue).toMatchObject({ line, column });
    expect(issue?.message).toMatch(message);
    expect(counts()).toEqual(before);
  });

  it("lists every bad row of a sites file (first 100), with line and column", async () => {
    const lines = SITES.split("\r\n");
    lines[1] = lines[1]?.replace("30.655,-97.001", "95,-97.001") ?? ""; // latitude out of range, line 2
    lines[5] = lines[5]?.replace(/,United States,/, ",Narnia,") ?? ""; // line 6
    const before = counts();
    const r = await importFile(`kind=sites&dataset=bad-sites&${PROVENANCE}`, lines.join("\r\n"), { contentType: "text/csv" });
    expect(r.status).toBe(422);
    expect(r.body.error?.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ line: 2, column: "lat_approx" }), expect.objectContaining({ line: 6, column: "country" })]),
    );
    expect(counts()).toEqual(before);
  });
});
