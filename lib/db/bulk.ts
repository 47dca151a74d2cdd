import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { CountryRecord } from "../geo/countries";
import type { RegionRecord } from "../geo/regions";
import type { DatasetMeta } from "../validation/datasets";
import type { BlocRecord, ShockEventRecord } from "../validation/blocs";
import type { NetworkEventRecord, NetworkStatRecord, RetargetRecord } from "../validation/network";
import type { ShockObservationRecord } from "../validation/observations";
import type { PowerPriceRecord } from "../validation/prices";
import type { ShareRecord } from "../validation/shares";
import type { SiteRecord } from "../validation/sites";
import type { RegionalShareRecord } from "../validation/subnational";
import { BEST_ESTIMATE_DATASET } from "../metrics/best-estimate";
import { rebuildBestEstimate } from "./best-estimate";
import { COMMON_SQL } from "./common-sql";
import { rebuildSiteCells } from "./site-cells";
import { SQLITE_WRITES } from "./sqlite-writes";

// Bulk writes (seed, import) bypass Prisma on purpose: Prisma's interactive transactions on this
// adapter share one connection with concurrent requests (which then see uncommitted rows) and
// insert ~200x slower. Everything is validated before this point; here one synchronous
// BEGIN IMMEDIATE transaction writes it all or nothing (docs/methodology.md#writes-and-concurrency).
// This is SQLite's write; lib/db/write.ts picks it or PostgreSQL's (lib/db/postgres/bulk.ts) by location.

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
  regionalShares?: RegionalShareRecord[];
  blocs?: BlocRecord[];
  shocks?: ShockEventRecord[];
};

/** What a bulk write writes: the countries and regions (the seed's; regions after countries) and datasets. */
export type WriteInput = { countries?: readonly CountryRecord[]; regions?: readonly RegionRecord[]; datasets: DatasetContent[] };

export type WriteReport = {
  countriesChanged: number;
  regionsChanged: number;
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
    (content.regionalShares?.length ?? 0) +
    (content.blocs?.length ?? 0) +
    (content.shocks?.length ?? 0)
  );
}

function countShares(db: Database.Database, slug: string): number {
  return db.prepare<[string], { n: number }>(COMMON_SQL.countShares).get(slug)?.n ?? 0;
}

/**
 * Write countries and datasets in one immediate transaction. A dataset whose content hash is
 * unchanged is left alone (so seeding twice writes nothing); a changed one is replaced whole.
 */
export function writeDatasets(db: Database.Database, input: WriteInput, now: () => string = () => new Date().toISOString()): WriteReport {
  db.pragma("foreign_keys = ON");
  const upsertCountry = db.prepare(SQLITE_WRITES.upsertCountry);
  const upsertRegion = db.prepare(SQLITE_WRITES.upsertRegion);
  const findDataset = db.prepare<[string], { id: number; contentHash: string }>(COMMON_SQL.findDataset);
  const deleteDataset = db.prepare(COMMON_SQL.deleteDataset);
  const insertDataset = db.prepare(SQLITE_WRITES.insertDataset);
  const insertShare = db.prepare(SQLITE_WRITES.shares);
  const insertStat = db.prepare(SQLITE_WRITES.networkStats);
  const insertRetarget = db.prepare(SQLITE_WRITES.retargets);
  const insertPrice = db.prepare(SQLITE_WRITES.prices);
  const insertSite = db.prepare(SQLITE_WRITES.sites);
  const insertEvent = db.prepare(SQLITE_WRITES.events);
  const insertObservation = db.prepare(SQLITE_WRITES.observations);
  const insertRegionalShare = db.prepare(SQLITE_WRITES.regionalShares);
  const insertBloc = db.prepare(SQLITE_WRITES.bloc);
  const insertBlocMember = db.prepare(SQLITE_WRITES.blocMember);
  const insertShock = db.prepare(SQLITE_WRITES.shockEvent);
  const insertShockCountry = db.prepare(SQLITE_WRITES.shockEventCountry);

  const run = db.transaction((): WriteReport => {
    let countriesChanged = 0;
    for (const c of input.countries ?? []) countriesChanged += upsertCountry.run(c).changes;
    let regionsChanged = 0;
    for (const r of input.regions ?? []) regionsChanged += upsertRegion.run(r).changes;
    const report: WriteReport = { countriesChanged, regionsChanged, written: [], unchanged: [] };
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
      for (const r of content.regionalShares ?? []) insertRegionalShare.run(datasetId, r);
      for (const { members, ...bloc } of content.blocs ?? []) {
        insertBloc.run(datasetId, bloc);
        for (const countryIso2 of members) insertBlocMember.run({ blocId: bloc.id, countryIso2 });
      }
      for (const { countries, ...shock } of content.shocks ?? []) {
        const shockEventId = insertShock.run(datasetId, shock).lastInsertRowid;
        for (const countryIso2 of countries) insertShockCountry.run({ shockEventId, countryIso2 });
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
