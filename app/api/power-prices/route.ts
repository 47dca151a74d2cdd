import { handler, json, parseQuery } from "@/lib/api/respond";
import { listPowerPrices } from "@/lib/db/prices";
import { PowerPricesQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const filter = parseQuery(PowerPricesQuery, request);
  const prices = await listPowerPrices(filter);
  return json({ count: prices.length, prices });
});
