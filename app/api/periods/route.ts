import { handler, json, parseQuery } from "@/lib/api/respond";
import { sharesPeriods } from "@/lib/services/distribution";
import { PeriodsQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const query = parseQuery(PeriodsQuery, request);
  return json(await sharesPeriods(query.dataset));
});
