import { handler, jsonText, parseQuery } from "@/lib/api/respond";
import { cachedJson } from "@/lib/api/response-cache";
import { networkFigures } from "@/lib/services/network";
import { NetworkQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const query = parseQuery(NetworkQuery, request);
  return jsonText(await cachedJson(`network:${JSON.stringify(query)}`, () => networkFigures(query)));
});
