import { handler, json, parseQuery } from "@/lib/api/respond";
import { listDatasets } from "@/lib/services/datasets";
import { DatasetsQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const { kind } = parseQuery(DatasetsQuery, request);
  return json({ datasets: await listDatasets(kind) });
});
