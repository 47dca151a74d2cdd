import { getShocks } from "@/lib/api/metrics";
import { handler, json, parseQuery } from "@/lib/api/respond";
import { ShocksQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => json(await getShocks(parseQuery(ShocksQuery, request))));
