import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

// Migration status without the schema engine: cheap enough for every /api/health call, and free of
// the engine's wasm so that the Next server bundle does not pull it in.

/** Each provider's history, resolved against the working directory: scripts, tests and `next start` all run from the repo root. */
export const MIGRATIONS_DIRS = {
  sqlite: path.resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations"),
  postgresql: path.resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations-postgresql"),
} as const;
/** /api/health must answer quickly even while a migration holds the database lock. */
const STATUS_BUSY_TIMEOUT_MS = 1_000;

/** A row of `_prisma_migrations` not rolled back: finished is 0/1 on SQLite, a boolean on PostgreSQL. */
export type MigrationRow = { name: string; finished: unknown };

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
  const rows: MigrationRow[] = [];
  if (fs.existsSync(/*turbopackIgnore: true*/ dbPath)) {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: STATUS_BUSY_TIMEOUT_MS });
    try {
      const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
      if (hasTable) {
        rows.push(
          ...db
            .prepare<[], MigrationRow>(
              `SELECT migration_name AS name, finished_at IS NOT NULL AS finished FROM _prisma_migrations
               WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
            )
            .all(),
        );
      }
    } finally {
      db.close();
    }
  }

  return statusOf(rows, listMigrationNames(options.migrationsDir ?? MIGRATIONS_DIRS.sqlite));
}

/** The status from the history's rows (oldest first) and the migrations on disk; the same rule for both providers. */
export function statusOf(rows: readonly MigrationRow[], onDisk: readonly string[]): MigrationStatus {
  const applied: string[] = [];
  const failed: string[] = [];
  for (const row of rows) (row.finished ? applied : failed).push(row.name);
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
