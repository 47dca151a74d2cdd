import { parseJson, readJsonBody } from "@/lib/api/body";
import { riskRateLimit } from "@/lib/api/rate-limit";
import { handler, jsonText, parseQuery } from "@/lib/api/respond";
import { cachedJson } from "@/lib/api/response-cache";
import { RiskBody } from "@/lib/risk/schema";
import { runRisk } from "@/lib/services/risk";
import { RiskQuery, riskRequestOfQuery } from "@/lib/validation/risk";

export const dynamic = "force-dynamic";

/** 500 events of ~60 bytes each fit with room to spare. */
const MAX_BODY_BYTES = 64 * 1024;

// As POST /api/simulate: an answer depends only on the request and the data version, so a repeated
// request (a shared link, the dashboard's Risk view reopened) is computed once per data version,
// keyed by the body's exact text; a body that fails validation is never cached.
export const POST = handler(async (request) => {
  const limited = riskRateLimit(request);
  if (limited) return limited;
  const text = await readJsonBody(request, MAX_BODY_BYTES);
  return jsonText(await cachedJson(`risk:${text}`, () => runRisk(parseJson(RiskBody, text))));
});

// The same request in the query (the dashboard link's grammar): the same answer, byte for byte, and
// cacheable by a CDN. Keyed by the request as the body schema parsed it.
export const GET = handler(async (request) => {
  const limited = riskRateLimit(request);
  if (limited) return limited;
  const body = riskRequestOfQuery(parseQuery(RiskQuery, request));
  return jsonText(await cachedJson(`risk:${JSON.stringify(body)}`, () => runRisk(body)));
});
