import { handler, json, parseQuery } from "@/lib/api/respond";
import { allShockEvents } from "@/lib/db/reference";
import { ShockEventsQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const { country } = parseQuery(ShockEventsQuery, request);
  const events = await allShockEvents();
  return json({ events: country ? events.filter((e) => e.countries.includes(country)) : events });
});
