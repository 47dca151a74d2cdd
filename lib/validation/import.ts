import { z } from "zod";
import { httpUrl, isoDateSchema } from "./cells";
import { MAX_NOTE_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS } from "./limits";
import type { DatasetMeta } from "./datasets";
import { datasetCoverages } from "./vocabulary";

export const importKinds = ["shares", "sites", "prices"] as const;
export type ImportKind = (typeof importKinds)[number];

/** Query of POST /api/import: what the file is and the provenance of the dataset it creates or replaces. */
export const ImportQuery = z.object({
  kind: z.enum(importKinds).describe("shares (CBECI download, period,country,share|hashrate_eh CSV, or JSON), sites or prices (seed column layout)"),
  dataset: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "must be 2–64 lowercase letters, digits and dashes")
    .describe("Slug of the dataset to create or replace"),
  title: z.string().trim().min(1, "is empty: omit it to use the slug").max(MAX_TITLE_CHARS).optional().describe("Human-readable title (default: the slug)"),
  publisher: z.string().trim().min(1, "is required: who published the data").max(MAX_TITLE_CHARS).describe("Who published the data"),
  url: httpUrl.describe("Where the data comes from (http or https URL)"),
  licence: z.string().trim().min(1, "is required: the licence or attribution").max(MAX_TEXT_CHARS).describe("Licence or required attribution"),
  retrievedAt: isoDateSchema.optional().describe("When the data was retrieved, YYYY-MM-DD (default: today)"),
  method: z.string().trim().max(MAX_NOTE_CHARS).optional().describe("How the numbers were produced"),
  coverage: z
    .enum(datasetCoverages)
    .optional()
    .describe("shares only — network (default): an estimate of the whole network, which enters the best estimate; partial: of a sample only, kept out of it"),
  dryRun: z.enum(["0", "1"]).optional().describe("1: validate only, write nothing"),
});

export type ImportQueryInput = z.infer<typeof ImportQuery>;

/** The provenance record of the dataset an import creates or replaces. */
export function importMeta(q: ImportQueryInput): DatasetMeta {
  return {
    slug: q.dataset,
    kind: q.kind,
    title: q.title ?? q.dataset,
    publisher: q.publisher,
    url: q.url,
    licence: q.licence,
    retrievedAt: q.retrievedAt ?? new Date().toISOString().slice(0, 10),
    method: q.method ?? null,
    caveats: null,
    coverage: q.coverage ?? "network",
  };
}
