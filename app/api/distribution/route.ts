import { requireSharesDataset } from "@/lib/api/datasets";
import { ApiError, handler, json, parseQuery } from "@/lib/api/respond";
import { listPeriods, loadDistribution } from "@/lib/db/shares";
import { DistributionQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const query = parseQuery(DistributionQuery, request);
  const dataset = await requireSharesDataset(query.dataset);
  const periods = await listPeriods(dataset.id);
  const period = query.period ?? periods.at(-1);
  const distribution = period ? await loadDistribution(dataset, period) : null;
  if (!period || !distribution) {
    const range = periods.length ? ` (it has ${periods.length} periods, ${periods[0]} … ${periods.at(-1)})` : "";
    throw new ApiError(404, `dataset "${dataset.slug}" has no data for period ${query.period ?? "(none)"}${range}`, "period");
  }
  return json(distribution);
});
