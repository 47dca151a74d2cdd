import { handler, json } from "@/lib/api/respond";
import { health } from "@/lib/services/health";

export const dynamic = "force-dynamic";

/** 200 when the database is reachable, in WAL mode and fully migrated; 503 otherwise. */
export const GET = handler(() => {
  const answer = health();
  return json(answer, { status: answer.status === "ok" ? 200 : 503 });
});
