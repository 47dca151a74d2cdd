import { handler, json, parseQuery } from "@/lib/api/respond";
import { countryRegions } from "@/lib/services/regions";
import { RegionsQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

/** A country's regions and their shares of it and of the network, on the sites or the published basis. */
export const GET = handler(async (request) => {
  const query = parseQuery(RegionsQuery, request);
  return json(await countryRegions(query));
});
