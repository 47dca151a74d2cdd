import { handler, jsonText, parseQuery } from "@/lib/api/respond";
import { cachedJson } from "@/lib/api/response-cache";
import { siteClusters } from "@/lib/services/sites";
import { SiteClustersQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const query = parseQuery(SiteClustersQuery, request);
  return jsonText(await cachedJson(`site-clusters:${JSON.stringify(query)}`, () => siteClusters(query)));
});
