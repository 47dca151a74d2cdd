import type { WriteInput, WriteReport } from "./bulk";
import { writeDatasets } from "./bulk";
import type { DatabaseLocation } from "./location";
import { writeDatasetsPostgres } from "./postgres/bulk";
import { withConnection, writeTransaction } from "./postgres/connect";
import { parseRows, SlugRow } from "./postgres/rows";
import { POSTGRES_SHARED } from "./postgres/sql";
import { COMMON_SQL } from "./common-sql";
import { openSqlite } from "./sqlite";

// Bulk writes by location, for the seed: SQLite's synchronous writeDatasets (lib/db/bulk.ts) as it is,
// or PostgreSQL's (lib/db/postgres/bulk.ts) in one transaction under the write lock. Imports and sync
// go through lib/db/import.ts, which adds their checks and refusals.

export type WriteOptions = { busyTimeoutMs?: number; now?: () => string };

/** Write countries and datasets in one transaction; the report says what was written and what was left alone. */
export async function writeDatasetsTo(location: DatabaseLocation, input: WriteInput, options: WriteOptions = {}): Promise<WriteReport> {
  if (location.provider === "postgresql") {
    return writeTransaction(location.url, (client) => writeDatasetsPostgres(client, input, options.now), options.busyTimeoutMs);
  }
  const db = openSqlite(location.path, options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {});
  try {
    return writeDatasets(db, input, options.now);
  } finally {
    db.close();
  }
}

/** The slugs of every dataset in the database, in byte order. */
export async function datasetSlugs(location: DatabaseLocation): Promise<string[]> {
  if (location.provider === "postgresql") {
    return withConnection(location.url, async (client) => parseRows(SlugRow, (await client.query(POSTGRES_SHARED.datasetSlugs)).rows).map((row) => row.slug));
  }
  const db = openSqlite(location.path, { readonly: true });
  try {
    return db
      .prepare<[], { slug: string }>(COMMON_SQL.datasetSlugs)
      .all()
      .map((row) => row.slug);
  } finally {
    db.close();
  }
}
