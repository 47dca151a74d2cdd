import { downloadHeaders } from "@/lib/api/download";
import { handler, parseQuery } from "@/lib/api/respond";
import { exportData } from "@/lib/services/export";
import { ExportQuery, exportRequestOf } from "@/lib/validation/export";

export const dynamic = "force-dynamic";

/** Every number the app shows, as a CSV or JSON download with its definitions and sources. */
export const GET = handler(async (request) => {
  const file = await exportData(exportRequestOf(parseQuery(ExportQuery, request)));
  return new Response(file.body, { status: 200, headers: downloadHeaders(file) });
});
