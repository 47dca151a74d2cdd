import { getMetrics } from "@/lib/api/metrics";
import { handler, json, parseQuery } from "@/lib/api/respond";
import { MetricsQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => json(await getMetrics(parseQuery(MetricsQuery, request))));
