import { handler, json, parseQuery } from "@/lib/api/respond";
import { backtests } from "@/lib/services/backtests";
import { BacktestsQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => {
  parseQuery(BacktestsQuery, request);
  return json(await backtests());
});
