/**
 * Prisma migrations without the native schema engine.
 *
 * `prisma migrate dev/deploy` downloads a native engine binary, which this environment cannot do. Prisma
 * also ships its schema engine as WebAssembly (@prisma/schema-engine-wasm, the same engine hash as the
 * CLI); driven through a driver adapter (better-sqlite3, or pg for PostgreSQL) it writes the same
 * migration SQL and the same `_prisma_migrations` rows as the CLI, so the two stay interchangeable.
 *
 * Each provider has its own history with the same migration names: prisma/migrations (SQLite, from
 * prisma/schema.prisma) and prisma/migrations-postgresql (from prisma/postgresql/schema.prisma, which
 * scripts/generate-pg-schema.ts derives from the first). The database's URL picks the history.
 *
 * Plain Node module (no `server-only`): used by scripts/db-migrate.ts under tsx and by /api/health.
 * Everything heavy (wasm, driver adapter) is loaded lazily, so `migrationStatus` stays cheap.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { MigrationDirectory, MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { type DatabaseLocation, databaseLocation, describeLocation } from "./location";
import { listMigrationNames, MIGRATIONS_DIRS } from "./migration-status";
import { MigrationError, withEngine } from "./schema-engine";
import { BUSY_TIMEOUT_MS } from "./sqlite";

/** Resolved against the working directory: scripts, tests and `next` all run from the repo root. */
export const DEFAULT_MIGRATIONS_DIR = MIGRATIONS_DIRS.sqlite;
export const DEFAULT_SCHEMA_PATH = path.resolve(process.cwd(), "prisma", "schema.prisma");
export const DEFAULT_POSTGRES_MIGRATIONS_DIR = MIGRATIONS_DIRS.postgresql;
export const DEFAULT_POSTGRES_SCHEMA_PATH = path.resolve(process.cwd(), "prisma", "postgresql", "schema.prisma");

/** The repo's migration history and schema for a provider. */
export function defaultsFor(provider: DatabaseLocation["provider"]): { migrationsDir: string; schemaPath: string } {
  return provider === "sqlite"
    ? { migrationsDir: DEFAULT_MIGRATIONS_DIR, schemaPath: DEFAULT_SCHEMA_PATH }
    : { migrationsDir: DEFAULT_POSTGRES_MIGRATIONS_DIR, schemaPath: DEFAULT_POSTGRES_SCHEMA_PATH };
}

const LOCKFILE_NAME = "migration_lock.toml";
const MIGRATION_FILE_NAME = "migration.sql";
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export { migrationStatus, type MigrationStatus } from "./migration-status";
export { MigrationError } from "./schema-engine";

export interface MigrateOptions {
  /** Folder holding `<timestamp>_<name>/migration.sql`; defaults to the provider's folder in the repo. */
  migrationsDir?: string;
}

export interface CreateMigrationOptions extends MigrateOptions {
  /** Target schema; defaults to the provider's schema in the repo. */
  schemaPath?: string;
}

export interface CreateMigrationResult {
  /** Folder name (`<YYYYMMDDHHMMSS>_<name>`) of the new migration, or null when the schema had no changes. */
  created: string | null;
  /** Data-loss warnings the engine raised for the new migration against the database it was diffed on. */
  warnings: string[];
}

/**
 * Applies every pending migration of the database's provider: `target` is a DATABASE_URL (`file:…`,
 * `postgresql://…`), a SQLite file's path, or a DatabaseLocation. A SQLite file is created if needed and
 * switched to WAL; a PostgreSQL database must exist (the engine serialises concurrent runs with an
 * advisory lock). Idempotent: when nothing is pending it returns `applied: []` and changes nothing.
 */
export async function applyMigrations(target: string | DatabaseLocation, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const location = databaseLocation(target);
  const migrationsDir = options.migrationsDir ?? defaultsFor(location.provider).migrationsDir;
  if (location.provider === "sqlite") prepareDatabaseFile(location.path);
  return withEngine(location, null, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrationList(migrationsDir),
      filters: NO_FILTER,
    });
    return { applied: appliedMigrationNames };
  });
}

/**
 * Diffs the SQLite migration history against schema.prisma and writes `<timestamp>_<name>/migration.sql`
 * (plus migration_lock.toml). Writes nothing and returns `created: null` when there is no change.
 *
 * Without `dbPath` the engine works on a throwaway in-memory database. With `dbPath` it follows
 * `prisma migrate dev --create-only`: pending migrations are applied to that database first, drift
 * or edited migrations make it fail, and data-loss warnings refer to that database's contents.
 * The new migration itself is never applied here.
 */
export async function createMigration(name: string, dbPath?: string, options: CreateMigrationOptions = {}): Promise<CreateMigrationResult> {
  const migrationName = toMigrationName(name);
  if (dbPath !== undefined) prepareDatabaseFile(dbPath);
  return draftAndWrite({ provider: "sqlite", path: dbPath ?? ":memory:" }, migrationName, null, options);
}

/**
 * The same for PostgreSQL, under a name given in full (`<timestamp>_<name>`, the SQLite migration's, so
 * that both histories keep the same names): diffs prisma/migrations-postgresql against
 * prisma/postgresql/schema.prisma on the database at `url` (pending migrations are applied to it first; the
 * history is replayed on a shadow database in the same cluster). Use a scratch database. Always writes a
 * migration, empty if PostgreSQL needs no change, so that the names stay in step.
 */
export async function createPostgresMigration(directoryName: string, url: string, options: CreateMigrationOptions = {}): Promise<CreateMigrationResult> {
  if (!/^\d{14}_[a-z0-9_]+$/.test(directoryName)) throw new MigrationError(`Invalid migration directory name ${JSON.stringify(directoryName)}`);
  return draftAndWrite({ provider: "postgresql", url }, directoryName.replace(/^\d{14}_/, ""), directoryName, options);
}

async function draftAndWrite(
  location: DatabaseLocation,
  migrationName: string,
  directoryName: string | null,
  options: CreateMigrationOptions,
): Promise<CreateMigrationResult> {
  const defaults = defaultsFor(location.provider);
  const migrationsDir = options.migrationsDir ?? defaults.migrationsDir;
  const schemaPath = options.schemaPath ?? defaults.schemaPath;
  const schemaFile = { path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") };
  const schema = { files: [schemaFile] };
  const target = describeLocation(location);

  return withEngine(location, schemaFile, async (engine) => {
    const migrationsList = await catchUp(engine, migrationsDir, target);
    const dataLoss = await engine.evaluateDataLoss({ migrationsList, schema, filters: NO_FILTER });
    if (dataLoss.unexecutableSteps.length > 0) {
      const steps = dataLoss.unexecutableSteps.map((step) => step.message).join("; ");
      throw new MigrationError(`The migration could not be applied to ${target}: ${steps}`);
    }

    // A named migration (PostgreSQL's twin of a SQLite one) is a draft: written even when empty.
    const output = await engine.createMigration({ draft: directoryName !== null, migrationName, migrationsList, schema, filters: NO_FILTER });
    const warnings = dataLoss.warnings.map((warning) => warning.message);
    if (output.migrationScript === null) return { created: null, warnings };

    const created = directoryName ?? output.generatedMigrationName;
    const directory = path.join(migrationsDir, created);
    // `wx` semantics for the folder: two migrations created in the same second must not overwrite each other.
    if (fs.existsSync(directory)) throw new MigrationError(`The migration directory already exists at ${directory}`);
    fs.mkdirSync(directory, { recursive: true });
    fs.writeFileSync(path.join(directory, `migration.${output.extension}`), output.migrationScript, "utf8");
    fs.writeFileSync(path.join(migrationsDir, LOCKFILE_NAME), lockfile(output.connectorType), "utf8");
    return { created, warnings };
  });
}

/** Applies the history to the database and checks that it has not drifted from it; the history, read once. */
async function catchUp(engine: SchemaEngine, migrationsDir: string, target: string): Promise<MigrationList> {
  const migrationsList = readMigrationList(migrationsDir);
  // The engine's diagnostics read `_prisma_migrations`, which only applyMigrations creates (else P1014).
  await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
  const { action } = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
  if (action.tag === "reset") {
    throw new MigrationError(`The database at ${target} has drifted from the migration history and would need a reset: ${action.reason}`);
  }
  return migrationsList;
}

/**
 * The SQL that would take the database at `target`, as it is, to the provider's schema
 * (prisma/schema.prisma or prisma/postgresql/schema.prisma, or `schemaPath`): "" when they agree.
 * Reads the database only; apply the migrations first to check that a history yields the schema.
 */
export async function schemaDrift(target: string | DatabaseLocation, options: { schemaPath?: string } = {}): Promise<string> {
  const location = databaseLocation(target);
  const schemaPath = options.schemaPath ?? defaultsFor(location.provider).schemaPath;
  const schemaFile = { path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") };
  return withEngine(location, schemaFile, async (engine) => {
    const { exitCode, stdout } = await engine.diff({
      from: { tag: "schemaDatasource", files: [schemaFile], configDir: path.dirname(schemaPath) },
      to: { tag: "schemaDatamodel", files: [schemaFile] },
      script: true,
      // 2 when there is a difference; the script of an empty one is a comment, not "".
      exitCode: true,
      filters: NO_FILTER,
    });
    return exitCode === 0 ? "" : (stdout ?? "(the engine gave no script)");
  });
}

function lockfile(provider: string): string {
  return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;
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
