import type { ImportOutcome } from "../services/import";
import { ImportWorkerPool } from "./pool";
import { reviveError, type WorkerImport } from "./protocol";

// Imports off the request thread. POST /api/import calls importOffThread: the service
// importDataset (lib/services/import.ts) — parse, validate every row, write in one transaction —
// runs in a worker thread, so a 200 000-row file no longer stops the server from answering every
// other request for seconds. `npm run import` calls the service directly: it has no other requests.

export { ImportInterrupted } from "./protocol";
export type { WorkerImport } from "./protocol";

// One pool per process, kept across module reloads (next dev, vitest's resetModules) so that a
// reload never leaves a second worker behind.
const holder = globalThis as typeof globalThis & { __hashatlasImportWorker?: ImportWorkerPool };

/**
 * importDataset in the import worker: the same outcome, or the same error class it would have
 * thrown here (DataValidationError, ImportFormatError, Conflict, InsufficientStorage, Busy…), or
 * ImportInterrupted if the worker stopped first. The upload's bytes are moved, not copied.
 */
export async function importOffThread(request: WorkerImport): Promise<ImportOutcome> {
  holder.__hashatlasImportWorker ??= new ImportWorkerPool();
  const answer = await holder.__hashatlasImportWorker.run(request);
  // Revived here, not in the pool: after a module reload the classes the route checks are this module's.
  if (!answer.ok) throw reviveError(answer.error);
  return answer.outcome;
}

/** Stop the import worker (tests; it is unref'd while idle, so a process may also just exit). */
export async function closeImportWorker(): Promise<void> {
  const pool = holder.__hashatlasImportWorker;
  holder.__hashatlasImportWorker = undefined;
  await pool?.close();
}
