import type { ShareRow } from "../metrics/distribution";
import { readRows, readStatement } from "./reader";

// A shares dataset is read in two steps: the months it covers (an index walk, cheap at any size),
// then the rows of a month or a run of months. Building the distributions from them is the
// services' work (lib/services/distribution.ts), which reads a large dataset a slice at a time.

/** sourceDataset: in the best-estimate composite, the dataset the month was taken from. */
export type PeriodShareRow = ShareRow & { period: string; sourceDataset: string | null };

/** A month a dataset covers, and (best estimate) the dataset its first row was taken from. */
export type SharePeriod = { period: string; sourceDataset: string | null };

// Jumps from month to month along the (datasetId, period) index instead of scanning every row
// (neither engine skips through an index by itself). The dataset's id is given three times.
const PERIODS = readStatement<SharePeriod>(
  `WITH RECURSIVE month(period) AS (
     SELECT min("period") FROM "HashrateShare" WHERE "datasetId" = ?
     UNION ALL
     SELECT (SELECT min("period") FROM "HashrateShare" WHERE "datasetId" = ? AND "period" > month.period) FROM month WHERE month.period IS NOT NULL
   )
   SELECT period, (SELECT "sourceDataset" FROM "HashrateShare" WHERE "datasetId" = ? AND "period" = month.period ORDER BY "id" LIMIT 1) AS "sourceDataset"
   FROM month WHERE period IS NOT NULL`,
);

const ROWS = readStatement<PeriodShareRow>(
  `SELECT s."period", s."countryIso2" AS iso2, c."name", s."share", s."hashrateEh", s."sourceDataset"
   FROM "HashrateShare" s LEFT JOIN "Country" c ON c."iso2" = s."countryIso2"
   WHERE s."datasetId" = ? AND s."period" >= ? AND s."period" <= ?
   ORDER BY s."period", s."id"`,
);

/** The months a shares dataset covers, oldest first. */
export function sharePeriods(datasetId: number): Promise<SharePeriod[]> {
  return readRows(PERIODS, [datasetId, datasetId, datasetId]);
}

/** The hashrate-share rows of the months from `from` to `to` (YYYY-MM, inclusive), by month then as stored. */
export function shareRowsBetween(datasetId: number, from: string, to: string): Promise<PeriodShareRow[]> {
  return readRows(ROWS, [datasetId, from, to]);
}
