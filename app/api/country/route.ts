import { handler, json, parseQuery } from "@/lib/api/respond";
import { countryDetails } from "@/lib/services/reference";
import { CountryQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

/** Everything the country panel shows: history in a dataset, sites, prices, bloc memberships. */
export const GET = handler(async (request) => {
  const query = parseQuery(CountryQuery, request);
  return json(await countryDetails(query.iso2, query.dataset));
});
