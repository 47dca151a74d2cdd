import { getSeries } from "@/lib/api/metrics";
import { handler, json, parseQuery } from "@/lib/api/respond";
import { SeriesQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

export const GET = handler(async (request) => json(await getSeries(parseQuery(SeriesQuery, request).dataset)));
