import type { z } from "zod";
import type { ExportDataset, ExportFormat, ExportMetadata, ExportWhat } from "../../validation/export";
import type { Column } from "./columns";

// What accompanies the rows of an export: file names, the notes, the citation and the metadata document.

export type Metadata = z.infer<typeof ExportMetadata>;
export type DatasetInfo = z.infer<typeof ExportDataset>;

/** An export as a file: its name, what it holds (the API layer maps that to a content type) and its bytes as they are written. */
export type ExportFile = { filename: string; kind: ExportFormat | "metadata"; body: ReadableStream<Uint8Array> };

/** Letters, digits, dot, dash and underscore only; runs of anything else become one dash. */
export function safeFilePart(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 80);
}

/** hashatlas-<what>-<dataset>-<period>[-<extra>] → { data: "….csv", metadata: "…-metadata.json" } */
export function exportFilenames(parts: { what: ExportWhat; dataset: string; period: string | null; extra?: string | null }, format: ExportFormat) {
  const base = ["hashatlas", parts.what, parts.dataset, parts.period, parts.extra]
    .filter((p): p is string => typeof p === "string" && p !== "")
    .map(safeFilePart)
    .filter(Boolean)
    .join("-");
  return { data: `${base}.${format}`, metadata: `${base}-metadata.json` };
}

/** "HashAtlas 0.1.0, series export (2026-11-30), from <titles>; cite the original sources listed." */
export function citation(version: string, what: ExportWhat, generatedAt: Date, datasets: readonly { title: string }[]): string {
  const titles = datasets.map((d) => d.title).join("; ") || "no dataset";
  return `HashAtlas ${version}, ${what} export (${generatedAt.toISOString().slice(0, 10)}), from ${titles}; cite the original sources listed.`;
}

const COMMON_NOTES = [
  "Shares are fractions 0–1; HHI is on 0–10 000.",
  "CSV: RFC 4180, UTF-8 without byte-order mark, CRLF line ends, header row = column names. Numbers are plain decimals in full precision (the shortest decimal that reads back as the same binary double; no exponent, no thousands separators); an empty cell is a missing value (null).",
  "CSV: a text cell that starts with =, +, -, @, a tab or a carriage return (or a fullwidth ＝, ＋, －, ＠) gets a leading apostrophe (') so that spreadsheets do not run it as a formula; JSON rows carry the text unchanged.",
];

export const NOTES: Record<ExportWhat, readonly string[]> = {
  metrics: ["One row per period: the concentration metrics of /api/metrics (basis=estimate) for each month."],
  series: ["The rows of /api/metrics/series: one per period of the dataset."],
  shocks: [
    "The rows of /api/shocks for each period: every country with a non-zero share and every bloc, shut down in full and alone, biggest loss first. A bloc expands to its members.",
  ],
  distribution: [
    "One row per country with a share in each period; the unattributed share of a period is in what=metrics (unattributed_share).",
    "share is as the source gives it; share_normalised is the share of the total including the unattributed bucket, renormalised to sum to 1 (CBECI's months sum to 99.99 % or so), which the metrics use.",
  ],
  sites: ["Every mining site (the rows of /api/sites); locations are approximate."],
  prices: ["Every power price (the rows of /api/power-prices), in USD/kWh; compare like with like by price type."],
  network: [
    "The answer of /api/network as one table in time order: a month row (record = month) then the retargets of that month (record = retarget), each with the dataset it comes from (source).",
    "Months and retargets are merged from every network and retargets dataset (the seeded ones, what npm run sync added, imports): where several hold the same month or height, a seeded dataset wins, then the oldest.",
  ],
  scenario: [
    "Shutdown model (HashAtlas methodology, docs/methodology.md#shock-model): the set S goes dark on day 0 and removes L = Σ_{c∈S} f_c · s_c at once; survivors renormalise. Retargets every 2016 blocks, factor clamped to 1/4 … 4. Optional migration: a fraction of the lost hashrate returns over the given days (linear) after the delay, spread over survivors in proportion to their share (proportional) or to share ÷ power price (cheap-power).",
    "The metadata's scenario object holds the simulation's summary (before / after / at the horizon, first retarget, recovery day).",
  ],
  risk: [
    "Jurisdiction risk (HashAtlas methodology, docs/methodology.md#jurisdiction-risk): each event happens independently with probability p within the horizon and takes the fraction f of its members' hashrate offline; the lost share is L = Σ_c s_c · offline_c, with offline_c = 1 − Π(1 − f_i) over the events that happened and include c. The unattributed share never goes offline.",
    "Rows: one per event (as used; with no events in the request, every country with a share and every bloc at its default probability — a heuristic from the recorded shocks, a starting point to change, never a forecast), then one per country with a share. expected_lost_share is each one's part of E[L]; each kind of row adds up to it.",
    "The metadata's risk object holds the figures: the method (exact enumeration, or seeded Monte Carlo with its draws, seed and standard errors), E[L], the quantiles of L, P(L > x), the chances of a majority and of a halt, the next retarget at the expected loss and at each quantile, the expected HHI after, and the histogram of L.",
  ],
  regions: [
    "The rows of /api/regions for one country and month (docs/methodology.md#regional-shares): one per region, largest share of the country first, then the remainder (unlocated sites, or what the source names no region for).",
    "basis sites: a region's operating sites (EH/s where stated, else MW ÷ the efficiency) over the country's sited total; basis published: one source's estimate, never two mixed, with the source's own figures beside the share used. share_of_network = country_share × share_of_country.",
    "The metadata's regions object holds the basis, the coverage (what share of the country's hashrate its sites account for), the country's share and its source, the sites' sums, the estimate used and the other published estimates.",
  ],
};

export function buildMetadata(input: {
  what: ExportWhat;
  version: string;
  generatedAt: Date;
  query: Metadata["query"];
  files: { data: string; metadata: string };
  columns: readonly Column[];
  rowCount: number;
  datasets: readonly DatasetInfo[];
  scenario?: Record<string, unknown>;
  risk?: Record<string, unknown>;
  regions?: Record<string, unknown>;
}): Metadata {
  return {
    title: `HashAtlas export: ${input.what}`,
    what: input.what,
    app: { name: "hashatlas", version: input.version },
    generatedAt: input.generatedAt.toISOString(),
    query: input.query,
    files: input.files,
    rowCount: input.rowCount,
    columns: [...input.columns],
    datasets: [...input.datasets],
    notes: [...NOTES[input.what], ...COMMON_NOTES],
    citation: citation(input.version, input.what, input.generatedAt, input.datasets),
    ...(input.scenario ? { scenario: input.scenario } : {}),
    ...(input.risk ? { risk: input.risk } : {}),
    ...(input.regions ? { regions: input.regions } : {}),
  };
}
