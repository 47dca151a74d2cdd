import { requireSharesDataset } from "@/lib/api/datasets";
import { handler, json, parseQuery } from "@/lib/api/respond";
import { listPeriods } from "@/lib/db/shares";
import { PeriodsQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const query = parseQuery(PeriodsQuery, request);
  const dataset = await requireSharesDataset(query.dataset);
  return json({ dataset: dataset.slug, periods: await listPeriods(dataset.id) });
});
