import { handler, json } from "@/lib/api/respond";
import { health } from "@/lib/services/health";

export const dynamic = "force-dynamic";

/** 200 when the database is reachable, fully migrated and (SQLite) in WAL mode; 503 otherwise. */
export const GET = handler(async () => {
  const answer = await health();
  return json(answer, { status: answer.status === "ok" ? 200 : 503 });
});
