import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { BEST_ESTIMATE_DATASET, type Candidate, chooseMonths, type Coverage } from "../metrics/best-estimate";
import type { CompositeShareRow } from "./row-tables";
import { COMMON_SQL } from "./common-sql";
import { SQLITE_WRITES } from "./sqlite-writes";

// The best-estimate composite is stored like any shares dataset, so that every read (routes,
// exports, the dataset list) finds it without a special case. It is rebuilt inside the transaction
// of every write, from the shares datasets as they stand after that write: an import that adds a
// newer month makes it the newest month of the composite at once. composeBestEstimate is the rule for
// both dialects; lib/db/postgres/best-estimate.ts is PostgreSQL's read and write around it.

type SourceRow = {
  slug: string;
  coverage: string;
  retrievedAt: string;
  period: string;
  countryIso2: string | null;
  share: number;
  hashrateEh: number | null;
  sourceLabel: string | null;
  certainty: string | null;
  sourceUrl: string | null;
  note: string | null;
};

export const BEST_ESTIMATE_META = {
  slug: BEST_ESTIMATE_DATASET,
  kind: "shares",
  title: "Best estimate — each month from its highest-ranked source",
  publisher: "HashAtlas, composed from the datasets each month names as its source",
  url: "/methodology#best-estimate",
  licence: "Each month under the licence of the dataset it is taken from (named per month)",
  method:
    "For each month, the shares of the highest-ranked source that covers it: whole-network estimates only (partial surveys are left out), " +
    "months naming at least three countries, then the source naming the most of the network, then the latest retrieval. " +
    "Months no source covers are gaps, never interpolated.",
  caveats:
    "Sources differ in method (pool geolocation to 2022-01, bottom-up and proprietary estimates after): a change between two months " +
    "can be a change of source. Each month names its source; compare months of one source for trends.",
  coverage: "network",
  origin: "composite",
} as const;

const coverageOf = (value: string): Coverage => (value === "partial" ? "partial" : "network");

/** What the composite is made of: every row of a source that may enter it (COMMON_SQL.bestEstimateSources). */
export type BestEstimateSource = SourceRow;

export type BestEstimate = { meta: typeof BEST_ESTIMATE_META & { retrievedAt: string }; shares: CompositeShareRow[]; contentHash: string };

/**
 * The composite of the source rows (ordered by dataset, month, id), and its content hash: the one place
 * the rows are grouped and ranked, for both dialects' rebuilds. Pure.
 */
export function composeBestEstimate(rows: readonly SourceRow[], importedAt: string): BestEstimate {
  const candidates = new Map<string, Omit<Candidate, "months"> & { months: Map<string, SourceRow[]> }>();
  for (const row of rows) {
    let candidate = candidates.get(row.slug);
    if (!candidate) {
      candidate = { slug: row.slug, coverage: coverageOf(row.coverage), retrievedAt: row.retrievedAt, months: new Map() };
      candidates.set(row.slug, candidate);
    }
    const month = candidate.months.get(row.period);
    if (month) month.push(row);
    else candidate.months.set(row.period, [row]);
  }
  const choices = chooseMonths([...candidates.values()]);
  const shares = choices.flatMap(({ period, source }) =>
    (candidates.get(source)?.months.get(period) ?? []).map((r) => ({
      period,
      countryIso2: r.countryIso2,
      share: r.share,
      hashrateEh: r.hashrateEh,
      sourceLabel: r.sourceLabel,
      certainty: r.certainty,
      sourceUrl: r.sourceUrl,
      note: r.note,
      sourceDataset: source,
    })),
  );
  const retrievedAt = choices.map((c) => candidates.get(c.source)?.retrievedAt ?? "").reduce((a, b) => (a > b ? a : b), "") || importedAt.slice(0, 10);
  const meta = { ...BEST_ESTIMATE_META, retrievedAt };
  return { meta, shares, contentHash: createHash("sha256").update(JSON.stringify({ meta, shares })).digest("hex") };
}

/** Rebuild the composite from the shares datasets now in the database; writes nothing when unchanged. Call inside the write's transaction. */
export function rebuildBestEstimate(db: Database.Database, importedAt: string): "written" | "unchanged" {
  const { meta, shares, contentHash } = composeBestEstimate(db.prepare<[], SourceRow>(COMMON_SQL.bestEstimateSources).all(), importedAt);
  const existing = db.prepare<[string], { id: number; contentHash: string }>(COMMON_SQL.findDataset).get(BEST_ESTIMATE_DATASET);
  if (existing?.contentHash === contentHash) return "unchanged";
  if (existing) db.prepare(COMMON_SQL.deleteDataset).run(existing.id);
  const datasetId = db.prepare(SQLITE_WRITES.insertDataset).run({ ...meta, contentHash, importedAt }).lastInsertRowid;
  const insert = db.prepare(SQLITE_WRITES.compositeShare);
  for (const share of shares) insert.run(datasetId, share);
  return "written";
}
