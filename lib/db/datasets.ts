import { z } from "zod";
import { type DatasetKind, datasetKinds } from "../validation/vocabulary";
import { prisma } from "./client";
import { memo } from "./data-version";

const DatasetKindSchema = z.enum(datasetKinds);

export type DatasetSummary = {
  slug: string;
  kind: DatasetKind;
  title: string;
  publisher: string;
  url: string;
  licence: string;
  retrievedAt: string;
  method: string | null;
  caveats: string | null;
  origin: string;
  coverage: "network" | "partial";
  importedAt: string;
  rows: number;
  periods: string[];
};

export async function listDatasets(kind?: string): Promise<DatasetSummary[]> {
  const datasets = await prisma().dataset.findMany({
    where: kind ? { kind } : undefined,
    orderBy: [{ kind: "asc" }, { slug: "asc" }],
    include: {
      _count: {
        select: {
          shares: true,
          networkStats: true,
          retargets: true,
          powerPrices: true,
          sites: true,
          networkEvents: true,
          observations: true,
          regionalShares: true,
          blocs: true,
          shockEvents: true,
        },
      },
    },
  });
  // The months a dataset covers: its shares' months, or a network dataset's months.
  const [sharePeriods, networkPeriods] = await Promise.all([
    prisma().hashrateShare.groupBy({ by: ["datasetId", "period"], orderBy: [{ datasetId: "asc" }, { period: "asc" }] }),
    prisma().networkStat.findMany({ select: { datasetId: true, period: true }, orderBy: [{ datasetId: "asc" }, { period: "asc" }] }),
  ]);
  const periods = [...sharePeriods, ...networkPeriods];
  return datasets.map(({ _count, id, contentHash: _hash, ...d }) => ({
    slug: d.slug,
    kind: DatasetKindSchema.parse(d.kind),
    title: d.title,
    publisher: d.publisher,
    url: d.url,
    licence: d.licence,
    retrievedAt: d.retrievedAt,
    method: d.method,
    caveats: d.caveats,
    origin: d.origin,
    coverage: d.coverage === "partial" ? "partial" : "network",
    importedAt: d.importedAt,
    rows: Object.values(_count).reduce((a, b) => a + b, 0),
    periods: periods.filter((p) => p.datasetId === id).map((p) => p.period),
  }));
}

export type DatasetRef = {
  id: number;
  slug: string;
  kind: string;
  title: string;
  publisher: string;
  url: string;
  licence: string;
  method: string | null;
  retrievedAt: string;
};

/** The dataset with this slug (per data version: every metric and simulation request asks). */
export function findDataset(slug: string): Promise<DatasetRef | null> {
  return memo(`dataset:${slug}`, () =>
    prisma().dataset.findUnique({
      where: { slug },
      select: { id: true, slug: true, kind: true, title: true, publisher: true, url: true, licence: true, method: true, retrievedAt: true },
    }),
  );
}
