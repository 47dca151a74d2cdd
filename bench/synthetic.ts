import { stringify } from "csv-stringify/sync";
import { writeDatasets } from "../lib/db/bulk";
import { openSqlite } from "../lib/db/sqlite";
import { allCountries } from "../lib/geo/countries";
import { SITE_COLUMNS } from "../lib/io/import";
import type { ShareRecord } from "../lib/validation/shares";
import type { SiteRecord } from "../lib/validation/sites";

const COUNTRIES: { iso2: string; lon: [number, number]; lat: [number, number] }[] = [
  { iso2: "US", lon: [-120, -75], lat: [28, 47] },
  { iso2: "CA", lon: [-120, -65], lat: [45, 55] },
  { iso2: "RU", lon: [40, 120], lat: [50, 62] },
  { iso2: "KZ", lon: [55, 80], lat: [42, 52] },
  { iso2: "PY", lon: [-60, -55], lat: [-26, -21] },
  { iso2: "ET", lon: [36, 42], lat: [6, 12] },
];

/** Deterministic pseudo-random numbers (mulberry32), so every run loads the same synthetic sites. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticSites(count: number, seed = 42): SiteRecord[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const c = COUNTRIES[i % COUNTRIES.length] ?? COUNTRIES[0]!;
    return {
      name: `Synthetic site ${i + 1}`,
      operator: `Operator ${(i % 97) + 1}`,
      countryIso2: c.iso2,
      locality: null,
      lat: Number((c.lat[0] + next() * (c.lat[1] - c.lat[0])).toFixed(4)),
      lon: Number((c.lon[0] + next() * (c.lon[1] - c.lon[0])).toFixed(4)),
      capacityMw: Math.round(5 + next() * 300),
      hashrateEh: null,
      energySource: ["hydro", "natural gas", "grid", "wind", "nuclear"][i % 5] ?? "grid",
      status: "operating",
      statusNote: "synthetic benchmark row",
      regionCode: null,
      regionMethod: null,
      asOf: "2025",
      certainty: "low",
      sourceUrl: `https://example.org/synthetic/${i + 1}`,
    };
  });
}

/** Add a dataset of `count` synthetic sites to a seeded database (benchmarks only). */
export function addSyntheticSites(dbFile: string, count: number) {
  const db = openSqlite(dbFile);
  try {
    writeDatasets(db, {
      datasets: [
        {
          meta: {
            slug: "synthetic-sites",
            kind: "sites",
            title: `${count} synthetic sites (benchmark)`,
            publisher: "HashAtlas benchmark generator",
            url: "https://example.org/synthetic",
            licence: "generated",
            retrievedAt: "2026-01-01",
            method: "deterministic pseudo-random points inside six countries",
            caveats: "not real",
            coverage: "network",
          },
          origin: "import",
          sites: syntheticSites(count),
        },
      ],
    });
  } finally {
    db.close();
  }
}

/** The same synthetic sites as a CSV file in the seed's mining_sites.csv layout (for import tests and benchmarks). */
export function syntheticSitesCsv(count: number, seed = 42): string {
  const header = SITE_COLUMNS;
  const rows = syntheticSites(count, seed).map((s) => [
    s.name,
    s.operator,
    s.countryIso2,
    "",
    s.lat ?? "",
    s.lon ?? "",
    s.capacityMw ?? "",
    s.hashrateEh ?? "",
    s.energySource ?? "",
    `operating; ${s.statusNote}`,
    s.certainty,
    s.sourceUrl,
  ]);
  return stringify([header, ...rows]);
}

/**
 * `periods` months (from 2010-01 on) of shares over the first `countries` countries of the database,
 * plus a 5 % unattributed bucket: a large shares dataset for export tests and benchmarks.
 */
export function syntheticShares(isoCodes: readonly string[], periods: number, seed = 7): ShareRecord[] {
  const next = random(seed);
  return Array.from({ length: periods }, (_, p) => {
    const period = `${2010 + Math.floor(p / 12)}-${String((p % 12) + 1).padStart(2, "0")}`;
    const weights = isoCodes.map(() => next() ** 3);
    const total = weights.reduce((a, b) => a + b, 0);
    const row = (countryIso2: string | null, share: number): ShareRecord => ({
      period,
      countryIso2,
      share,
      hashrateEh: null,
      sourceLabel: null,
      certainty: "low",
      sourceUrl: null,
      note: null,
    });
    return [...isoCodes.map((iso2, i) => row(iso2, Number((((weights[i] ?? 0) / total) * 0.95).toFixed(8)))), row(null, 0.05)];
  }).flat();
}

/**
 * Add a partial-coverage shares dataset "synthetic-shares" (kept out of the best estimate) to a seeded
 * database; another `seed` replaces it with other shares over the same months and countries.
 */
export function addSyntheticShares(dbFile: string, options: { periods: number; countries: number; seed?: number }) {
  const db = openSqlite(dbFile);
  try {
    const isoCodes = db.prepare<[number], string>(`SELECT iso2 FROM "Country" ORDER BY iso2 LIMIT ?`).pluck().all(options.countries);
    writeDatasets(db, {
      datasets: [
        {
          meta: {
            slug: "synthetic-shares",
            kind: "shares",
            title: `${options.periods} months of synthetic shares over ${isoCodes.length} countries (benchmark)`,
            publisher: "HashAtlas benchmark generator",
            url: "https://example.org/synthetic",
            licence: "generated",
            retrievedAt: "2026-01-01",
            method: "deterministic pseudo-random shares",
            caveats: "not real",
            coverage: "partial",
          },
          origin: "import",
          shares: syntheticShares(isoCodes, options.periods, options.seed),
        },
      ],
    });
  } finally {
    db.close();
  }
}

/**
 * A shares CSV (period,country,share) of about `rows` rows: 200 countries × consecutive months from
 * 1900-01, each country `share` of its month (0.4 % unless told; the rest unattributed). 200 000 rows ≈ 3.6 MB.
 * Another share gives another file of the same size, e.g. for imports that must each replace the last.
 */
export function syntheticSharesCsv(rows: number, share = 0.004): string {
  const countries = allCountries()
    .slice(0, 200)
    .map((c) => c.iso2);
  const lines = ["period,country,share"];
  for (let i = 0; i < rows; i++) {
    const month = Math.floor(i / countries.length);
    const period = `${1900 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
    lines.push(`${period},${countries[i % countries.length]},${share}`);
  }
  return `${lines.join("\n")}\n`;
}
