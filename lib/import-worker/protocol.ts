import { ImportFormatError } from "../io/import";
import { DataValidationError, type RowIssue } from "../io/issues";
import { MetricsError } from "../metrics/errors";
import { Busy, Conflict, DomainError, type DomainErrorKind, InsufficientStorage, InvalidInput, NotFound, Unprocessable } from "../services/errors";
import type { ImportOutcome, ImportRequest } from "../services/import";

// The messages between the request thread and the import worker. A thrown error loses its class on
// the way (structured clone keeps only message and stack), so a refusal travels as data and is
// rebuilt on the request side as the very class the route and lib/api/errors.ts already map:
// the HTTP answers are those of the import run in-thread. Both ends are this module in the same
// build, so messages are trusted and not re-validated (which would cost the request thread time
// on a 200 000-issue refusal).

/** An import as the worker runs it: `beforeWrite` is a function, which cannot cross threads. */
export type WorkerImport = Omit<ImportRequest, "beforeWrite">;

export type ImportJob = { id: number; request: WorkerImport };

export type SerializedError =
  | { type: "data-validation"; issues: RowIssue[] }
  | { type: "import-format"; status: ImportFormatError["status"]; message: string; field: string }
  | { type: "domain"; kind: DomainErrorKind; message: string; field?: string }
  | { type: "metrics"; code: MetricsError["code"]; message: string; field?: string }
  | { type: "unexpected"; name: string; message: string; stack?: string }
  /** Not from the worker: the pool's word that the worker stopped before it answered. */
  | { type: "interrupted"; message: string };

export type ImportAnswer = { ok: true; outcome: ImportOutcome } | { ok: false; error: SerializedError };
export type ImportReply = ImportAnswer & { id: number };

/**
 * The worker thread running an import stopped before it answered (out of memory, a crash, or the
 * server closing it). Not a refusal of the input: the route answers 500 with this message.
 */
export class ImportInterrupted extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportInterrupted";
  }
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof DataValidationError) return { type: "data-validation", issues: error.issues };
  if (error instanceof ImportFormatError) return { type: "import-format", status: error.status, message: error.message, field: error.field };
  if (error instanceof DomainError) return { type: "domain", kind: error.kind, message: error.message, ...(error.field ? { field: error.field } : {}) };
  if (error instanceof MetricsError) return { type: "metrics", code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  if (error instanceof Error) return { type: "unexpected", name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { type: "unexpected", name: "Error", message: String(error) };
}

const DOMAIN_ERRORS: Record<DomainErrorKind, new (message: string, field?: string) => DomainError> = {
  "not-found": NotFound,
  "invalid-input": InvalidInput,
  conflict: Conflict,
  unprocessable: Unprocessable,
  "insufficient-storage": InsufficientStorage,
  busy: Busy,
};

/** The error the import would have thrown in this thread. An unexpected one keeps the worker's stack, for the log of the 500. */
export function reviveError(error: SerializedError): Error {
  switch (error.type) {
    case "data-validation":
      return new DataValidationError(error.issues);
    case "import-format":
      return new ImportFormatError(error.status, error.message, error.field);
    case "domain":
      return new DOMAIN_ERRORS[error.kind](error.message, error.field);
    case "metrics":
      return new MetricsError(error.code, error.message, error.field);
    case "unexpected": {
      const revived = new Error(`${error.message} (in the import worker)`);
      revived.name = error.name;
      if (error.stack) revived.stack = error.stack;
      return revived;
    }
    case "interrupted":
      return new ImportInterrupted(error.message);
  }
}
