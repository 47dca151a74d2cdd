import type { DatasetContent, WriteReport } from "./bulk";
import { writeDatasets } from "./bulk";
import type { DatabaseLocation } from "./location";
import { commitDatasetsPostgres } from "./postgres/import";
import { COMMON_SQL } from "./common-sql";
import { openSqlite } from "./sqlite";
import { DatabaseBusy, replacements, StorageFull } from "./write-errors";

export { DatabaseBusy, DatabaseUnavailable, DatasetKindConflict, ReservedDataset, StorageFull, replacements } from "./write-errors";

const isSqliteError = (error: unknown, code: string): boolean =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" && error.code.startsWith(code);

export type CommitOptions = {
  /** Make every check the write makes, then stop before writing anything. */
  dryRun?: boolean;
  /** Runs just before the transaction (tests use it to kill the process mid-import). */
  beforeWrite?: () => void;
  /** How long to wait for another writer (default BUSY_TIMEOUT_MS; tests shorten it). */
  busyTimeoutMs?: number;
};

export type CommitResult = { replaced: string[]; report: WriteReport | null };

/**
 * Write an imported dataset in one transaction (BEGIN IMMEDIATE on SQLite; on PostgreSQL one that takes
 * the write lock first), replacing a dataset of the same slug and kind. A dry run goes through here too.
 */
export async function commitImport(location: DatabaseLocation, content: DatasetContent, options: CommitOptions = {}): Promise<{ replaced: boolean }> {
  const { replaced } = await commitDatasets(location, [content], options);
  return { replaced: replaced.length > 0 };
}

/**
 * Write several datasets in ONE transaction (`npm run sync` writes its network and retarget datasets
 * together: both land or neither). Returns the slugs that replaced an existing dataset and the
 * report of the write (a dataset whose content is unchanged is left alone).
 */
export async function commitDatasets(location: DatabaseLocation, contents: readonly DatasetContent[], options: CommitOptions = {}): Promise<CommitResult> {
  if (location.provider === "postgresql") return commitDatasetsPostgres(location.url, contents, options);
  return commitDatasetsSqlite(location.path, contents, options);
}

/** SQLite's commit: synchronous, one better-sqlite3 BEGIN IMMEDIATE transaction with no await inside. */
function commitDatasetsSqlite(dbPath: string, contents: readonly DatasetContent[], options: CommitOptions): CommitResult {
  // Read-only for a dry run: it must not even create the file or switch its journal mode.
  let db;
  try {
    db = openSqlite(dbPath, { readonly: options.dryRun, ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}) });
  } catch (error) {
    if (isSqliteError(error, "SQLITE_BUSY")) throw new DatabaseBusy();
    throw error;
  }
  try {
    const kindOf = db.prepare<[string], { kind: string; origin: string }>(COMMON_SQL.datasetKind);
    const replaced = replacements(contents, (slug) => kindOf.get(slug));
    if (options.dryRun) return { replaced, report: null };
    options.beforeWrite?.();
    try {
      return { replaced, report: writeDatasets(db, { datasets: [...contents] }) };
    } catch (error) {
      // The transaction rolled back; say why in words rather than as an internal error.
      if (isSqliteError(error, "SQLITE_FULL")) throw new StorageFull();
      throw error;
    }
  } catch (error) {
    // SQLITE_BUSY and its extended codes: another writer outlasted the timeout (a 503, not a bug).
    if (isSqliteError(error, "SQLITE_BUSY")) throw new DatabaseBusy();
    throw error;
  } finally {
    db.close();
  }
}
