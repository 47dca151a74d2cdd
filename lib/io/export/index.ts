// Export writers: the columns of every export with their definitions (columns.ts), rows built from
// already-loaded data (rows.ts), the CSV cells and records (csv.ts), the files written part by part
// (writers.ts) and the files' names and metadata (metadata.ts). Pure: no IO and no HTTP. The export
// service gathers the data and streams the file; the route (HTTP headers: lib/api/download.ts) and
// `npm run export` share it.

export { type Column, COLUMNS } from "./columns";
export { type Cell, csvCell, csvHeader, csvRows, jsonRows, plainNumber, type Row, safeText, toCsv } from "./csv";
export { buildMetadata, citation, type DatasetInfo, type ExportFile, exportFilenames, type Metadata, NOTES, safeFilePart } from "./metadata";
export { distributionRows, metricsRows, networkRows, priceRows, riskRows, scenarioRows, seriesRows, shockRows, siteRows } from "./rows";
export { regionRows } from "./regions";
export { csvWriter, type FileWriter, jsonWriter, metadataWriter } from "./writers";
