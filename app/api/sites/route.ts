import { handler, json, parseQuery } from "@/lib/api/respond";
import { listSites } from "@/lib/services/reference";
import { SitesQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const sites = await listSites(parseQuery(SitesQuery, request));
  return json({ count: sites.length, sites });
});
