import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite } from "../lib/db/sqlite";
import { COUNTED_TABLES } from "../lib/db/tables";
import { DataValidationError } from "../lib/io/issues";
import { removeDatabase } from "../tests/support/global-db";
import { DEFAULT_SEED_DIR } from "./load";
import { seedDatabase } from "./seed";

const testDb = process.env.HASHATLAS_TEST_DB ?? "";
const db = openSqlite(testDb, { readonly: true });
afterAll(() => db.close());

function all<T>(sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}

/** Every row of every table, minus generated ids: what "changes nothing" is measured against. */
function snapshot(file: string) {
  const conn = openSqlite(file, { readonly: true });
  try {
    const out: Record<string, string> = {};
    for (const table of COUNTED_TABLES) out[table] = JSON.stringify(conn.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).all());
    return out;
  } finally {
    conn.close();
  }
}

describe("seeded CBECI shares", () => {
  it("has 29 months, Sep 2019 – Jan 2022, each summing to 1 ± 0.0002", () => {
    const sums = all<{ period: string; total: number }>(
      `SELECT period, sum(share) AS total FROM HashrateShare s JOIN Dataset d ON d.id = s.datasetId
       WHERE d.slug = 'cbeci-monthly' GROUP BY period ORDER BY period`,
    );
    expect(sums).toHaveLength(29);
    expect(sums[0]?.period).toBe("2019-09");
    expect(sums.at(-1)?.period).toBe("2022-01");
    for (const { period, total } of sums) expect(Math.abs(total - 1), period).toBeLessThanOrEqual(0.0002 + 1e-9);
  });

  it('has the United States at 0.3784 and 0.0902 unattributed ("Other") in 2022-01', () => {
    const rows = all<{ countryIso2: string | null; share: number; hashrateEh: number }>(
      `SELECT countryIso2, share, hashrateEh FROM HashrateShare s JOIN Dataset d ON d.id = s.datasetId
       WHERE d.slug = 'cbeci-monthly' AND period = '2022-01'`,
    );
    expect(rows.find((r) => r.countryIso2 === "US")?.share).toBeCloseTo(0.3784, 10);
    const other = rows.filter((r) => r.countryIso2 === null);
    expect(other).toHaveLength(1);
    expect(other[0]?.share).toBeCloseTo(0.0902, 10);
    // World Bank names mapped to ISO codes.
    expect(
      rows
        .map((r) => r.countryIso2)
        .filter(Boolean)
        .sort(),
    ).toEqual(["CA", "CN", "DE", "IE", "IR", "KZ", "MY", "RU", "US"]);
  });

  it("keeps China at 0 in Jul 2021 (the ban), as the source has it", () => {
    const [row] = all<{ share: number }>(
      `SELECT share FROM HashrateShare s JOIN Dataset d ON d.id = s.datasetId WHERE d.slug = 'cbeci-monthly' AND period = '2021-07' AND countryIso2 = 'CN'`,
    );
    expect(row?.share).toBe(0);
  });
});

describe("seeded reference data", () => {
  it("holds every ISO country with codes and a region, from the libraries", () => {
    const countries = all<{ iso2: string; iso3: string; isoNumeric: string; name: string; region: string | null }>(`SELECT * FROM Country`);
    expect(countries.length).toBeGreaterThanOrEqual(249);
    expect(countries.find((c) => c.iso2 === "KZ")).toMatchObject({ iso3: "KAZ", isoNumeric: "398", name: "Kazakhstan", region: "Asia" });
    expect(countries.filter((c) => !c.region).length).toBeLessThan(5);
  });

  it("gives every fact row a dataset with publisher, URL, licence and retrieval date", () => {
    for (const table of [
      "HashrateShare",
      "NetworkStat",
      "DifficultyAdjustment",
      "PowerPrice",
      "MiningSite",
      "NetworkEvent",
      "ShockObservation",
      "RegionalShare",
      "Bloc",
      "ShockEvent",
    ]) {
      const orphans = all<{ n: number }>(
        `SELECT count(*) AS n FROM "${table}" t LEFT JOIN Dataset d ON d.id = t.datasetId
         WHERE d.id IS NULL OR (d.url NOT LIKE 'http%' AND NOT (d.origin = 'composite' AND d.url = '/methodology#best-estimate')) OR d.publisher = '' OR d.licence = '' OR d.retrievedAt NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`,
      );
      expect(orphans[0]?.n, table).toBe(0);
      expect(all<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`)[0]?.n, table).toBeGreaterThan(0);
    }
  });

  it("has the five blocs with their members", () => {
    const members = (bloc: string) =>
      all<{ countryIso2: string }>(`SELECT countryIso2 FROM BlocMember WHERE blocId = ? ORDER BY 1`, bloc).map((r) => r.countryIso2);
    expect(members("EU")).toHaveLength(27);
    expect(members("EAEU")).toEqual(["AM", "BY", "KG", "KZ", "RU"]);
    expect(members("GCC")).toEqual(["AE", "BH", "KW", "OM", "QA", "SA"]);
    expect(members("USMCA")).toEqual(["CA", "MX", "US"]);
    expect(members("BRICS")).toEqual(["AE", "BR", "CN", "EG", "ET", "ID", "IN", "IR", "RU", "ZA"]);
  });

  it("loads the 119 sites, every one with a status and a source URL", () => {
    const sites = all<{ status: string; sourceUrl: string; lat: number | null; lon: number | null }>(`SELECT status, sourceUrl, lat, lon FROM MiningSite`);
    expect(sites).toHaveLength(119);
    for (const s of sites) {
      expect(["operating", "planned", "curtailed", "closed", "converted"]).toContain(s.status);
      expect(s.sourceUrl).toMatch(/^https?:\/\//);
    }
    expect(sites.filter((s) => s.lat === null)).toHaveLength(17);
  });

  it("holds the ISO 3166-2 regions and places 114 of the 119 sites in one: 97 by polygon, 17 by address", () => {
    expect(all<{ n: number }>(`SELECT count(*) AS n FROM Region`)[0]?.n).toBe(4030);
    const byMethod = all<{ method: string | null; sites: number; unlocated: number }>(
      `SELECT regionMethod AS method, count(*) AS sites, sum(lat IS NULL) AS unlocated FROM MiningSite GROUP BY regionMethod ORDER BY regionMethod`,
    );
    expect(byMethod).toEqual([
      // Aggregates and undisclosed sites whose address names no single region (Brazil, Ethiopia, Paraguay ×2, "ND, MT, WY, CO oilfields").
      { method: null, sites: 5, unlocated: 5 },
      // 12 without coordinates; 5 located where no polygon holds them: Mina Zayed (coast), and Norway and Iceland (no polygons).
      { method: "address", sites: 17, unlocated: 12 },
      { method: "polygon", sites: 97, unlocated: 0 },
    ]);
    // Every placed site's region exists and is counted with the site's country.
    const orphans = all<{ n: number }>(
      `SELECT count(*) AS n FROM MiningSite s LEFT JOIN Region r ON r.code = s.regionCode WHERE s.regionCode IS NOT NULL AND (r.code IS NULL OR r.countryIso2 <> s.countryIso2)`,
    );
    expect(orphans[0]?.n).toBe(0);
    expect(all<{ n: number }>(`SELECT count(*) AS n FROM MiningSite WHERE regionCode = 'US-TX'`)[0]?.n).toBe(26);
  });

  it("loads the published regional shares of the three files, each with its dataset", () => {
    const rows = all<{ slug: string; n: number; ofCountry: number; ofNetwork: number }>(
      `SELECT d.slug, count(*) AS n, count(r.shareOfCountryLow) AS ofCountry, count(r.shareOfNetworkLow) AS ofNetwork
       FROM RegionalShare r JOIN Dataset d ON d.id = r.datasetId GROUP BY d.slug ORDER BY d.slug`,
    );
    expect(rows).toEqual([
      { slug: "subnational-2022-2026", n: 11, ofCountry: 11, ofNetwork: 2 },
      { slug: "subnational-cn-provinces", n: 10, ofCountry: 4, ofNetwork: 6 },
      { slug: "subnational-us-states", n: 9, ofCountry: 9, ofNetwork: 0 },
    ]);
  });

  it("loads the 113 shock observations of 19 events, each row as the file gives it", () => {
    type Row = {
      eventId: string;
      dateLabel: string;
      date: string;
      endDate: string;
      jurisdiction: string;
      metric: string;
      valueText: string;
      valueLow: number | null;
      valueHigh: number | null;
      unit: string;
      sourceUrl: string;
    };
    const rows = all<Row>(`SELECT o.* FROM ShockObservation o JOIN Dataset d ON d.id = o.datasetId WHERE d.slug = 'shock-observations' ORDER BY o.id`);
    expect(rows).toHaveLength(113);
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(19);
    // The first figure of the file: the network hashrate before Kazakhstan's internet shutdown.
    expect(rows[0]).toMatchObject({
      eventId: "kz-2022-01",
      dateLabel: "2022-01-05",
      date: "2022-01-05",
      endDate: "2022-01-05",
      jurisdiction: "KZ",
      metric: "network_hashrate",
      valueText: "205",
      valueLow: 205,
      valueHigh: 205,
      unit: "EH/s",
      sourceUrl: "https://coingape.com/kazakhstan-government-shuts-internet-bitcoin-hashrate-dips",
    });
    // A range keeps both ends; a policy row without a figure keeps its value empty.
    expect(rows.find((r) => r.eventId === "ru-2025-01" && r.valueText === "18..23")).toMatchObject({ valueLow: 18, valueHigh: 23, jurisdiction: "RU" });
    expect(rows.filter((r) => r.valueText === "").every((r) => r.valueLow === null && r.valueHigh === null)).toBe(true);
    expect(rows.filter((r) => r.valueText === "")).toHaveLength(7);
    expect(rows.find((r) => r.jurisdiction === "US;IR" && r.metric === "difficulty_change")).toMatchObject({ dateLabel: "2025-06-29", valueLow: -7.48 });
  });

  it("records the 2021 China-ban retargets exactly", () => {
    const changes = all<{ changePct: number }>(
      `SELECT changePct FROM DifficultyAdjustment WHERE dateUtc BETWEEN '2021-05-20' AND '2021-07-31' ORDER BY height`,
    ).map((r) => r.changePct);
    expect(changes).toEqual([-15.97, -5.3, -27.94, -4.81]);
  });
});

describe("seeding", () => {
  let tmpDir = "";
  beforeAll(() => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-seed-"));
  });
  afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

  it("is idempotent: a second run writes nothing and changes no row", async () => {
    const file = path.join(tmpDir, "twice.db");
    await seedDatabase(file);
    const before = snapshot(file);
    const again = await seedDatabase(file);
    expect(again).toMatchObject({ skipped: false, written: [], countriesChanged: 0 });
    expect(snapshot(file)).toEqual(before);
    removeDatabase(file);
  });

  it("on start-up (ifEmpty) leaves a database with data alone, but adds what a newer seed brings: the best estimate, new datasets", async () => {
    const file = path.join(tmpDir, "upgrade.db");
    fs.copyFileSync(testDb, file);
    const current = snapshot(file);
    expect(await seedDatabase(file, { ifEmpty: true })).toEqual({ skipped: true, reason: expect.stringMatching(/^database already holds \d+ datasets$/) });
    expect(snapshot(file)).toEqual(current);
    // A connection of its own for each look: the seed's migration step wants the file to itself.
    const look = <T>(fn: (conn: ReturnType<typeof openSqlite>) => T): T => {
      const conn = openSqlite(file);
      try {
        return fn(conn);
      } finally {
        conn.close();
      }
    };
    const composite = () =>
      look((conn) =>
        conn
          .prepare(
            `SELECT s.period, s.countryIso2, s.share, s.sourceDataset FROM HashrateShare s JOIN Dataset d ON d.id = s.datasetId WHERE d.slug = 'best-estimate' ORDER BY 1, 2`,
          )
          .all(),
      );
    const rows = composite();
    expect(rows.length).toBeGreaterThan(300);

    look((conn) => conn.prepare(`DELETE FROM "Dataset" WHERE slug = 'best-estimate'`).run());
    expect(await seedDatabase(file, { ifEmpty: true })).toMatchObject({ skipped: true, reason: expect.stringMatching(/the best estimate was rebuilt$/) });
    expect(composite()).toEqual(rows);

    // A dataset a newer seed adds (one the database never held) is written; nothing present is replaced.
    const sites = () => look((conn) => conn.prepare(`SELECT contentHash, importedAt FROM "Dataset" WHERE slug = 'mining-sites'`).get());
    const sitesBefore = sites();
    look((conn) => conn.prepare(`DELETE FROM "Dataset" WHERE slug = 'shock-observations'`).run());
    expect(await seedDatabase(file, { ifEmpty: true })).toMatchObject({
      skipped: true,
      reason: expect.stringMatching(/added the seed's new datasets shock-observations$/),
    });
    expect(look((conn) => conn.prepare(`SELECT count(*) AS n FROM "Dataset" WHERE slug = 'shock-observations'`).get())).toEqual({ n: 1 });
    expect(sites()).toEqual(sitesBefore);
    expect(composite()).toEqual(rows);
    removeDatabase(file);
  });

  it("fails on a malformed row naming the file, line and field, and writes nothing", async () => {
    const seedCopy = path.join(tmpDir, "seed");
    fs.cpSync(DEFAULT_SEED_DIR, seedCopy, { recursive: true, filter: (src) => !src.endsWith(".ts") });
    const cbeci = path.join(seedCopy, "data", "cbeci_mining_countries_2019-09_2022-01.csv");
    const lines = fs.readFileSync(cbeci, "utf8").split("\n");
    lines[4] = lines[4]?.replace(/,[\d.]+%,/, ",4.x6%,") ?? ""; // line 5: United States, 2019-09
    fs.writeFileSync(cbeci, lines.join("\n"));

    // On an empty database: nothing at all is written.
    const empty = path.join(tmpDir, "empty.db");
    const failure = await seedDatabase(empty, { seedDir: seedCopy }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DataValidationError);
    const issue = (failure as DataValidationError).issues[0];
    expect(issue).toMatchObject({ file: "data/cbeci_mining_countries_2019-09_2022-01.csv", line: 5, column: "monthly_hashrate_%" });
    expect((failure as Error).message).toMatch(/cbeci_mining_countries_2019-09_2022-01\.csv:5 column "monthly_hashrate_%": "4\.x6%" is not a percentage/);
    const conn = openSqlite(empty, { readonly: true });
    expect(conn.prepare(`SELECT count(*) AS n FROM Dataset`).get()).toEqual({ n: 0 });
    expect(conn.prepare(`SELECT count(*) AS n FROM Country`).get()).toEqual({ n: 0 });
    conn.close();

    // On a seeded database: every row stays as it was.
    const seeded = path.join(tmpDir, "seeded.db");
    fs.copyFileSync(testDb, seeded);
    const before = snapshot(seeded);
    await expect(seedDatabase(seeded, { seedDir: seedCopy })).rejects.toThrow(DataValidationError);
    expect(snapshot(seeded)).toEqual(before);
  });
});
