import { type DatasetRef, type DatasetSummary, findDataset, listDatasets as readDatasets } from "../db/datasets";
import type { DatasetKind as Kind } from "../validation/vocabulary";
import { InvalidInput, NotFound } from "./errors";

// Dataset references: which dataset a request names, and that it holds what the request needs.

export const DEFAULT_SITES_DATASET = "mining-sites";

export type { DatasetRef, DatasetSummary };

/**
 * The dataset named by a request, which must exist (else NotFound) and be of `kind` (else
 * InvalidInput, worded by `wrongKind` from the kind it holds). Both name the field "dataset".
 */
export async function requireDataset(slug: string, kind: Kind, wrongKind: (held: string) => string): Promise<DatasetRef> {
  const dataset = await findDataset(slug);
  if (!dataset) throw new NotFound(`dataset "${slug}" does not exist (see /api/datasets)`, "dataset");
  if (dataset.kind !== kind) throw new InvalidInput(wrongKind(dataset.kind), "dataset");
  return dataset;
}

/** The dataset named by a request, which must exist and hold hashrate shares. */
export function requireSharesDataset(slug: string): Promise<DatasetRef> {
  return requireDataset(slug, "shares", (held) => `dataset "${slug}" holds ${held}, not hashrate shares`);
}

/** Every dataset (of one kind), with its provenance and the months it covers. */
export function listDatasets(kind?: Kind): Promise<DatasetSummary[]> {
  return readDatasets(kind);
}

/** The slugs of the datasets of one kind. */
export async function datasetSlugs(kind: Kind): Promise<string[]> {
  return (await readDatasets(kind)).map((d) => d.slug);
}
