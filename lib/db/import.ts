import type { DatasetContent } from "./bulk";
import { writeDatasets } from "./bulk";
import { openSqlite } from "./sqlite";

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
    writeDatasets(db, { datasets: [content] });
    return { replaced: existing !== undefined };
  } finally {
    db.close();
  }
}
