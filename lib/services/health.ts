import { checkHealth, type Health } from "../db/health";
import { appVersion } from "../version";

/** Whether the database is reachable, in WAL mode and fully migrated, and which version answers. */
export function health(): Health & { version: string } {
  return { ...checkHealth(), version: appVersion() };
}
