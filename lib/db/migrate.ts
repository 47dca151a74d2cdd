/**
 * Prisma migrations without the native schema engine.
 *
 * `prisma migrate dev/deploy` downloads a native engine binary, which this environment cannot do. Prisma
 * also ships its schema engine as WebAssembly (@prisma/schema-engine-wasm, the same engine hash as the
 * CLI); driven through the better-sqlite3 driver adapter it writes the same migration SQL and the same
 * `_prisma_migrations` rows as the CLI, so the two stay interchangeable.
 *
 * Plain Node module (no `server-only`): used by scripts/db-migrate.ts under tsx and by /api/health.
 * Everything heavy (wasm, driver adapter) is loaded lazily, so `migrationStatus` stays cheap.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { MigrationDirectory, MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { listMigrationNames } from "./migration-status";
import { MigrationError, withEngine } from "./schema-engine";
import { BUSY_TIMEOUT_MS } from "./sqlite";

/** Resolved against the working directory: scripts, tests and `next` all run from the repo root. */
export const DEFAULT_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");
export const DEFAULT_SCHEMA_PATH = path.resolve(process.cwd(), "prisma", "schema.prisma");

const LOCKFILE_NAME = "migration_lock.toml";
const MIGRATION_FILE_NAME = "migration.sql";
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export { migrationStatus, type MigrationStatus } from "./migration-status";
export { MigrationError } from "./schema-engine";

export interface MigrateOptions {
  /** Folder holding `<timestamp>_<name>/migration.sql`; defaults to the repo's prisma/migrations. */
  migrationsDir?: string;
}

export interface CreateMigrationOptions extends MigrateOptions {
  /** Target schema; defaults to the repo's prisma/schema.prisma. */
  schemaPath?: string;
}

export interface CreateMigrationResult {
  /** Folder name (`<YYYYMMDDHHMMSS>_<name>`) of the new migration, or null when the schema had no changes. */
  created: string | null;
  /** Data-loss warnings the engine raised for the new migration against the database it was diffed on. */
  warnings: string[];
}

/**
 * Creates the database file if needed, switches it to WAL, and applies every pending migration.
 * Idempotent: when nothing is pending it returns `applied: []` and changes nothing.
 */
export async function applyMigrations(dbPath: string, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  prepareDatabaseFile(dbPath);
  return withEngine(dbPath, null, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrationList(migrationsDir),
      filters: NO_FILTER,
    });
    return { applied: appliedMigrationNames };
  });
}

/**
 * Diffs the migration history against schema.prisma and writes `<timestamp>_<name>/migration.sql`
 * (plus migration_lock.toml). Writes nothing and returns `created: null` when there is no change.
 *
 * Without `dbPath` the engine works on a throwaway in-memory database. With `dbPath` it follows
 * `prisma migrate dev --create-only`: pending migrations are applied to that database first, drift
 * or edited migrations make it fail, and data-loss warnings refer to that database's contents.
 * The new migration itself is never applied here.
 */
export async function createMigration(name: string, dbPath?: string, options: CreateMigrationOptions = {}): Promise<CreateMigrationResult> {
  const migrationName = toMigrationName(name);
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const schemaPath = options.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const schemaFile = { path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") };
  const schema = { files: [schemaFile] };
  if (dbPath !== undefined) prepareDatabaseFile(dbPath);
  const target = dbPath ?? ":memory:";

  return withEngine(target, schemaFile, async (engine) => {
    const migrationsList = readMigrationList(migrationsDir);
    // The engine's diagnostics read `_prisma_migrations`, which only applyMigrations creates (else P1014).
    await engine.applyMigrations({ migrationsList, filters: NO_FILTER });

    const { action } = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
    if (action.tag === "reset") {
      throw new MigrationError(`The database at ${target} has drifted from the migration history and would need a reset: ${action.reason}`);
    }

    const dataLoss = await engine.evaluateDataLoss({ migrationsList, schema, filters: NO_FILTER });
    if (dataLoss.unexecutableSteps.length > 0) {
      const steps = dataLoss.unexecutableSteps.map((step) => step.message).join("; ");
      throw new MigrationError(`The migration could not be applied to ${target}: ${steps}`);
    }

    const output = await engine.createMigration({
      draft: false,
      migrationName,
      migrationsList,
      schema,
      filters: NO_FILTER,
    });
    const warnings = dataLoss.warnings.map((warning) => warning.message);
    if (output.migrationScript === null) return { created: null, warnings };

    const directory = path.join(migrationsDir, output.generatedMigrationName);
    // `wx` semantics for the folder: two migrations created in the same second must not overwrite each other.
    if (fs.existsSync(directory)) throw new MigrationError(`The migration directory already exists at ${directory}`);
    fs.mkdirSync(directory, { recursive: true });
    fs.writeFileSync(path.join(directory, `migration.${output.extension}`), output.migrationScript, "utf8");
    fs.writeFileSync(
      path.join(migrationsDir, LOCKFILE_NAME),
      "# Please do not edit this file manually\n" +
        "# It should be added in your version-control system (e.g., Git)\n" +
        `provider = "${output.connectorType}"\n`,
      "utf8",
    );
    return { created: output.generatedMigrationName, warnings };
  });
}

/** Same rule as the Prisma CLI (slugify with `_`, max 200 chars), so names look like `migrate dev` ones. */
export function toMigrationName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
  if (slug === "") throw new MigrationError(`Invalid migration name ${JSON.stringify(name)}: use letters, digits and _`);
  return slug;
}

function prepareDatabaseFile(dbPath: string): void {
  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new Database(dbPath, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL is persistent in the file, so setting it once here covers every later connection.
    const mode = db.pragma("journal_mode = WAL", { simple: true });
    if (mode !== "wal") throw new MigrationError(`Could not switch ${dbPath} to WAL (journal_mode is ${String(mode)})`);
  } finally {
    db.close();
  }
}

/** Mirrors how the Prisma CLI loads the folder: every subdirectory, sorted, with its migration.sql. */
function readMigrationList(migrationsDir: string): MigrationList {
  const lockPath = path.join(migrationsDir, LOCKFILE_NAME);
  const migrationDirectories: MigrationDirectory[] = listMigrationNames(migrationsDir).map((name) => {
    const file = path.join(migrationsDir, name, MIGRATION_FILE_NAME);
    let content: MigrationDirectory["migrationFile"]["content"];
    try {
      content = { tag: "ok", value: fs.readFileSync(file, "utf8") };
    } catch (error) {
      content = { tag: "error", value: error instanceof Error ? error.message : String(error) };
    }
    return { path: name, migrationFile: { path: MIGRATION_FILE_NAME, content } };
  });
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE_NAME, content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}
