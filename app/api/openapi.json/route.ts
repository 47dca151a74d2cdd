import { openApiDocument } from "@/lib/api/openapi";
import { handler, json } from "@/lib/api/respond";

export const dynamic = "force-dynamic";

export const GET = handler(() => json(openApiDocument()));
