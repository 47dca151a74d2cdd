import { checkHealth, type Health } from "../db/health";
import { appVersion } from "../version";

/** Whether the database is reachable, fully migrated and (SQLite) in WAL mode, and which version answers. */
export async function health(): Promise<Health & { version: string }> {
  return { ...(await checkHealth()), version: appVersion() };
}
