import { parseJsonBody } from "@/lib/api/body";
import { handler, json } from "@/lib/api/respond";
import { runSimulation } from "@/lib/api/simulate";
import { SimulateBody } from "@/lib/validation/simulate";

export const dynamic = "force-dynamic";

/** A scenario body is a few hundred bytes; 64 KiB leaves room for long destination lists. */
const MAX_BODY_BYTES = 64 * 1024;

export const POST = handler(async (request) => json(await runSimulation(await parseJsonBody(request, SimulateBody, MAX_BODY_BYTES))));
