import { z } from "zod";

/** A dataset's slug, as /api/datasets lists it: how every request names a dataset. */
export const DATASET_SLUG = /^[a-z0-9][a-z0-9-]{1,63}$/;

export const datasetSlugParam = z
  .string()
  .regex(DATASET_SLUG, "must be a dataset slug such as cbeci-monthly (lowercase letters, digits, dashes)")
  .describe("Dataset slug, as listed by /api/datasets");
