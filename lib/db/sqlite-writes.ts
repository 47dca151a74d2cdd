import {
  BLOC,
  BLOC_MEMBER,
  COMPOSITE_SHARE,
  COUNTRY,
  columnNames,
  DATASET,
  FACT_TABLES,
  memberNames,
  onConflictUpdate,
  quoted,
  REGION,
  type RowTable,
  SHOCK_EVENT,
  SHOCK_EVENT_COUNTRY,
} from "./row-tables";

// SQLite's statements for bulk writes, built once from the column lists of lib/db/row-tables.ts: one
// row per INSERT, the parent id bound first (`?`), the record's members by name (`@period`), so that a
// record is bound as it is, without a copy.

function insert<R>(t: RowTable<R>): string {
  const values = [...(t.parent ? ["?"] : []), ...memberNames(t).map((name) => `@${name}`)];
  return `INSERT INTO ${quoted(t.table)} (${columnNames(t).map(quoted).join(", ")}) VALUES (${values.join(", ")})`;
}

export const SQLITE_WRITES = {
  upsertCountry: `${insert(COUNTRY)} ${onConflictUpdate(COUNTRY, "iso2")}`,
  upsertRegion: `${insert(REGION)} ${onConflictUpdate(REGION, "code")}`,
  insertDataset: insert(DATASET),
  shares: insert(FACT_TABLES.shares),
  networkStats: insert(FACT_TABLES.networkStats),
  retargets: insert(FACT_TABLES.retargets),
  prices: insert(FACT_TABLES.prices),
  sites: insert(FACT_TABLES.sites),
  events: insert(FACT_TABLES.events),
  observations: insert(FACT_TABLES.observations),
  regionalShares: insert(FACT_TABLES.regionalShares),
  compositeShare: insert(COMPOSITE_SHARE),
  bloc: insert(BLOC),
  blocMember: insert(BLOC_MEMBER),
  shockEvent: insert(SHOCK_EVENT),
  shockEventCountry: insert(SHOCK_EVENT_COUNTRY),
} as const;
