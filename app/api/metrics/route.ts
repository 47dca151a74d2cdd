import { handler, jsonText, parseQuery } from "@/lib/api/respond";
import { cachedJson } from "@/lib/api/response-cache";
import { getMetrics } from "@/lib/services/metrics";
import { MetricsQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const query = parseQuery(MetricsQuery, request);
  return jsonText(await cachedJson(`metrics:${JSON.stringify(query)}`, () => getMetrics(query)));
});
