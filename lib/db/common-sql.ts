// Statements both dialects run as they are: identifiers quoted (PostgreSQL folds unquoted ones to lower
// case), nothing but standard SQL, parameters as `?` — SQLite binds them so, and lib/db/postgres/sql.ts
// numbers them ($1, $2…) for PostgreSQL. A statement whose dialects differ is not here but in each
// dialect's module. Text order (ORDER BY on slugs, periods) assumes PostgreSQL's C collation (README,
// "PostgreSQL"): bytes, as SQLite compares.

export const COMMON_SQL = {
  findDataset: `SELECT "id", "contentHash" FROM "Dataset" WHERE "slug" = ?`,
  deleteDataset: `DELETE FROM "Dataset" WHERE "id" = ?`,
  datasetKind: `SELECT "kind", "origin" FROM "Dataset" WHERE "slug" = ?`,
  datasetSlugs: `SELECT "slug" FROM "Dataset" ORDER BY "slug"`,
  countShares: `SELECT count(*) AS n FROM "HashrateShare" s JOIN "Dataset" d ON d."id" = s."datasetId" WHERE d."slug" = ?`,
  /**
   * The rows the best estimate is built from. Partial datasets never enter it (lib/metrics/best-estimate.ts
   * exclusion), so their rows are not loaded: a 200 000-row survey would otherwise be held in memory for nothing.
   */
  bestEstimateSources: `SELECT d."slug", d."coverage", d."retrievedAt", s."period", s."countryIso2", s."share", s."hashrateEh", s."sourceLabel",
       s."certainty", s."sourceUrl", s."note"
     FROM "HashrateShare" s JOIN "Dataset" d ON d."id" = s."datasetId"
     WHERE d."kind" = 'shares' AND d."origin" <> 'composite' AND d."coverage" <> 'partial'
     ORDER BY d."slug", s."period", s."id"`,
  /** `npm run sync`: every month of every dataset of a kind (network). */
  periodsOfKind: `SELECT s."period" FROM "NetworkStat" s JOIN "Dataset" d ON d."id" = s."datasetId" WHERE d."kind" = ?`,
  retargetsOfKind: `SELECT r."height", r."dateUtc", r."difficulty" FROM "DifficultyAdjustment" r JOIN "Dataset" d ON d."id" = r."datasetId"
     WHERE d."kind" = ? ORDER BY r."height"`,
  statsOfDataset: `SELECT s."period", s."hashrateEh", s."difficulty", s."blockSubsidyBtc", s."avgFeesBtc", s."method"
     FROM "NetworkStat" s JOIN "Dataset" d ON d."id" = s."datasetId" WHERE d."slug" = ? ORDER BY s."period"`,
  retargetsOfDataset: `SELECT r."height", r."dateUtc", r."difficulty", r."changePct", r."epochHashrateEh", r."epochDays", r."dateSource"
     FROM "DifficultyAdjustment" r JOIN "Dataset" d ON d."id" = r."datasetId" WHERE d."slug" = ? ORDER BY r."height"`,
} as const;
