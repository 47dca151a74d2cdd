import { handler, jsonText, parseQuery } from "@/lib/api/respond";
import { cachedJson } from "@/lib/api/response-cache";
import { getSeries } from "@/lib/services/metrics";
import { SeriesQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const { dataset } = parseQuery(SeriesQuery, request);
  return jsonText(await cachedJson(`series:${dataset}`, () => getSeries(dataset)));
});
