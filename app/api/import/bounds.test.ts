import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { COUNTED_TABLES } from "@/lib/db/tables";
import { openSqlite } from "@/lib/db/sqlite";
import { testDatabaseCopy } from "@/tests/support/db-copy";

// Bounded inputs (issue 14): a cell as large as the whole upload, values outside their physical
// range, and files past the row limit are refused with a short 422 naming line and column, and
// nothing is written. A database of this file's own; a row limit of 1000 to keep the files small.
const db = testDatabaseCopy("import-bounds");
const TOKEN = "test-admin-token-bounds-0123456789";
const MAX_ROWS = 1000;
vi.stubEnv("DATABASE_URL", `file:${db.file}`);
vi.stubEnv("HASHATLAS_ADMIN_TOKEN", TOKEN);
vi.stubEnv("HASHATLAS_IMPORT_RATE_PER_MINUTE", "1000");
vi.stubEnv("HASHATLAS_MAX_IMPORT_ROWS", String(MAX_ROWS));

beforeAll(db.copy);
afterAll(db.remove);

const PROVENANCE = "publisher=Test%20Lab&url=https%3A%2F%2Fexample.org%2Fdata&licence=CC-BY-4.0";
const SITE_HEADER = "site,operator,country,region_city,lat_approx,lon_approx,capacity_MW,hashrate_EH_s,energy_source,status_note,certainty,source_url";
const SITE = "Rockdale,Riot,United States,TX,30.6,-97.0,700,,grid,operating since 2021,high,https://example.org/rockdale";
const PRICE_HEADER = "country_iso2,country_name,usd_per_kwh,price_type,period,source_name,source_url,certainty,note";
const PRICE = "US,United States,0.08,industrial,2024,EIA,https://example.org/eia,high,";
/** The upload limit (HASHATLAS_MAX_UPLOAD_BYTES' default), less room for the rest of the file. */
const HUGE = 10_000_000 - 1_000;

type Issue = { line: number; column: string; message: string };

async function importFile(kind: string, body: string, contentType = "text/csv", dataset = "bounds-test") {
  const { POST } = await import("./route");
  const response = await POST(
    new Request(`http://127.0.0.1/api/import?kind=${kind}&dataset=${dataset}&${PROVENANCE}`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": contentType },
      body,
    }),
  );
  const text = await response.text();
  const parsed = JSON.parse(text) as { error?: { message: string; issues?: Issue[]; totalIssues?: number } };
  return { status: response.status, text, error: parsed.error };
}

function counts() {
  const sqlite = openSqlite(db.file, { readonly: true });
  try {
    return COUNTED_TABLES.map((t) => (sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n);
  } finally {
    sqlite.close();
  }
}

describe("POST /api/import — bounded inputs", () => {
  // "(" made the country look-up backtrack quadratically: such a cell took hours; sites and prices took any text.
  it.each([
    ["shares", "a country", `period,country,share\n2025-07,${"(".repeat(HUGE)},0.5\n`, "country", 500],
    ["shares", "a share", `period,country,share\n2025-07,US,"0.5${" ".repeat(HUGE)}x"\n`, "share", 500],
    ["shares", "a JSON country", JSON.stringify([{ period: "2025-07", country: "a (".repeat(HUGE / 3), share: 0.5 }]), "country", 500],
    ["sites", "a site name", `${SITE_HEADER}\n${SITE.replace("Rockdale", "R".repeat(HUGE))}\n`, "site", 500],
    ["sites", "a status note", `${SITE_HEADER}\n${SITE.replace("operating since 2021", `operating ${"x".repeat(HUGE)}`)}\n`, "status_note", 500],
    ["prices", "a source URL", `${PRICE_HEADER}\n${PRICE.replace("https://example.org/eia", `https://example.org/${"a".repeat(HUGE)}`)}\n`, "source_url", 2048],
  ])("refuses %s file with %s as large as the upload, naming line and column in a short answer", async (kind, _label, body, column, limit) => {
    const before = counts();
    const r = await importFile(kind, body, body.startsWith("[") ? "application/json" : "text/csv");
    expect(r.status).toBe(422);
    expect(r.error?.issues).toEqual([
      {
        field: column,
        line: body.startsWith("[") ? 1 : 2,
        column,
        message: expect.stringMatching(new RegExp(`^is \\d{7} characters long; a cell holds at most ${limit}$`)),
      },
    ]);
    // It was 10.5 MB, quoting the cell twice.
    expect(r.text.length).toBeLessThan(1_000);
    expect(counts()).toEqual(before);
  });

  it("quotes at most 100 characters of a bad cell", async () => {
    const name = `Atlantis ${"x".repeat(391)}`;
    const r = await importFile("shares", `period,country,share\n2025-07,${name},0.5\n`);
    expect(r.status).toBe(422);
    const message = r.error?.issues?.[0]?.message ?? "";
    expect(message).toContain(`"${name.slice(0, 100)}…" (400 characters) is not a known country`);
    expect(message).not.toContain(name.slice(0, 101));
  });

  it.each([
    ["shares", "a hashrate of 1e308 EH/s", "period,country,hashrate_eh\n2025-07,US,1e308\n2025-07,CN,5\n", "hashrate_eh", /1e\+308 must be ≤ 1000000 EH\/s/],
    [
      "shares",
      "a CBECI hashrate of 1e308 EH/s",
      "date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S\n2025-07-01,US,100%,1e308\n",
      "monthly_absolute_hashrate_EH/S",
      /must be ≤ 1000000 EH\/s/,
    ],
    ["shares", "a JSON hashrate of 1e308", JSON.stringify([{ period: "2025-07", country: "US", hashrateEh: 1e308 }]), "hashrate_eh", /must be ≤ 1000000 EH\/s/],
    ["sites", "a capacity of 10⁶ MW", `${SITE_HEADER}\n${SITE.replace(",700,", ",1000000,")}\n`, "capacity_MW", /must be ≤ 100000 MW/],
    ["sites", "a hashrate of 10⁷ EH/s", `${SITE_HEADER}\n${SITE.replace(",700,,", ",700,1e7,")}\n`, "hashrate_EH_s", /must be ≤ 1000000 EH\/s/],
    ["sites", "a longitude of 1e308", `${SITE_HEADER}\n${SITE.replace("-97.0", "1e308")}\n`, "lon_approx", /must be within -180…180/],
    ["prices", "a price of 11 USD/kWh", `${PRICE_HEADER}\n${PRICE.replace("0.08", "11")}\n`, "usd_per_kwh", /must be above 0 and at most 10 USD\/kWh/],
  ])("refuses %s file with %s, naming line and column", async (kind, _label, body, column, message) => {
    const before = counts();
    const r = await importFile(kind, body, body.startsWith("[") ? "application/json" : "text/csv");
    expect(r.status).toBe(422);
    const issue = r.error?.issues?.[0];
    expect(issue).toMatchObject({ line: body.startsWith("[") ? 1 : 2, column });
    expect(issue?.message).toMatch(message);
    expect(counts()).toEqual(before);
  });

  it.each([
    ["a shares CSV", "shares", "period,country,share", (i: number) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")},US,0.5`],
    ["a sites CSV", "sites", SITE_HEADER, (i: number) => SITE.replace("Rockdale", `Site ${i}`)],
    ["a prices CSV", "prices", PRICE_HEADER, () => PRICE],
  ])("refuses %s past the row limit at its first row past it, before validating the rest", async (_label, kind, header, row) => {
    // The rows past the limit are malformed: they are never looked at.
    const rows = [...Array.from({ length: MAX_ROWS }, (_, i) => row(i)), "not,a,row", "2025-07,Atlantis,0.5"];
    const r = await importFile(kind, `${header}\n${rows.join("\n")}\n`);
    expect(r.status).toBe(422);
    expect(r.error?.totalIssues).toBe(1);
    expect(r.error?.issues?.[0]).toMatchObject({
      line: MAX_ROWS + 2,
      column: "(row)",
      message: `is past the limit of ${MAX_ROWS} data rows per file; split the file`,
    });
  });

  it("refuses JSON rows past the row limit", async () => {
    const rows = Array.from({ length: MAX_ROWS + 5 }, () => ({ period: "2025-07", country: "Atlantis", share: 7 }));
    const r = await importFile("shares", JSON.stringify(rows), "application/json");
    expect(r.status).toBe(422);
    expect(r.error?.totalIssues).toBe(1);
    expect(r.error?.issues?.[0]).toMatchObject({ line: MAX_ROWS + 1, column: "(row)" });
  });

  it("takes a file of exactly the row limit", async () => {
    const rows = Array.from({ length: MAX_ROWS }, (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")},US,0.5`);
    const r = await importFile("shares", `period,country,share\n${rows.join("\n")}\n`, "text/csv", "bounds-exact");
    expect(r.status).toBe(201);
  });
});
