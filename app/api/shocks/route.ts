import { handler, jsonText, parseQuery } from "@/lib/api/respond";
import { cachedJson } from "@/lib/api/response-cache";
import { getShocks } from "@/lib/services/metrics";
import { ShocksQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const query = parseQuery(ShocksQuery, request);
  return jsonText(await cachedJson(`shocks:${JSON.stringify(query)}`, () => getShocks(query)));
});
