import { parseJson, readJsonBody } from "@/lib/api/body";
import { simulateRateLimit } from "@/lib/api/rate-limit";
import { handler, jsonText, parseQuery } from "@/lib/api/respond";
import { cachedJson } from "@/lib/api/response-cache";
import { runSimulation } from "@/lib/services/simulate";
import { scenarioOfQuery, SimulateBody, SimulateQuery } from "@/lib/validation/simulate";

export const dynamic = "force-dynamic";

/** A scenario body is a few hundred bytes; 64 KiB leaves room for long destination lists. */
const MAX_BODY_BYTES = 64 * 1024;

// A scenario's result depends only on its request and the data version: repeated scenarios — a
// shared link opened by many readers — are computed once per data version. The key is the body's
// exact text, so a repeat skips parsing and validation too; a body that fails validation is never
// cached (its 400 is worked out again each time).
export const POST = handler(async (request) => {
  // Before the cache: a repeated scenario answered from it counts against the client all the same.
  const limited = simulateRateLimit(request);
  if (limited) return limited;
  const text = await readJsonBody(request, MAX_BODY_BYTES);
  return jsonText(await cachedJson(`simulate:${text}`, () => runSimulation(parseJson(SimulateBody, text))));
});

// The same scenario in the query (the dashboard link's grammar): the same answer, byte for byte, and
// cacheable by a CDN (the server's front gives it an ETag). Keyed by the scenario as the body schema
// parsed it, so a POST of that exact JSON shares the entry.
export const GET = handler(async (request) => {
  const limited = simulateRateLimit(request);
  if (limited) return limited;
  const scenario = scenarioOfQuery(parseQuery(SimulateQuery, request));
  return jsonText(await cachedJson(`simulate:${JSON.stringify(scenario)}`, () => runSimulation(scenario)));
});
