import { handler, jsonText, parseQuery } from "@/lib/api/respond";
import { cachedJson } from "@/lib/api/response-cache";
import { listSites } from "@/lib/services/sites";
import { SitesQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const query = parseQuery(SitesQuery, request);
  return jsonText(await cachedJson(`sites:${JSON.stringify(query)}`, () => listSites(query)));
});
