import { handler, json, parseQuery } from "@/lib/api/respond";
import { listPowerPrices } from "@/lib/services/reference";
import { PowerPricesQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  const prices = await listPowerPrices(parseQuery(PowerPricesQuery, request));
  return json({ count: prices.length, prices });
});
