import "server-only";
import { findDataset } from "../db/datasets";
import { ApiError } from "./respond";

/** The dataset named by a request, which must exist and hold hashrate shares. */
export async function requireSharesDataset(slug: string) {
  const dataset = await findDataset(slug);
  if (!dataset) throw new ApiError(404, `dataset "${slug}" does not exist (see /api/datasets)`, "dataset");
  if (dataset.kind !== "shares") throw new ApiError(400, `dataset "${slug}" holds ${dataset.kind}, not hashrate shares`, "dataset");
  return dataset;
}
