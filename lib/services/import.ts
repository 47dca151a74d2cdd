import { commitImport, DatabaseBusy, DatabaseUnavailable, DatasetKindConflict, ReservedDataset, StorageFull } from "../db/import";
import type { DatabaseLocation } from "../db/location";
import { type ImportFile, prepareImport } from "../io/import";
import { type ImportQueryInput, importMeta } from "../validation/import";
import { Busy, Conflict, InsufficientStorage } from "./errors";

// An import, for the route and `npm run import` alike: parse and validate every row (lib/io), then
// write in one transaction (lib/db) — or, for a dry run, make every check the write makes and stop.
// A file with bad rows throws lib/io's DataValidationError (every row listed) or ImportFormatError;
// what the database refuses becomes a domain error, the same on SQLite and PostgreSQL.

export type ImportRequest = {
  query: ImportQueryInput;
  file: ImportFile;
  /** The SQLite file or the PostgreSQL database (env().database). */
  database: DatabaseLocation;
  beforeWrite?: () => void;
  busyTimeoutMs?: number;
};

export type ImportOutcome = { dataset: string; kind: ImportQueryInput["kind"]; rows: number; format: string } & ({ dryRun: true } | { replaced: boolean });

export async function importDataset({ query, file, database, beforeWrite, busyTimeoutMs }: ImportRequest): Promise<ImportOutcome> {
  const prepared = prepareImport(query.kind, importMeta(query), file);
  const dryRun = query.dryRun === "1";
  const answer = { dataset: query.dataset, kind: query.kind, rows: prepared.rows, format: prepared.format };
  try {
    const { replaced } = await commitImport(database, prepared.content, {
      dryRun,
      ...(beforeWrite ? { beforeWrite } : {}),
      ...(busyTimeoutMs !== undefined ? { busyTimeoutMs } : {}),
    });
    return dryRun ? { ...answer, dryRun: true } : { ...answer, replaced };
  } catch (error) {
    throw domainErrorOf(error, "file");
  }
}

/**
 * What a write's refusal means to a caller: a slug it may not take (409), no room (507), another writer
 * or an unreachable database server (503 with Retry-After: trying again shortly succeeds). `storageField`
 * names the input a full disk is blamed on. Anything else is passed on as it is.
 */
export function domainErrorOf(error: unknown, storageField: string, busyField = "dataset"): unknown {
  if (error instanceof DatasetKindConflict || error instanceof ReservedDataset) return new Conflict(error.message, "dataset");
  if (error instanceof StorageFull) return new InsufficientStorage(error.message, storageField);
  if (error instanceof DatabaseBusy || error instanceof DatabaseUnavailable) return new Busy(error.message, busyField);
  return error;
}
