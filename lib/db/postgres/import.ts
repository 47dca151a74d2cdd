import type pg from "pg";
import type { DatasetContent } from "../bulk";
import type { CommitOptions, CommitResult } from "../import";
import { replacements } from "../write-errors";
import { writeDatasetsPostgres } from "./bulk";
import { withConnection, writeTransaction } from "./connect";
import { DatasetKindRow, parseRows } from "./rows";
import { POSTGRES_SHARED } from "./sql";

/** The kind and origin of each slug's dataset, if it exists. */
async function kindsOf(client: pg.ClientBase, contents: readonly DatasetContent[]): Promise<Map<string, { kind: string; origin: string }>> {
  const kinds = new Map<string, { kind: string; origin: string }>();
  for (const { meta } of contents) {
    const [row] = parseRows(DatasetKindRow, (await client.query(POSTGRES_SHARED.datasetKind, [meta.slug])).rows);
    if (row) kinds.set(meta.slug, row);
  }
  return kinds;
}

/**
 * lib/db/import.ts's commitDatasets on PostgreSQL. The checks run before the transaction (a dry run
 * stops there, having written nothing and taken no lock) and again inside it, under the write lock,
 * where they are what counts: another writer may have taken the slug meanwhile.
 */
export async function commitDatasetsPostgres(url: string, contents: readonly DatasetContent[], options: CommitOptions): Promise<CommitResult> {
  const checked = async (client: pg.ClientBase) => {
    const kinds = await kindsOf(client, contents);
    return replacements(contents, (slug) => kinds.get(slug));
  };
  const replaced = await withConnection(url, checked);
  if (options.dryRun) return { replaced, report: null };
  options.beforeWrite?.();
  return writeTransaction(
    url,
    async (client) => {
      const replacedNow = await checked(client);
      return { replaced: replacedNow, report: await writeDatasetsPostgres(client, { datasets: [...contents] }) };
    },
    options.busyTimeoutMs,
  );
}
