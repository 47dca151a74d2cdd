/**
 * The driver adapter the WebAssembly schema engine gets for PostgreSQL (lib/db/schema-engine.ts): Prisma's
 * own `@prisma/adapter-pg`, with two things of 7.10's done differently for the engine's sake:
 *
 * - The engine reads the catalog to describe a schema (pg_class.relkind, pg_constraint.contype…), whose
 *   one-byte `"char"` columns (OID 18) the adapter refuses ("Column type 'char' could not be deserialized
 *   from the database"). Our connections label such columns text; pg has already read them as strings.
 * - Its connectToShadowDb creates `prisma_migrate_shadow_db_<uuid>` and opens a pool with
 *   `{ connectionString, database: <shadow> }`, but pg lets the connection string's database win, so the
 *   "shadow" replay would run in the real database. Here the shadow's URL names the shadow database.
 *
 * The engine replays the history on the shadow database to diff it (creating a migration, checking
 * drift), never to apply migrations. Only the engine uses this; the app's client is lib/db/client.ts.
 */
import { randomUUID } from "node:crypto";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

/** Same prefix as Prisma's, so a shadow left behind by a killed process is recognisable. */
const SHADOW_PREFIX = "prisma_migrate_shadow_db_";
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type WithFields = { fields?: { dataTypeID: number }[] };

function charAsText<T>(result: T): T {
  for (const one of Array.isArray(result) ? (result as WithFields[]) : [result as WithFields]) {
    for (const field of one.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

/** A pg client whose results label `"char"` columns text; pools made with it use it for every query and transaction. */
class CatalogClient extends pg.Client {}
// eslint-disable-next-line @typescript-eslint/unbound-method -- only ever applied to a client, below
const plainQuery = pg.Client.prototype.query;
CatalogClient.prototype.query = function query(this: pg.Client, ...args: unknown[]): unknown {
  const callback = args.at(-1);
  if (typeof callback === "function") {
    // The pool's own query() calls client.query(text, values, callback).
    args[args.length - 1] = (error: unknown, result: unknown) => (callback as (e: unknown, r: unknown) => void)(error, error ? result : charAsText(result));
    return Reflect.apply(plainQuery, this, args);
  }
  const result: unknown = Reflect.apply(plainQuery, this, args);
  return result instanceof Promise ? result.then(charAsText) : result;
} as typeof pg.Client.prototype.query;

/** `url` with its database replaced by `database` (user, password, host, port and parameters kept). */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function connect(url: string): Promise<SqlDriverAdapter> {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // A pool of its own per adapter, ended with it: the engine connects once per database and disposes of each.
  const pool = new pg.Pool({ connectionString: url, Client: CatalogClient });
  return new PrismaPg(pool, { disposeExternalPool: true }).connect();
}

/**
 * A migration-aware adapter factory for the database at `url`. Every adapter it hands out goes through
 * `track` (so the caller can dispose of them all); disposing of the shadow adapter drops the shadow database.
 */
export async function postgresEngineFactory(
  url: string,
  track: (adapter: SqlDriverAdapter) => SqlDriverAdapter,
): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const names = new PrismaPg(url);
  return {
    provider: names.provider,
    adapterName: names.adapterName,
    connect: async () => track(await connect(url)),
    connectToShadowDb: async () => {
      const name = `${SHADOW_PREFIX}${randomUUID().replaceAll("-", "")}`;
      const admin = await connect(url);
      let shadow: SqlDriverAdapter;
      try {
        // CREATE DATABASE takes no parameters; `name` is our own prefix and a UUID's hex digits.
        await admin.executeScript(`CREATE DATABASE "${name}"`);
        shadow = await connect(withDatabase(url, name));
      } catch (error) {
        await admin.dispose();
        throw error;
      }
      return track({
        ...delegate(shadow),
        dispose: async () => {
          try {
            await shadow.dispose();
            await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          } finally {
            await admin.dispose();
          }
        },
      });
    },
  };
}

/** The adapter's methods bound to it: its private fields stay reachable when one of them is replaced. */
function delegate(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const bound: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    executeScript: (script) => adapter.executeScript(script),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    dispose: () => adapter.dispose(),
  };
  if (adapter.getConnectionInfo) bound.getConnectionInfo = adapter.getConnectionInfo.bind(adapter);
  return bound;
}
