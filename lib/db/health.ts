import fs from "node:fs";
import { env } from "../env";
import { describeLocation } from "./location";
import { migrationStatus } from "./migration-status";
import { postgresHealth } from "./postgres/status";
import { openSqlite } from "./sqlite";
import { COUNTED_TABLES } from "./tables";

export { COUNTED_TABLES };

export type Health = {
  status: "ok" | "degraded" | "down";
  database: {
    reachable: boolean;
    /** The SQLite file, or the PostgreSQL URL without its password. */
    file: string;
    /** SQLite's journal mode (wal); null on PostgreSQL, which has none. */
    journalMode: string | null;
    migrations: { applied: string[]; pending: string[]; failed: string[] } | null;
    counts: Record<string, number> | null;
    error?: string;
  };
};

const messageOf = (error: unknown) => String(error instanceof Error ? error.message : error);

function down(file: string, error: string): Health {
  return { status: "down", database: { reachable: false, file, journalMode: null, migrations: null, counts: null, error } };
}

/**
 * Checks the database with a connection of its own, so a broken Prisma client (or pool) cannot hide a
 * fault: ok when it is reachable, fully migrated and (SQLite) in WAL mode. PostgreSQL that is down or
 * stuck is "down" within lib/db/postgres/status.ts HEALTH_TIMEOUT_MS.
 */
export async function checkHealth(): Promise<Health> {
  const location = env().database;
  if (location.provider === "postgresql") {
    const where = describeLocation(location);
    try {
      const { migrations, counts } = await postgresHealth(location.url);
      const healthy = migrations.pending.length === 0 && migrations.failed.length === 0;
      return { status: healthy ? "ok" : "degraded", database: { reachable: true, file: where, journalMode: null, migrations, counts } };
    } catch (error) {
      return down(where, messageOf(error));
    }
  }
  const file = location.path;
  if (!fs.existsSync(file)) return down(file, "database file does not exist");
  let db: ReturnType<typeof openSqlite> | undefined;
  try {
    db = openSqlite(file, { readonly: true });
    const journalMode = String(db.pragma("journal_mode", { simple: true }));
    const migrations = migrationStatus(file);
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const row = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${table}"`).get();
      counts[table] = row?.n ?? 0;
    }
    const healthy = journalMode === "wal" && migrations.pending.length === 0 && migrations.failed.length === 0;
    return { status: healthy ? "ok" : "degraded", database: { reachable: true, file, journalMode, migrations, counts } };
  } catch (error) {
    return down(file, messageOf(error));
  } finally {
    db?.close();
  }
}
