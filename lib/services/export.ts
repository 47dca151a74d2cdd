import { listDatasets } from "../db/datasets";
import {
  buildMetadata,
  COLUMNS,
  csvWriter,
  type DatasetInfo,
  type ExportFile,
  exportFilenames,
  type FileWriter,
  jsonWriter,
  metadataWriter,
} from "../io/export";
import type { ExportRequest, ExportWhat } from "../validation/export";
import { appVersion } from "../version";
import { distinct, gather } from "./export-gather";
import { NO_ROWS, type RowSource, streamFile, type StreamReport } from "./export-stream";

// GET /api/export and `npm run export`: one code path from a validated query to the file. Everything
// that can refuse the query (the dataset, the month, the scenario) is checked, and the first month's
// rows produced, before the file's first byte; the rest is written as it is read
// (lib/services/export-stream.ts).

/** Provenance of the datasets named, in the order given (each once). */
async function datasetInfo(slugs: readonly string[]): Promise<DatasetInfo[]> {
  const all = new Map((await listDatasets()).map((d) => [d.slug, d]));
  return distinct(slugs).flatMap((slug) => {
    const d = all.get(slug);
    return d
      ? [
          {
            slug: d.slug,
            kind: d.kind,
            title: d.title,
            publisher: d.publisher,
            url: d.url,
            licence: d.licence,
            retrievedAt: d.retrievedAt,
            method: d.method,
            caveats: d.caveats,
          },
        ]
      : [];
  });
}

/**
 * The export file for a validated query: CSV (RFC 4180, formula-safe), JSON `{ metadata, rows }`,
 * or with `metadata` only the metadata JSON. `now` stamps the metadata (tests pin it); `report` hears
 * how the file's stream ended (default: the server log).
 */
export async function exportData(q: ExportRequest, options: { now?: Date; report?: StreamReport } = {}): Promise<ExportFile> {
  const file = async (filename: string, kind: ExportFile["kind"], writer: FileWriter, rows: RowSource, rowCount?: number): Promise<ExportFile> => ({
    filename,
    kind,
    body: await streamFile(filename, writer, rows, { report: options.report, rows: rowCount }),
  });
  const what: ExportWhat = q.what;
  const gathered = await gather(q);
  const columns = COLUMNS[what];
  const files = exportFilenames({ what, ...gathered.file }, q.format);
  if (q.format === "csv" && !q.metadata) return file(files.data, "csv", csvWriter(columns), gathered.rows);
  const rowCount = await gathered.rows.count();
  const metadata = buildMetadata({
    what,
    version: appVersion(),
    generatedAt: options.now ?? new Date(),
    query: { ...gathered.query, format: q.format },
    files,
    columns,
    rowCount,
    datasets: await datasetInfo(await gathered.sources()),
    ...(gathered.scenario ? { scenario: gathered.scenario } : {}),
    ...(gathered.risk ? { risk: gathered.risk } : {}),
    ...(gathered.regions ? { regions: gathered.regions } : {}),
  });
  if (q.metadata) return file(files.metadata, "metadata", metadataWriter(metadata), NO_ROWS);
  return file(files.data, "json", jsonWriter(columns, metadata), gathered.rows, rowCount);
}
