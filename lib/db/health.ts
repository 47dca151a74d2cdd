import fs from "node:fs";
import { env } from "../env";
import { migrationStatus } from "./migration-status";
import { openSqlite } from "./sqlite";
import { COUNTED_TABLES } from "./tables";

export { COUNTED_TABLES };

export type Health = {
  status: "ok" | "degraded" | "down";
  database: {
    reachable: boolean;
    file: string;
    journalMode: string | null;
    migrations: { applied: string[]; pending: string[]; failed: string[] } | null;
    counts: Record<string, number> | null;
    error?: string;
  };
};

/** Checks the database with a read-only connection of its own, so a broken Prisma client cannot hide a fault. */
export function checkHealth(): Health {
  const file = env().databasePath;
  if (!fs.existsSync(file)) {
    return { status: "down", database: { reachable: false, file, journalMode: null, migrations: null, counts: null, error: "database file does not exist" } };
  }
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
    return {
      status: "down",
      database: { reachable: false, file, journalMode: null, migrations: null, counts: null, error: String(error instanceof Error ? error.message : error) },
    };
  } finally {
    db?.close();
  }
}
