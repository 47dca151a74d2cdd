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

// The tables bulk writes insert rows into, each with its columns: written once, here, and turned into
// both dialects' statements — SQLite's one-row INSERTs (lib/db/bulk.ts), PostgreSQL's binary COPY and
// multi-row INSERT … SELECT FROM unnest (lib/db/postgres/sql.ts). A record member missing from a list, or a column
// no record has, fails to compile. The statements are built once, when this module loads, from these
// constants only (identifiers checked against IDENTIFIER): never from anything a request carries
// (tests/no-unsafe-sql.test.ts allows exactly SQLITE_WRITES and POSTGRES_WRITES).

/** PostgreSQL's name of each column's type (SQLite's affinities follow from the same migrations). */
export type ColumnType = "text" | "float8" | "int4";

/** Every member of R, each with its column's type. */
export type ColumnsOf<R> = { readonly [K in keyof R]-?: ColumnType };

export type RowTable<R> = {
  readonly table: string;
  /** A leading column given once per statement rather than per row (the dataset the rows belong to). */
  readonly parent?: string;
  readonly columns: ColumnsOf<R>;
};

export type DatasetRow = DatasetMeta & { origin: "seed" | "import" | "composite"; contentHash: string; importedAt: string };
/** A row of the best-estimate composite: the share as its source holds it, and that source's slug. */
export type CompositeShareRow = ShareRecord & { sourceDataset: string };
export type BlocRow = Omit<BlocRecord, "members">;
export type ShockEventRow = Omit<ShockEventRecord, "countries">;
export type BlocMemberRow = { blocId: string; countryIso2: string };
export type ShockEventCountryRow = { shockEventId: number; countryIso2: string };
export type SiteCellRow = { level: number; y: number; x: number; sites: number; capacityMw: number; sumLat: number; sumLon: number };

const SHARE_COLUMNS = {
  period: "text",
  countryIso2: "text",
  share: "float8",
  hashrateEh: "float8",
  sourceLabel: "text",
  certainty: "text",
  sourceUrl: "text",
  note: "text",
} as const satisfies ColumnsOf<ShareRecord>;

export const COUNTRY = {
  table: "Country",
  columns: { iso2: "text", iso3: "text", isoNumeric: "text", name: "text", region: "text", subregion: "text" },
} as const satisfies RowTable<CountryRecord>;

export const REGION = {
  table: "Region",
  columns: { code: "text", countryIso2: "text", name: "text" },
} as const satisfies RowTable<RegionRecord>;

export const DATASET = {
  table: "Dataset",
  columns: {
    slug: "text",
    kind: "text",
    title: "text",
    publisher: "text",
    url: "text",
    licence: "text",
    retrievedAt: "text",
    method: "text",
    caveats: "text",
    origin: "text",
    coverage: "text",
    contentHash: "text",
    importedAt: "text",
  },
} as const satisfies RowTable<DatasetRow>;

/** The tables of a dataset's rows, by the member of DatasetContent that holds them. */
export const FACT_TABLES = {
  shares: { table: "HashrateShare", parent: "datasetId", columns: SHARE_COLUMNS },
  networkStats: {
    table: "NetworkStat",
    parent: "datasetId",
    columns: { period: "text", hashrateEh: "float8", difficulty: "float8", blockSubsidyBtc: "float8", avgFeesBtc: "float8", method: "text" },
  },
  retargets: {
    table: "DifficultyAdjustment",
    parent: "datasetId",
    columns: {
      height: "int4",
      dateUtc: "text",
      difficulty: "float8",
      changePct: "float8",
      epochHashrateEh: "float8",
      epochDays: "float8",
      dateSource: "text",
    },
  },
  prices: {
    table: "PowerPrice",
    parent: "datasetId",
    columns: {
      countryIso2: "text",
      subdivision: "text",
      usdPerKwh: "float8",
      priceType: "text",
      period: "text",
      sourceName: "text",
      sourceUrl: "text",
      certainty: "text",
      note: "text",
    },
  },
  sites: {
    table: "MiningSite",
    parent: "datasetId",
    columns: {
      name: "text",
      operator: "text",
      countryIso2: "text",
      locality: "text",
      lat: "float8",
      lon: "float8",
      capacityMw: "float8",
      hashrateEh: "float8",
      energySource: "text",
      status: "text",
      statusNote: "text",
      asOf: "text",
      certainty: "text",
      sourceUrl: "text",
      regionCode: "text",
      regionMethod: "text",
    },
  },
  events: {
    table: "NetworkEvent",
    parent: "datasetId",
    columns: {
      dateLabel: "text",
      date: "text",
      event: "text",
      metric: "text",
      value: "float8",
      valueText: "text",
      unit: "text",
      certainty: "text",
      sourceUrl: "text",
    },
  },
  observations: {
    table: "ShockObservation",
    parent: "datasetId",
    columns: {
      eventId: "text",
      event: "text",
      dateLabel: "text",
      date: "text",
      endDate: "text",
      jurisdiction: "text",
      metric: "text",
      valueText: "text",
      valueLow: "float8",
      valueHigh: "float8",
      unit: "text",
      certainty: "text",
      sourceUrl: "text",
      note: "text",
    },
  },
  regionalShares: {
    table: "RegionalShare",
    parent: "datasetId",
    columns: {
      periodLabel: "text",
      periodStart: "text",
      periodEnd: "text",
      countryIso2: "text",
      regionCode: "text",
      regionName: "text",
      shareOfCountryLow: "float8",
      shareOfCountryHigh: "float8",
      shareOfNetworkLow: "float8",
      shareOfNetworkHigh: "float8",
      basis: "text",
      sourceOrg: "text",
      method: "text",
      certainty: "text",
      sourceUrl: "text",
      note: "text",
    },
  },
} as const satisfies {
  shares: RowTable<ShareRecord>;
  networkStats: RowTable<NetworkStatRecord>;
  retargets: RowTable<RetargetRecord>;
  prices: RowTable<PowerPriceRecord>;
  sites: RowTable<SiteRecord>;
  events: RowTable<NetworkEventRecord>;
  observations: RowTable<ShockObservationRecord>;
  regionalShares: RowTable<RegionalShareRecord>;
};

export const COMPOSITE_SHARE = {
  table: "HashrateShare",
  parent: "datasetId",
  columns: { ...SHARE_COLUMNS, sourceDataset: "text" },
} as const satisfies RowTable<CompositeShareRow>;

export const BLOC = {
  table: "Bloc",
  parent: "datasetId",
  columns: { id: "text", name: "text", description: "text", membershipAsOf: "text", sourceUrl: "text" },
} as const satisfies RowTable<BlocRow>;

export const BLOC_MEMBER = { table: "BlocMember", columns: { blocId: "text", countryIso2: "text" } } as const satisfies RowTable<BlocMemberRow>;

export const SHOCK_EVENT = {
  table: "ShockEvent",
  parent: "datasetId",
  columns: { slug: "text", date: "text", endDate: "text", kind: "text", title: "text", description: "text", sourceUrl: "text" },
} as const satisfies RowTable<ShockEventRow>;

export const SHOCK_EVENT_COUNTRY = {
  table: "ShockEventCountry",
  columns: { shockEventId: "int4", countryIso2: "text" },
} as const satisfies RowTable<ShockEventCountryRow>;

export const SITE_CELL = {
  table: "SiteCell",
  parent: "datasetId",
  columns: { level: "int4", y: "int4", x: "int4", sites: "int4", capacityMw: "float8", sumLat: "float8", sumLon: "float8" },
} as const satisfies RowTable<SiteCellRow>;

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/** A table or column name, quoted; anything but a plain identifier is a programming error. */
export function quoted(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** The column names in statement order, the parent first. */
export function columnNames<R>(t: RowTable<R>): string[] {
  return [...(t.parent ? [t.parent] : []), ...Object.keys(t.columns)];
}

/** The record members of a table, in the order of its columns. */
export function memberNames<R>(t: RowTable<R>): (keyof R & string)[] {
  return Object.keys(t.columns).filter((name): name is keyof R & string => name in t.columns);
}

/** For an upsert keyed on `key`: set every other column, and only when one of them differs (so that "changes" counts real changes). */
export function onConflictUpdate<R>(t: RowTable<R>, key: keyof R & string): string {
  const others = memberNames(t).filter((name) => name !== key);
  const set = others.map((c) => `${quoted(c)} = excluded.${quoted(c)}`).join(", ");
  const differs = others.map((c) => `${quoted(t.table)}.${quoted(c)} IS DISTINCT FROM excluded.${quoted(c)}`).join(" OR ");
  return `ON CONFLICT (${quoted(key)}) DO UPDATE SET ${set} WHERE ${differs}`;
}
