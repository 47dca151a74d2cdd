/** Why a metric cannot be computed from its input; routes map these to 4xx answers. */
type MetricsErrorCode = "invalid-weight" | "duplicate-country" | "empty-distribution" | "invalid-fraction" | "invalid-parameter";

export class MetricsError extends Error {
  constructor(
    readonly code: MetricsErrorCode,
    message: string,
    /** The input field at fault, for the API's error body. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "MetricsError";
  }
}
