import { handler, json, parseQuery } from "@/lib/api/respond";
import { shockEvents } from "@/lib/services/reference";
import { ShockEventsQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const { country } = parseQuery(ShockEventsQuery, request);
  return json({ events: await shockEvents(country) });
});
