// lib/db/regions.ts's reads are written once for both backends (lib/db/reader.ts): on PostgreSQL they must
// give back exactly what the seed files hold — the regions, each site's region, each published share with
// its basis — as they do on SQLite (lib/db/regions.test.ts). One throw-away cluster, only the datasets read.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type PostgresServer, startPostgres } from "@/scripts/postgres-server";
import { loadSeedBundle } from "@/seed/load";
import { env } from "../../env";
import { regionsOfCountry } from "../../geo/regions";
import { writeDatasetsTo } from "../write";
import { listRegionalShares, listRegions, listSitesWithRegions } from "../regions";

let server: PostgresServer;
const bundle = loadSeedBundle();
const READ = ["mining-sites", "subnational-us-states", "subnational-cn-provinces", "subnational-2022-2026"];
const datasets = bundle.datasets.filter((d) => READ.includes(d.meta.slug));

beforeAll(async () => {
  server = await startPostgres();
  const { applyMigrations } = await import("../migrate");
  await applyMigrations({ provider: "postgresql", url: server.url });
  await writeDatasetsTo({ provider: "postgresql", url: server.url }, { countries: bundle.countries, regions: bundle.regions, datasets });
  vi.stubEnv("DATABASE_URL", server.url);
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await server.stop();
});

describe("sub-national reads on PostgreSQL", () => {
  it("lists each country's regions as the reference does", async () => {
    expect(env().database.provider).toBe("postgresql");
    for (const country of ["US", "RU", "UA", "CN", "KZ"]) {
      expect(await listRegions(country), country).toEqual(regionsOfCountry(country).map((r) => ({ code: r.code, name: r.name, countryIso2: r.countryIso2 })));
    }
  });

  it("gives every site of a country with the region the seed placed it in, by name", async () => {
    const sites = datasets.find((d) => d.meta.slug === "mining-sites")?.sites ?? [];
    for (const country of ["US", "CA", "RU", "AE", "NO"]) {
      const expected = sites
        .filter((s) => s.countryIso2 === country)
        .map((s) => ({ name: s.name, locality: s.locality, lat: s.lat, lon: s.lon, regionCode: s.regionCode, regionMethod: s.regionMethod }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const read = (await listSitesWithRegions({ country })).map(({ name, locality, lat, lon, regionCode, regionMethod }) => ({
        name,
        locality,
        lat,
        lon,
        regionCode,
        regionMethod,
      }));
      expect(read, country).toEqual(expected);
    }
    expect((await listSitesWithRegions({ country: "US" })).filter((s) => s.regionCode === "US-TX")).toHaveLength(26);
  });

  it("gives every published share of a country as its file holds it, and those of a period", async () => {
    const published = datasets.flatMap((d) => (d.regionalShares ?? []).map((r) => ({ ...r, dataset: d.meta.slug })));
    for (const country of ["US", "CN", "RU"]) {
      const read = (await listRegionalShares({ country })).map(({ id: _id, datasetTitle: _title, ...r }) => r);
      const expected = published
        .filter((r) => r.countryIso2 === country)
        .sort((a, b) =>
          a.periodStart !== b.periodStart ? (a.periodStart < b.periodStart ? -1 : 1) : a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0,
        );
      expect(read.map((r) => r.regionCode + r.periodLabel).sort(), country).toEqual(expected.map((r) => r.regionCode + r.periodLabel).sort());
      for (const row of read) {
        const twin = expected.find(
          (r) =>
            r.dataset === row.dataset &&
            r.periodLabel === row.periodLabel &&
            r.regionCode === row.regionCode &&
            r.sourceOrg === row.sourceOrg &&
            r.basis === row.basis,
        );
        expect(row, `${row.regionCode} ${row.periodLabel}`).toEqual(twin);
      }
    }
    expect((await listRegionalShares({ country: "CN", period: "2020-04" })).length).toBe(9);
    expect((await listRegionalShares({ country: "US", period: "2025-01" })).map((r) => [r.shareOfCountryLow, r.shareOfNetworkLow])).toEqual([
      [0.472, 0.17],
      [0.17, null],
    ]);
  });
});
