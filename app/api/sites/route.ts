import { handler, json, parseQuery } from "@/lib/api/respond";
import { listSites } from "@/lib/db/sites";
import { SitesQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const filter = parseQuery(SitesQuery, request);
  const sites = await listSites(filter);
  return json({ count: sites.length, sites });
});
