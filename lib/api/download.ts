import { type ExportFile, safeFilePart } from "../io/export";

// An export file as an HTTP download: what it holds becomes a content type, its name the file name a
// browser saves it under.

export const CONTENT_TYPES: Record<ExportFile["kind"], string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  metadata: "application/json; charset=utf-8",
};

/** The headers of a download: its type, and the file name a browser saves it under. */
export function downloadHeaders(file: Pick<ExportFile, "filename" | "kind">): Record<string, string> {
  return {
    "content-type": CONTENT_TYPES[file.kind],
    "content-disposition": `attachment; filename="${safeFilePart(file.filename)}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
}
