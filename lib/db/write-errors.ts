import type { DatasetContent } from "./bulk";
import { BEST_ESTIMATE_DATASET } from "../metrics/best-estimate";

// Why a bulk write wrote nothing, in the database's words, the same for both backends: lib/db/import.ts
// (SQLite) and lib/db/postgres/connect.ts (PostgreSQL) turn each engine's errors into these, and the
// services turn these into domain errors (Busy 503, InsufficientStorage 507, Conflict 409).

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

/**
 * The database server could not be reached, or the connection to it broke before the write committed
 * (PostgreSQL: refused, reset, the server shutting down or the backend terminated). Nothing was written.
 */
export class DatabaseUnavailable extends Error {
  constructor(
    readonly reason: string,
    /** The connection broke while the commit was on its way: the server may have committed it (whole) or not. */
    readonly whileCommitting = false,
  ) {
    super(
      whileCommitting
        ? `the connection to the database broke as the write committed (${reason}): the dataset is either unchanged or complete (GET /api/datasets shows which); try again if it is unchanged`
        : `the database cannot be reached (${reason}): nothing was written; try again in a few seconds`,
    );
    this.name = "DatabaseUnavailable";
  }
}

/**
 * The slugs among `contents` that would replace a dataset, or the refusal: a slug naming the best
 * estimate (or any composite), or held by a dataset of another kind. One rule for both backends and
 * for dry runs, which refuse exactly what the write refuses.
 */
export function replacements(contents: readonly DatasetContent[], kindOf: (slug: string) => { kind: string; origin: string } | undefined): string[] {
  const replaced: string[] = [];
  for (const content of contents) {
    const existing = kindOf(content.meta.slug);
    if (content.meta.slug === BEST_ESTIMATE_DATASET || existing?.origin === "composite") throw new ReservedDataset(content.meta.slug);
    if (existing && existing.kind !== content.meta.kind) throw new DatasetKindConflict(content.meta.slug, existing.kind);
    if (existing) replaced.push(content.meta.slug);
  }
  return replaced;
}
