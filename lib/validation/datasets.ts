import { z } from "zod";
import { cellText, httpUrl, isoDateSchema, nonEmptyText } from "./cells";
import { MAX_NOTE_CHARS, MAX_TITLE_CHARS } from "./limits";
import { datasetCoverages, datasetKinds } from "./vocabulary";

export const DatasetMetaSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "must be 2–64 lowercase letters, digits and dashes")
    .describe("Stable identifier of the dataset, used in URLs"),
  kind: z.enum(datasetKinds).describe("What the dataset holds"),
  title: cellText(MAX_TITLE_CHARS).trim().min(1, "is empty").describe("Human-readable title"),
  publisher: cellText(MAX_TITLE_CHARS).trim().min(1, "is empty").describe("Who published the underlying data"),
  url: httpUrl.describe("Where the data can be found"),
  licence: nonEmptyText.describe("Licence or required attribution"),
  retrievedAt: isoDateSchema.describe("When the data was retrieved (YYYY-MM-DD)"),
  method: cellText(MAX_NOTE_CHARS).nullable().default(null).describe("How the numbers were produced"),
  caveats: cellText(MAX_NOTE_CHARS).nullable().default(null).describe("Known limitations"),
  coverage: z
    .enum(datasetCoverages)
    .default("network")
    .describe("network: an estimate of the whole network; partial: of a sample only (kept out of the best estimate)"),
});

export type DatasetMeta = z.infer<typeof DatasetMetaSchema>;

export type Dataset = DatasetMeta & { id: number; origin: "seed" | "import" | "composite"; importedAt: string };
