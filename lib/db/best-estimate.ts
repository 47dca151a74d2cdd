import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { BEST_ESTIMATE_DATASET, type Candidate, chooseMonths, type Coverage } from "../metrics/best-estimate";

// The best-estimate composite is stored like any shares dataset, so that every read (routes,
// exports, the dataset list) finds it without a special case. It is rebuilt inside the transaction
// of every write, from the shares datasets as they stand after that write: an import that adds a
// newer month makes it the newest month of the composite at once.

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

/** Rebuild the composite from the shares datasets now in the database; writes nothing when unchanged. */
export function rebuildBestEstimate(db: Database.Database, importedAt: string): "written" | "unchanged" {
  // Partial datasets never enter the composite (lib/metrics/best-estimate.ts exclusion), so their rows
  // are not loaded: a 200 000-row survey import would otherwise hold them all in memory for nothing.
  const rows = db
    .prepare<[], SourceRow>(
      `SELECT d.slug, d.coverage, d.retrievedAt, s.period, s.countryIso2, s.share, s.hashrateEh, s.sourceLabel, s.certainty, s.sourceUrl, s.note
       FROM "HashrateShare" s JOIN "Dataset" d ON d.id = s.datasetId
       WHERE d.kind = 'shares' AND d.origin <> 'composite' AND d.coverage IS NOT 'partial'
       ORDER BY d.slug, s.period, s.id`,
    )
    .all();
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
  const hash = createHash("sha256").update(JSON.stringify({ meta, shares })).digest("hex");

  const existing = db.prepare<[string], { id: number; contentHash: string }>(`SELECT id, contentHash FROM "Dataset" WHERE slug = ?`).get(BEST_ESTIMATE_DATASET);
  if (existing?.contentHash === hash) return "unchanged";
  if (existing) db.prepare(`DELETE FROM "Dataset" WHERE id = ?`).run(existing.id);
  const datasetId = db
    .prepare(
      `INSERT INTO "Dataset" (slug, kind, title, publisher, url, licence, retrievedAt, method, caveats, origin, coverage, contentHash, importedAt)
       VALUES (@slug, @kind, @title, @publisher, @url, @licence, @retrievedAt, @method, @caveats, @origin, @coverage, @contentHash, @importedAt)`,
    )
    .run({ ...meta, contentHash: hash, importedAt }).lastInsertRowid;
  const insert = db.prepare(
    `INSERT INTO "HashrateShare" (datasetId, period, countryIso2, share, hashrateEh, sourceLabel, certainty, sourceUrl, note, sourceDataset)
     VALUES (@datasetId, @period, @countryIso2, @share, @hashrateEh, @sourceLabel, @certainty, @sourceUrl, @note, @sourceDataset)`,
  );
  for (const share of shares) insert.run({ ...share, datasetId });
  return "written";
}
