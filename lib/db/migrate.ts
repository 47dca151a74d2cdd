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
import { createRequire } from "node:module";
import path from "node:path";
import Database from "better-sqlite3";
import { listMigrationNames } from "./migration-status";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import type { MigrationDirectory, MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";

/** Resolved against the working directory: scripts, tests and `next` all run from the repo root. */
export const DEFAULT_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");
export const DEFAULT_SCHEMA_PATH = path.resolve(process.cwd(), "prisma", "schema.prisma");

const LOCKFILE_NAME = "migration_lock.toml";
const MIGRATION_FILE_NAME = "migration.sql";
/** better-sqlite3's default, made explicit: a lock held by the running app is waited for, not failed on. */
const BUSY_TIMEOUT_MS = 5_000;
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export { migrationStatus, type MigrationStatus } from "./migration-status";

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

/** An engine or adapter failure, with Prisma's error code (e.g. P3006, P3009) when there is one. */
export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(
    message: string,
    readonly code?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
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

// ---------------------------------------------------------------------------------------------------------
// Engine plumbing

type SchemaEngineClass = typeof SchemaEngine;
type WasmBindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let engineClass: Promise<SchemaEngineClass> | undefined;

/**
 * The package's entry point does `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20 cannot
 * load, so we do by hand what that entry does: instantiate the bytes and hand the exports to the JS glue.
 */
function loadSchemaEngine(): Promise<SchemaEngineClass> {
  engineClass ??= (async () => {
    installPanicRegistry();
    // The package's package.json is not exported, but the glue module is and sits next to the .wasm file.
    const glue = createRequire(path.join(process.cwd(), "package.json")).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings: WasmBindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = fs.readFileSync(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine;
  })().catch((error: unknown) => {
    engineClass = undefined;
    throw error;
  });
  return engineClass;
}

interface PanicRegistry {
  set_message(message: string): void;
}

/**
 * The engine's panic hook writes to `globalThis.PRISMA_WASM_PANIC_REGISTRY`, which the Prisma CLI
 * installs. Without it a panic dies with "Cannot read properties of undefined (reading 'set_message')";
 * with it, the panic message is printed before the wasm trap ("RuntimeError: unreachable"), which
 * escapes from a microtask and ends the process: promises cannot catch it.
 */
function installPanicRegistry(): void {
  const host = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
  host.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      process.stderr.write(`Prisma schema engine (wasm) panicked: ${message}\n`);
    },
  };
}

/**
 * Runs `fn` with an engine connected to `dbPath` (and an in-memory shadow database), then releases
 * every connection: the engine takes `locking_mode=EXCLUSIVE` on the main database while applying
 * migrations, so a connection left open would lock the app out until the process exits.
 */
async function withEngine<T>(dbPath: string, schemaFile: { path: string; content: string } | null, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const [SchemaEngineImpl, { PrismaBetterSqlite3 }, { bindMigrationAwareSqlAdapterFactory }] = await Promise.all([
    loadSchemaEngine(),
    import("@prisma/adapter-better-sqlite3"),
    import("@prisma/driver-adapter-utils"),
  ]);

  const opened: SqlDriverAdapter[] = [];
  const base = new PrismaBetterSqlite3({ url: dbPath, timeout: BUSY_TIMEOUT_MS }, { shadowDatabaseUrl: ":memory:" });
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => track(opened, guardAdapter(await base.connect(), { scriptFallback: false })),
    connectToShadowDb: async () => track(opened, guardAdapter(await base.connectToShadowDb(), { scriptFallback: true })),
  };
  const factory = bindMigrationAwareSqlAdapterFactory(tracked);

  let engine: SchemaEngine | undefined;
  try {
    const datamodels: [string, string][] | undefined = schemaFile ? [[schemaFile.path, schemaFile.content]] : undefined;
    // The engine logs every SQL statement at INFO; its errors carry everything we report, so drop the logs.
    engine = await SchemaEngineImpl.new({ datamodels }, () => {}, factory);
    return await fn(engine);
  } catch (error) {
    throw toMigrationError(error, factory.errorRegistry);
  } finally {
    engine?.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  }
}

function track(opened: SqlDriverAdapter[], adapter: SqlDriverAdapter): SqlDriverAdapter {
  opened.push(adapter);
  return adapter;
}

/**
 * Adapts the better-sqlite3 adapter to what this engine build accepts:
 *  - The engine replays migrations on the shadow database with a parameterless `executeRaw`, but
 *    better-sqlite3's `prepare` takes one statement only ("more than one statement", surfacing as P3006).
 *    Such calls are retried as a script; the affected-row count of a DDL script is irrelevant.
 *  - The adapter reports SQLITE_BUSY as error kind `SocketTimeout`, which the engine cannot deserialize
 *    ("unknown variant `SocketTimeout`"); rethrown as a plain Error it reaches us intact via the registry.
 * Delegating method by method (not via a prototype) keeps the adapter's private fields reachable.
 */
function guardAdapter(adapter: SqlDriverAdapter, { scriptFallback }: { scriptFallback: boolean }): SqlDriverAdapter {
  const guarded: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query: SqlQuery) => adapter.queryRaw(query).catch(rethrowBusy),
    executeRaw: async (query: SqlQuery) => {
      try {
        return await adapter.executeRaw(query);
      } catch (error) {
        if (!scriptFallback || query.args.length > 0 || !isMultiStatementError(error)) return rethrowBusy(error);
        await adapter.executeScript(query.sql).catch(rethrowBusy);
        return 0;
      }
    },
    executeScript: (script: string) => adapter.executeScript(script).catch(rethrowBusy),
    // The engine opens no transactions for SQLite migrations; passed through for completeness.
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel).catch(rethrowBusy),
    dispose: () => adapter.dispose(),
  };
  if (adapter.getConnectionInfo) guarded.getConnectionInfo = adapter.getConnectionInfo.bind(adapter);
  return guarded;
}

function isMultiStatementError(error: unknown): boolean {
  return error instanceof RangeError && error.message.includes("more than one statement");
}

function rethrowBusy(error: unknown): never {
  const cause = error instanceof Error && error.name === "DriverAdapterError" ? error.cause : undefined;
  if (typeof cause === "object" && cause !== null && "kind" in cause && cause.kind === "SocketTimeout") {
    const detail = "originalMessage" in cause && typeof cause.originalMessage === "string" ? cause.originalMessage : "SQLITE_BUSY";
    throw new Error(`${detail} (another connection held a lock on it for over ${BUSY_TIMEOUT_MS} ms)`, {
      cause: error,
    });
  }
  throw error;
}

/**
 * Engine errors are JS Errors with a Rust span trace appended and, mostly, a Prisma `code`. Adapter exceptions
 * reach the engine only as "External error id#N"; the real error lives in the adapter's registry.
 */
function toMigrationError(error: unknown, registry: { consumeError(id: number): { error: unknown } | undefined }): MigrationError {
  if (error instanceof MigrationError) return error;
  if (!(error instanceof Error)) return new MigrationError(String(error));

  let cause: unknown = error;
  // The span trace is the only place some errors (e.g. SQL failing in applyMigrations) name the migration.
  const migration = /migration_name="([^"]+)"/.exec(error.message)?.[1];
  let message = error.message
    .replace(/External error id#(\d+)/g, (match, id: string) => {
      const original = registry.consumeError(Number(id))?.error;
      if (original === undefined) return match;
      cause = original;
      return original instanceof Error ? original.message : JSON.stringify(original);
    })
    // Drop the span trace ("   0: sql_schema_connector::…  at …rs:352") that follows the message.
    .replace(/\n\s*0: [\s\S]*$/, "")
    .replace(/\s+$/, "");
  if (migration !== undefined && !message.includes(migration)) message = `Migration ${migration} failed: ${message}`;
  const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
  return new MigrationError(code ? `${code}: ${message}` : message, code, { cause });
}
