import { requireAdmin } from "@/lib/api/auth";
import { importRateLimit } from "@/lib/api/rate-limit";
import { ApiError, errorResponse, handler, json, parseQuery } from "@/lib/api/respond";
import { readUpload } from "@/lib/api/upload";
import { env } from "@/lib/env";
import { ImportInterrupted, importOffThread } from "@/lib/import-worker";
import { ImportFormatError } from "@/lib/io/import";
import { DataValidationError } from "@/lib/io/issues";
import { ImportQuery } from "@/lib/validation/import";

export const dynamic = "force-dynamic";

const MAX_LISTED_ISSUES = 100;

/**
 * Import a file as a named dataset (created or replaced): parse → validate every row → write all
 * in one transaction. Any bad row means nothing is written and every problem is listed. The work
 * runs in the import worker thread, so other requests are answered meanwhile.
 */
export const POST = handler(async (request) => {
  // Before authentication, so that guesses at the admin token are limited too.
  const limited = importRateLimit(request);
  if (limited) return limited;
  requireAdmin(request);
  const query = parseQuery(ImportQuery, request);
  const file = await readUpload(request, env().HASHATLAS_MAX_UPLOAD_BYTES);
  let outcome;
  try {
    outcome = await importOffThread({ query, file, database: env().database });
  } catch (error) {
    if (error instanceof DataValidationError) {
      const issues = error.issues.slice(0, MAX_LISTED_ISSUES).map((i) => ({ field: i.column, line: i.line, column: i.column, message: i.message }));
      const count = error.issues.length;
      return errorResponse(
        422,
        `${count} problem${count === 1 ? "" : "s"} in ${file.name}; nothing was written. First: ${error.message}`,
        "file",
        issues,
        count,
      );
    }
    if (error instanceof ImportFormatError) throw new ApiError(error.status, error.message, error.field);
    // The server's fault, not the file's: a 500 that says what happened rather than "internal error".
    if (error instanceof ImportInterrupted) throw new ApiError(500, error.message, "file");
    throw error;
  }
  if ("dryRun" in outcome) return json(outcome);
  return json(outcome, { status: outcome.replaced ? 200 : 201 });
});
