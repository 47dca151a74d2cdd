// What a service refuses, in the domain's words. Services know nothing of HTTP: lib/api/errors.ts
// gives each kind its status code, and a CLI its exit code.

export type DomainErrorKind = "not-found" | "invalid-input" | "conflict" | "unprocessable" | "stored-data" | "insufficient-storage" | "busy";

/** A refusal a caller can act on: `field` names the input at fault (a dotted path such as shutdown.1). */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** What the input names does not exist (a dataset, a month of it, a country). */
export class NotFound extends DomainError {
  readonly kind = "not-found";
}

/** The input is malformed or names something of the wrong kind. */
export class InvalidInput extends DomainError {
  readonly kind = "invalid-input";
}

/** The input contradicts what is stored (e.g. a dataset slug that holds another kind). */
export class Conflict extends DomainError {
  readonly kind = "conflict";
}

/** The input is well formed but the data cannot answer it (e.g. no network hashrate for the month). */
export class Unprocessable extends DomainError {
  readonly kind = "unprocessable";
}

/**
 * What is stored breaks the answer (a value outside its physical range, written before the limits of
 * lib/validation/limits.ts were checked, or by hand): the data is at fault, not the request. The
 * message names the dataset and what is wrong; re-importing the dataset repairs it.
 */
export class StoredDataInvalid extends DomainError {
  readonly kind = "stored-data";
}

/** The write could not be stored (the disk holding the database is full); nothing was written. */
export class InsufficientStorage extends DomainError {
  readonly kind = "insufficient-storage";
}

/** Another write holds the database longer than a request may wait; trying again shortly succeeds. */
export class Busy extends DomainError {
  readonly kind = "busy";
}
