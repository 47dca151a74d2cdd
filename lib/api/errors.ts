import { postgresUnreachable } from "../db/postgres/unreachable";
import { MetricsError } from "../metrics/errors";
import { DomainError, type DomainErrorKind } from "../services/errors";

// The one place where a refusal of the services (DomainError) or of the pure engine (MetricsError)
// becomes an HTTP status; neither knows about status codes.

const STATUS: Record<DomainErrorKind, number> = {
  "not-found": 404,
  "invalid-input": 400,
  conflict: 409,
  unprocessable: 422,
  // The stored data conflicts with the answer asked for: 409, like a dataset of the wrong kind.
  "stored-data": 409,
  "insufficient-storage": 507,
  busy: 503,
};

export type Refusal = { status: number; message: string; field?: string; retryAfterSeconds?: number };

/** A busy database frees up within a write's time; clients may try again after this long. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/** The answer to a refusal; null for anything else (a bug, which becomes a 500). */
export function refusalOf(error: unknown): Refusal | null {
  // PostgreSQL down or restarting: nothing is wrong with the request, and it succeeds again once the server is back.
  if (postgresUnreachable(error)) {
    return { status: 503, message: "the database cannot be reached; try again in a few seconds", retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS };
  }
  const field = error instanceof DomainError || error instanceof MetricsError ? error.field : undefined;
  const withField = field ? { field } : {};
  if (error instanceof DomainError) {
    return {
      status: STATUS[error.kind],
      message: error.message,
      ...withField,
      ...(error.kind === "busy" ? { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS } : {}),
    };
  }
  // Input the engine cannot compute on: a bad parameter is 400, data that cannot be measured 422.
  if (error instanceof MetricsError) {
    const status = error.code === "invalid-parameter" || error.code === "invalid-fraction" ? 400 : 422;
    return { status, message: error.message, ...withField };
  }
  return null;
}
