import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

// Migration status without the schema engine: cheap enough for every /api/health call, and free of
// the engine's wasm so that the Next server bundle does not pull it in.

/** Resolved against the working directory: scripts, tests and `next start` all run from the repo root. */
const MIGRATIONS_DIR = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
/** /api/health must answer quickly even while a migration holds the database lock. */
const STATUS_BUSY_TIMEOUT_MS = 1_000;

export interface MigrationStatus {
  /** Migrations recorded as finished in `_prisma_migrations`, oldest first. */
  applied: string[];
  /** Migrations on disk that are not applied (failed ones included). */
  pending: string[];
  /** Migrations that started but did not finish; Prisma refuses to apply anything until they are resolved. */
  failed: string[];
}

/**
 * Cheap, read-only status for health checks: reads `_prisma_migrations` and lists the folder.
 * Never creates the database file.
 */
export function migrationStatus(dbPath: string, options: { migrationsDir?: string } = {}): MigrationStatus {
  const onDisk = listMigrationNames(options.migrationsDir ?? MIGRATIONS_DIR);
  const applied: string[] = [];
  const failed: string[] = [];

  if (fs.existsSync(/*turbopackIgnore: true*/ dbPath)) {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: STATUS_BUSY_TIMEOUT_MS });
    try {
      const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
      if (hasTable) {
        const rows = db
          .prepare(
            `SELECT migration_name AS name, finished_at IS NOT NULL AS finished FROM _prisma_migrations
             WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
          )
          .all() as { name: string; finished: number }[];
        for (const row of rows) (row.finished ? applied : failed).push(row.name);
      }
    } finally {
      db.close();
    }
  }

  const appliedSet = new Set(applied);
  return { applied, pending: onDisk.filter((name) => !appliedSet.has(name)), failed };
}

export function listMigrationNames(migrationsDir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(/*turbopackIgnore: true*/ migrationsDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}
