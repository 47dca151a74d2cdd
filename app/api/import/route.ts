import { requireAdmin } from "@/lib/api/auth";
import { importRateLimit } from "@/lib/api/rate-limit";
import { ApiError, errorResponse, handler, json, parseQuery } from "@/lib/api/respond";
import { readUpload } from "@/lib/api/upload";
import { env } from "@/lib/env";
import { ImportFormatError } from "@/lib/io/import";
import { DataValidationError } from "@/lib/io/issues";
import { importDataset } from "@/lib/services/import";
import { ImportQuery } from "@/lib/validation/import";

export const dynamic = "force-dynamic";

const MAX_LISTED_ISSUES = 100;

/**
 * Import a file as a named dataset (created or replaced): parse → validate every row → write all
 * in one transaction. Any bad row means nothing is written and every problem is listed.
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
    outcome = importDataset({ query, file, databasePath: env().databasePath });
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
    throw error;
  }
  if ("dryRun" in outcome) return json(outcome);
  return json(outcome, { status: outcome.replaced ? 200 : 201 });
});
