/**
 * Prisma's schema engine as WebAssembly, driven through a driver adapter: better-sqlite3 for a SQLite file
 * (with an in-memory shadow database), PostgreSQL's (lib/db/postgres/engine-adapter.ts, with a shadow
 * database in the same cluster). Loads the wasm by hand, connects it, and turns its and the adapter's
 * failures into MigrationErrors. lib/db/migrate.ts is what uses it.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { DatabaseLocation } from "./location";
import { postgresEngineFactory } from "./postgres/engine-adapter";
import { BUSY_TIMEOUT_MS } from "./sqlite";

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
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": withUnrefTimers(bindings) });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine;
  })().catch((error: unknown) => {
    engineClass = undefined;
    throw error;
  });
  return engineClass;
}

/**
 * The engine's timers (e.g. the 10 s limit on taking PostgreSQL's migration advisory lock) are set through
 * the glue's setTimeout and never cleared, so each would keep a finished CLI alive for its full length.
 * Unref'd they do not; an engine call still waiting on one also waits on its database socket, which does.
 */
function withUnrefTimers(bindings: WasmBindings): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = {};
  for (const [name, value] of Object.entries(bindings)) {
    // The glue's body is `return setTimeout(callback, ms >>> 0)`: the same, unref'd.
    imports[name] = name.startsWith("__wbg_setTimeout_")
      ? (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref()
      : (value as WebAssembly.ImportValue);
  }
  return imports;
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
 * Runs `fn` with an engine connected to the database (and a shadow database), then releases every
 * connection: on SQLite the engine takes `locking_mode=EXCLUSIVE` on the main database while applying
 * migrations, so a connection left open would lock the app out until the process exits; on PostgreSQL a
 * pool left open would keep the process alive.
 */
export async function withEngine<T>(
  location: DatabaseLocation,
  schemaFile: { path: string; content: string } | null,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const [SchemaEngineImpl, { bindMigrationAwareSqlAdapterFactory }] = await Promise.all([loadSchemaEngine(), import("@prisma/driver-adapter-utils")]);

  const opened: SqlDriverAdapter[] = [];
  const keep = (adapter: SqlDriverAdapter) => track(opened, adapter);
  const factory = bindMigrationAwareSqlAdapterFactory(
    location.provider === "sqlite" ? await sqliteEngineFactory(location.path, keep) : await postgresEngineFactory(location.url, keep),
  );

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

async function sqliteEngineFactory(dbPath: string, keep: (adapter: SqlDriverAdapter) => SqlDriverAdapter): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  const base = new PrismaBetterSqlite3({ url: dbPath, timeout: BUSY_TIMEOUT_MS }, { shadowDatabaseUrl: ":memory:" });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => keep(guardAdapter(await base.connect(), { scriptFallback: false })),
    connectToShadowDb: async () => keep(guardAdapter(await base.connectToShadowDb(), { scriptFallback: true })),
  };
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
