import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { CountryRecord } from "../geo/countries";
import type { DatasetMeta } from "../validation/datasets";
import type { BlocRecord, ShockEventRecord } from "../validation/blocs";
import type { NetworkEventRecord, NetworkStatRecord, RetargetRecord } from "../validation/network";
import type { ShockObservationRecord } from "../validation/observations";
import type { PowerPriceRecord } from "../validation/prices";
import type { ShareRecord } from "../validation/shares";
import type { SiteRecord } from "../validation/sites";
import { BEST_ESTIMATE_DATASET } from "../metrics/best-estimate";
import { rebuildBestEstimate } from "./best-estimate";
import { rebuildSiteCells } from "./site-cells";

// Bulk writes (seed, import) bypass Prisma on purpose: Prisma's interactive transactions on this
// adapter share one connection with concurrent requests (which then see uncommitted rows) and
// insert ~200x slower. Everything is validated before this point; here one synchronous
// BEGIN IMMEDIATE transaction writes it all or nothing (docs/methodology.md#writes-and-concurrency).

export type DatasetContent = {
  meta: DatasetMeta;
  origin: "seed" | "import";
  shares?: ShareRecord[];
  networkStats?: NetworkStatRecord[];
  retargets?: RetargetRecord[];
  prices?: PowerPriceRecord[];
  sites?: SiteRecord[];
  events?: NetworkEventRecord[];
  observations?: ShockObservationRecord[];
  blocs?: BlocRecord[];
  shocks?: ShockEventRecord[];
};

export type WriteReport = {
  countriesChanged: number;
  written: { slug: string; rows: number }[];
  unchanged: string[];
};

/**
 * SHA-256 of JSON.stringify(content), fed to the hash piece by piece: the same digest as hashing the
 * whole text (stored hashes stay valid), without holding a string of every row (tens of MB for a
 * 200 000-row import).
 */
export function contentHash(content: DatasetContent): string {
  const hash = createHash("sha256");
  let first = true;
  hash.update("{");
  // Typed loosely on purpose: JSON.stringify skips undefined members and writes undefined items as null.
  const members: [string, unknown][] = Object.entries(content);
  for (const [key, value] of members) {
    if (value === undefined) continue;
    hash.update(`${first ? "" : ","}${JSON.stringify(key)}:`);
    first = false;
    if (Array.isArray(value)) {
      hash.update("[");
      value.forEach((item: unknown, i) => {
        hash.update(`${i ? "," : ""}${item === undefined ? "null" : JSON.stringify(item)}`);
      });
      hash.update("]");
    } else hash.update(JSON.stringify(value));
  }
  return hash.update("}").digest("hex");
}

export function rowCount(content: DatasetContent): number {
  return (
    (content.shares?.length ?? 0) +
    (content.networkStats?.length ?? 0) +
    (content.retargets?.length ?? 0) +
    (content.prices?.length ?? 0) +
    (content.sites?.length ?? 0) +
    (content.events?.length ?? 0) +
    (content.observations?.length ?? 0) +
    (content.blocs?.length ?? 0) +
    (content.shocks?.length ?? 0)
  );
}

function countShares(db: Database.Database, slug: string): number {
  const row = db
    .prepare<[string], { n: number }>(`SELECT count(*) AS n FROM "HashrateShare" s JOIN "Dataset" d ON d.id = s.datasetId WHERE d.slug = ?`)
    .get(slug);
  return row?.n ?? 0;
}

/**
 * Write countries and datasets in one immediate transaction. A dataset whose content hash is
 * unchanged is left alone (so seeding twice writes nothing); a changed one is replaced whole.
 */
export function writeDatasets(
  db: Database.Database,
  input: { countries?: readonly CountryRecord[]; datasets: DatasetContent[] },
  now: () => string = () => new Date().toISOString(),
): WriteReport {
  db.pragma("foreign_keys = ON");
  const upsertCountry = db.prepare(
    `INSERT INTO "Country" (iso2, iso3, isoNumeric, name, region, subregion)
     VALUES (@iso2, @iso3, @isoNumeric, @name, @region, @subregion)
     ON CONFLICT(iso2) DO UPDATE SET iso3 = excluded.iso3, isoNumeric = excluded.isoNumeric, name = excluded.name,
       region = excluded.region, subregion = excluded.subregion
     WHERE "Country".iso3 IS NOT excluded.iso3 OR "Country".isoNumeric IS NOT excluded.isoNumeric
       OR "Country".name IS NOT excluded.name OR "Country".region IS NOT excluded.region
       OR "Country".subregion IS NOT excluded.subregion`,
  );
  const findDataset = db.prepare<[string], { id: number; contentHash: string }>(`SELECT id, contentHash FROM "Dataset" WHERE slug = ?`);
  const deleteDataset = db.prepare(`DELETE FROM "Dataset" WHERE id = ?`);
  const insertDataset = db.prepare(
    `INSERT INTO "Dataset" (slug, kind, title, publisher, url, licence, retrievedAt, method, caveats, origin, coverage, contentHash, importedAt)
     VALUES (@slug, @kind, @title, @publisher, @url, @licence, @retrievedAt, @method, @caveats, @origin, @coverage, @contentHash, @importedAt)`,
  );
  const insertShare = db.prepare(
    `INSERT INTO "HashrateShare" (datasetId, period, countryIso2, share, hashrateEh, sourceLabel, certainty, sourceUrl, note)
     VALUES (?, @period, @countryIso2, @share, @hashrateEh, @sourceLabel, @certainty, @sourceUrl, @note)`,
  );
  const insertStat = db.prepare(
    `INSERT INTO "NetworkStat" (datasetId, period, hashrateEh, difficulty, blockSubsidyBtc, avgFeesBtc, method)
     VALUES (?, @period, @hashrateEh, @difficulty, @blockSubsidyBtc, @avgFeesBtc, @method)`,
  );
  const insertRetarget = db.prepare(
    `INSERT INTO "DifficultyAdjustment" (datasetId, height, dateUtc, difficulty, changePct, epochHashrateEh, epochDays, dateSource)
     VALUES (?, @height, @dateUtc, @difficulty, @changePct, @epochHashrateEh, @epochDays, @dateSource)`,
  );
  const insertPrice = db.prepare(
    `INSERT INTO "PowerPrice" (datasetId, countryIso2, subdivision, usdPerKwh, priceType, period, sourceName, sourceUrl, certainty, note)
     VALUES (?, @countryIso2, @subdivision, @usdPerKwh, @priceType, @period, @sourceName, @sourceUrl, @certainty, @note)`,
  );
  const insertSite = db.prepare(
    `INSERT INTO "MiningSite" (datasetId, name, operator, countryIso2, locality, lat, lon, capacityMw, hashrateEh, energySource, status, statusNote, asOf, certainty, sourceUrl)
     VALUES (?, @name, @operator, @countryIso2, @locality, @lat, @lon, @capacityMw, @hashrateEh, @energySource, @status, @statusNote, @asOf, @certainty, @sourceUrl)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO "NetworkEvent" (datasetId, dateLabel, date, event, metric, value, valueText, unit, certainty, sourceUrl)
     VALUES (?, @dateLabel, @date, @event, @metric, @value, @valueText, @unit, @certainty, @sourceUrl)`,
  );
  const insertObservation = db.prepare(
    `INSERT INTO "ShockObservation" (datasetId, eventId, event, dateLabel, date, endDate, jurisdiction, metric, valueText, valueLow, valueHigh, unit, certainty, sourceUrl, note)
     VALUES (?, @eventId, @event, @dateLabel, @date, @endDate, @jurisdiction, @metric, @valueText, @valueLow, @valueHigh, @unit, @certainty, @sourceUrl, @note)`,
  );
  const insertBloc = db.prepare(
    `INSERT INTO "Bloc" (id, datasetId, name, description, membershipAsOf, sourceUrl) VALUES (@id, @datasetId, @name, @description, @membershipAsOf, @sourceUrl)`,
  );
  const insertBlocMember = db.prepare(`INSERT INTO "BlocMember" (blocId, countryIso2) VALUES (?, ?)`);
  const insertShock = db.prepare(
    `INSERT INTO "ShockEvent" (datasetId, slug, date, endDate, kind, title, description, sourceUrl)
     VALUES (@datasetId, @slug, @date, @endDate, @kind, @title, @description, @sourceUrl)`,
  );
  const insertShockCountry = db.prepare(`INSERT INTO "ShockEventCountry" (shockEventId, countryIso2) VALUES (?, ?)`);

  const run = db.transaction((): WriteReport => {
    let countriesChanged = 0;
    for (const c of input.countries ?? []) countriesChanged += upsertCountry.run(c).changes;
    const report: WriteReport = { countriesChanged, written: [], unchanged: [] };
    for (const content of input.datasets) {
      const hash = contentHash(content);
      const existing = findDataset.get(content.meta.slug);
      if (existing?.contentHash === hash) {
        report.unchanged.push(content.meta.slug);
        continue;
      }
      if (existing) deleteDataset.run(existing.id);
      // The rows' own objects are bound as they are, after the dataset id: a copy of each with the id
      // spread in (`{ ...r, datasetId }`) left ~50 MB of old-generation garbage per 200 000-row import.
      const datasetId = Number(insertDataset.run({ ...content.meta, origin: content.origin, contentHash: hash, importedAt: now() }).lastInsertRowid);
      for (const r of content.shares ?? []) insertShare.run(datasetId, r);
      for (const r of content.networkStats ?? []) insertStat.run(datasetId, r);
      for (const r of content.retargets ?? []) insertRetarget.run(datasetId, r);
      for (const r of content.prices ?? []) insertPrice.run(datasetId, r);
      for (const r of content.sites ?? []) insertSite.run(datasetId, r);
      if (content.sites) rebuildSiteCells(db, datasetId);
      for (const r of content.events ?? []) insertEvent.run(datasetId, r);
      for (const r of content.observations ?? []) insertObservation.run(datasetId, r);
      for (const { members, ...bloc } of content.blocs ?? []) {
        insertBloc.run({ ...bloc, datasetId });
        for (const iso2 of members) insertBlocMember.run(bloc.id, iso2);
      }
      for (const { countries, ...shock } of content.shocks ?? []) {
        const shockId = insertShock.run({ ...shock, datasetId }).lastInsertRowid;
        for (const iso2 of countries) insertShockCountry.run(shockId, iso2);
      }
      report.written.push({ slug: content.meta.slug, rows: rowCount(content) });
    }
    // After every write, so that the composite always reflects the shares datasets it is built from.
    if (rebuildBestEstimate(db, now()) === "written") report.written.push({ slug: BEST_ESTIMATE_DATASET, rows: countShares(db, BEST_ESTIMATE_DATASET) });
    else report.unchanged.push(BEST_ESTIMATE_DATASET);
    return report;
  });
  return run.immediate();
}
