import { checkHealth } from "@/lib/db/health";
import { handler, json } from "@/lib/api/respond";
import { appVersion } from "@/lib/version";

export const dynamic = "force-dynamic";

/** 200 when the database is reachable, in WAL mode and fully migrated; 503 otherwise. */
export const GET = handler(() => {
  const health = checkHealth();
  return json({ ...health, version: appVersion() }, { status: health.status === "ok" ? 200 : 503 });
});
