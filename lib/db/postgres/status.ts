import pg from "pg";
import { z } from "zod";
import { sqlCount } from "../reader";
import { COUNTED_TABLES } from "../tables";
import { listMigrationNames, type MigrationRow, type MigrationStatus, MIGRATIONS_DIRS, statusOf } from "../migration-status";

// /api/health and the migration status on PostgreSQL, each on a connection of its own (not the pool:
// a pool in trouble must not hide the server's state, nor the other way round), with short timeouts so
// that a server that is down or stuck is a quick 503, never a request that hangs.

/** How long the health check waits for PostgreSQL — to connect, then for each statement — before it says "down". */
export const HEALTH_TIMEOUT_MS = 2_000;

const HAS_HISTORY = `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`;
const HISTORY = `SELECT migration_name AS name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations"
  WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`;

async function withStatusClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: HEALTH_TIMEOUT_MS,
    statement_timeout: HEALTH_TIMEOUT_MS,
    query_timeout: HEALTH_TIMEOUT_MS,
    application_name: "hashatlas-health",
  });
  // A connection that breaks between two statements emits "error": unheard, it would end the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function historyOf(client: pg.Client, migrationsDir: string): Promise<MigrationStatus> {
  const present = (await client.query<{ present: boolean }>(HAS_HISTORY)).rows[0]?.present === true;
  const rows = present ? (await client.query<MigrationRow>(HISTORY)).rows : [];
  return statusOf(rows, listMigrationNames(migrationsDir));
}

/** Migrations applied, pending and failed on the PostgreSQL database at `url`. */
export function postgresMigrationStatus(url: string, options: { migrationsDir?: string } = {}): Promise<MigrationStatus> {
  return withStatusClient(url, (client) => historyOf(client, options.migrationsDir ?? MIGRATIONS_DIRS.postgresql));
}

const CountRow = z.object({ n: sqlCount });

export type PostgresHealth = { migrations: MigrationStatus; counts: Record<string, number> };

/** The migration status and the rows per table; throws when the server cannot be reached in time. */
export function postgresHealth(url: string): Promise<PostgresHealth> {
  return withStatusClient(url, async (client) => {
    const migrations = await historyOf(client, MIGRATIONS_DIRS.postgresql);
    const counts: Record<string, number> = {};
    // An unmigrated database has no tables to count: the migrations say what is missing.
    if (migrations.applied.length === 0) return { migrations, counts };
    for (const table of COUNTED_TABLES) {
      const row: unknown = (await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0];
      counts[table] = CountRow.parse(row).n;
    }
    return { migrations, counts };
  });
}
