import { parseJsonBody } from "@/lib/api/body";
import { cachedJson } from "@/lib/api/metrics";
import { handler, jsonText } from "@/lib/api/respond";
import { runSimulation } from "@/lib/api/simulate";
import { SimulateBody } from "@/lib/validation/simulate";

export const dynamic = "force-dynamic";

/** A scenario body is a few hundred bytes; 64 KiB leaves room for long destination lists. */
const MAX_BODY_BYTES = 64 * 1024;

// A scenario's result depends only on its (validated) request and the data version: repeated
// scenarios — a shared link opened by many readers — are computed once per data version.
export const POST = handler(async (request) => {
  const body = await parseJsonBody(request, SimulateBody, MAX_BODY_BYTES);
  return jsonText(await cachedJson(`simulate:${JSON.stringify(body)}`, () => runSimulation(body)));
});
