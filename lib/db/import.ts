import type { DatasetContent, WriteReport } from "./bulk";
import { writeDatasets } from "./bulk";
import { openSqlite } from "./sqlite";
import { BEST_ESTIMATE_DATASET } from "../metrics/best-estimate";

export class StorageFull extends Error {
  constructor() {
    super("the disk holding the database is full: nothing was written");
    this.name = "StorageFull";
  }
}

export class DatasetKindConflict extends Error {
  constructor(
    readonly slug: string,
    readonly existingKind: string,
  ) {
    super(`dataset "${slug}" exists and holds ${existingKind}; choose another slug`);
    this.name = "DatasetKindConflict";
  }
}

/** The slug names the best-estimate composite, which is built from the other shares datasets. */
export class ReservedDataset extends Error {
  constructor(readonly slug: string) {
    super(`dataset "${slug}" is built from the other shares datasets and cannot be imported; choose another slug (an import of shares enters it by itself)`);
    this.name = "ReservedDataset";
  }
}

/** Another writer held the database for longer than the busy timeout; nothing was written. */
export class DatabaseBusy extends Error {
  constructor() {
    super("the database is busy with another write: nothing was written; try again in a few seconds");
    this.name = "DatabaseBusy";
  }
}

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

/**
 * Write an imported dataset in one BEGIN IMMEDIATE transaction, replacing a dataset of the same
 * slug and kind. A dry run goes through here too, so that it refuses exactly what the write
 * refuses (a slug held by a dataset of another kind) rather than a copy of the rule.
 */
export function commitImport(dbPath: string, content: DatasetContent, options: CommitOptions = {}): { replaced: boolean } {
  const { replaced } = commitDatasets(dbPath, [content], options);
  return { replaced: replaced.length > 0 };
}

/**
 * Write several datasets in ONE transaction (`npm run sync` writes its network and retarget datasets
 * together: both land or neither). Returns the slugs that replaced an existing dataset and the
 * report of the write (a dataset whose content is unchanged is left alone).
 */
export function commitDatasets(
  dbPath: string,
  contents: readonly DatasetContent[],
  options: CommitOptions = {},
): { replaced: string[]; report: WriteReport | null } {
  // Read-only for a dry run: it must not even create the file or switch its journal mode.
  let db;
  try {
    db = openSqlite(dbPath, { readonly: options.dryRun, ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}) });
  } catch (error) {
    if (isSqliteError(error, "SQLITE_BUSY")) throw new DatabaseBusy();
    throw error;
  }
  try {
    const kindOf = db.prepare<[string], { kind: string; origin: string }>(`SELECT kind, origin FROM "Dataset" WHERE slug = ?`);
    const replaced: string[] = [];
    for (const content of contents) {
      const existing = kindOf.get(content.meta.slug);
      if (content.meta.slug === BEST_ESTIMATE_DATASET || existing?.origin === "composite") throw new ReservedDataset(content.meta.slug);
      if (existing && existing.kind !== content.meta.kind) throw new DatasetKindConflict(content.meta.slug, existing.kind);
      if (existing) replaced.push(content.meta.slug);
    }
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
