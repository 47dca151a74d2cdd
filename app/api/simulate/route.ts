import { parseJson, readJsonBody } from "@/lib/api/body";
import { simulateRateLimit } from "@/lib/api/rate-limit";
import { handler, jsonText } from "@/lib/api/respond";
import { cachedJson } from "@/lib/api/response-cache";
import { runSimulation } from "@/lib/services/simulate";
import { SimulateBody } from "@/lib/validation/simulate";

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
