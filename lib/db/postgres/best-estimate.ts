import type pg from "pg";
import { BEST_ESTIMATE_DATASET } from "../../metrics/best-estimate";
import { composeBestEstimate } from "../best-estimate";
import { COMPOSITE_SHARE, DATASET } from "../row-tables";
import { copyRows } from "./copy";
import { BestEstimateSourceRow, DatasetHashRow, IdRow, parseOne, parseRows } from "./rows";
import { POSTGRES_SHARED, POSTGRES_WRITES, unnestParameters } from "./sql";

/**
 * lib/db/best-estimate.ts's rebuild on PostgreSQL: the same source rows (the same statement, in the same
 * order — the C collation orders slugs and months as SQLite does), the same composition and content hash.
 * Call inside the write's transaction; writes nothing when the composite is unchanged.
 */
export async function rebuildBestEstimatePostgres(client: pg.ClientBase, importedAt: string): Promise<"written" | "unchanged"> {
  const sources = parseRows(BestEstimateSourceRow, (await client.query(POSTGRES_SHARED.bestEstimateSources)).rows);
  const { meta, shares, contentHash } = composeBestEstimate(sources, importedAt);
  const [existing] = parseRows(DatasetHashRow, (await client.query(POSTGRES_SHARED.findDataset, [BEST_ESTIMATE_DATASET])).rows);
  if (existing?.contentHash === contentHash) return "unchanged";
  if (existing) await client.query(POSTGRES_SHARED.deleteDataset, [existing.id]);
  const inserted = await client.query(POSTGRES_WRITES.insertDataset, unnestParameters(DATASET, [{ ...meta, contentHash, importedAt }]));
  const { id } = parseOne(IdRow, inserted.rows);
  await copyRows(client, COMPOSITE_SHARE, shares, id);
  return "written";
}
