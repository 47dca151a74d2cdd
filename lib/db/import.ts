import type { DatasetContent } from "./bulk";
import { writeDatasets } from "./bulk";
import { openSqlite } from "./sqlite";

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

/**
 * Write an imported dataset in one BEGIN IMMEDIATE transaction, replacing a dataset of the same
 * slug and kind. `beforeWrite` runs just before the transaction (tests use it to kill the process
 * mid-import).
 */
export function commitImport(dbPath: string, content: DatasetContent, beforeWrite?: () => void): { replaced: boolean } {
  const db = openSqlite(dbPath);
  try {
    const existing = db.prepare<[string], { kind: string }>(`SELECT kind FROM "Dataset" WHERE slug = ?`).get(content.meta.slug);
    if (existing && existing.kind !== content.meta.kind) throw new DatasetKindConflict(content.meta.slug, existing.kind);
    beforeWrite?.();
    try {
      writeDatasets(db, { datasets: [content] });
    } catch (error) {
      // The transaction rolled back; say why in words rather than as an internal error.
      if (typeof error === "object" && error !== null && "code" in error && error.code === "SQLITE_FULL") throw new StorageFull();
      throw error;
    }
    return { replaced: existing !== undefined };
  } finally {
    db.close();
  }
}
