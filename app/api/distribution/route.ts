import { handler, json, parseQuery } from "@/lib/api/respond";
import { periodDistribution } from "@/lib/services/distribution";
import { DistributionQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const query = parseQuery(DistributionQuery, request);
  return json(await periodDistribution(query.dataset, query.period, query.network));
});
