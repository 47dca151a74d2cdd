import { commitImport, DatabaseBusy, DatasetKindConflict, ReservedDataset, StorageFull } from "../db/import";
import { type ImportFile, prepareImport } from "../io/import";
import { type ImportQueryInput, importMeta } from "../validation/import";
import { Busy, Conflict, InsufficientStorage } from "./errors";

// An import, for the route and `npm run import` alike: parse and validate every row (lib/io), then
// write in one transaction (lib/db) — or, for a dry run, make every check the write makes and stop.
// A file with bad rows throws lib/io's DataValidationError (every row listed) or ImportFormatError;
// what the database refuses becomes a domain error.

export type ImportRequest = { query: ImportQueryInput; file: ImportFile; databasePath: string; beforeWrite?: () => void; busyTimeoutMs?: number };

export type ImportOutcome = { dataset: string; kind: ImportQueryInput["kind"]; rows: number; format: string } & ({ dryRun: true } | { replaced: boolean });

export function importDataset({ query, file, databasePath, beforeWrite, busyTimeoutMs }: ImportRequest): ImportOutcome {
  const prepared = prepareImport(query.kind, importMeta(query), file);
  const dryRun = query.dryRun === "1";
  const answer = { dataset: query.dataset, kind: query.kind, rows: prepared.rows, format: prepared.format };
  try {
    const { replaced } = commitImport(databasePath, prepared.content, {
      dryRun,
      ...(beforeWrite ? { beforeWrite } : {}),
      ...(busyTimeoutMs !== undefined ? { busyTimeoutMs } : {}),
    });
    return dryRun ? { ...answer, dryRun: true } : { ...answer, replaced };
  } catch (error) {
    if (error instanceof DatasetKindConflict || error instanceof ReservedDataset) throw new Conflict(error.message, "dataset");
    if (error instanceof StorageFull) throw new InsufficientStorage(error.message, "file");
    if (error instanceof DatabaseBusy) throw new Busy(error.message, "dataset");
    throw error;
  }
}
