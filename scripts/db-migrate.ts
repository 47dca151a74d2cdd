/**
 * Offline replacement for `prisma migrate dev --create-only` / `prisma migrate deploy` (see lib/db/migrate.ts).
 *
 *   tsx scripts/db-migrate.ts <name>           create prisma/migrations/<timestamp>_<name> from schema.prisma,
 *                                              and its PostgreSQL twin of the same name (see below)
 *   tsx scripts/db-migrate.ts --apply          apply pending migrations to the DATABASE_URL database (SQLite or PostgreSQL)
 *   tsx scripts/db-migrate.ts <name> --apply   both: create (checked against that database if SQLite), then apply
 *   tsx scripts/db-migrate.ts --status         list applied / pending / failed migrations (SQLite or PostgreSQL)
 *
 * Creating a migration first rewrites prisma/postgresql/schema.prisma from schema.prisma, then diffs the
 * PostgreSQL history against it on a throw-away PostgreSQL cluster (scripts/postgres-server.ts, which
 * installs Debian's package when there is none) and writes prisma/migrations-postgresql/<same name>.
 */
import fs from "node:fs";
import path from "node:path";
import { env } from "../lib/env";
import { describeLocation } from "../lib/db/location";
import { postgresMigrationStatus } from "../lib/db/postgres/status";
import {
  applyMigrations,
  createMigration,
  createPostgresMigration,
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_POSTGRES_MIGRATIONS_DIR,
  migrationStatus,
} from "../lib/db/migrate";
import { writePostgresSchema } from "./generate-pg-schema";
import { startPostgres } from "./postgres-server";

const USAGE = "usage: tsx scripts/db-migrate.ts <name> | --apply | <name> --apply | --status";

interface Args {
  name?: string;
  apply: boolean;
  status: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { apply: false, status: false };
  for (const arg of argv) {
    if (arg === "--apply") args.apply = true;
    else if (arg === "--status") args.status = true;
    else if (arg === "-h" || arg === "--help") throw new UsageError(USAGE);
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}; ${USAGE}`);
    else if (args.name !== undefined) throw new UsageError(`one migration name at a time; ${USAGE}`);
    else args.name = arg;
  }
  if (args.status && (args.apply || args.name !== undefined)) throw new UsageError(`--status takes no other argument; ${USAGE}`);
  if (!args.status && !args.apply && args.name === undefined) throw new UsageError(USAGE);
  return args;
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Repo paths read best relative; a DATABASE_URL elsewhere (e.g. /tmp) reads best absolute.
  const relative = (p: string) => {
    const rel = path.relative(process.cwd(), p);
    return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? p : rel;
  };

  if (args.status) {
    const { database } = env();
    const { applied, pending, failed } = database.provider === "sqlite" ? migrationStatus(database.path) : await postgresMigrationStatus(database.url);
    const where = database.provider === "sqlite" ? relative(database.path) : describeLocation(database);
    console.log(`${where}: ${applied.length} applied, ${pending.length} pending, ${failed.length} failed`);
    for (const name of pending) console.log(`  pending  ${name}`);
    for (const name of failed) console.log(`  failed   ${name}`);
    if (failed.length > 0) process.exitCode = 1;
    return;
  }

  if (args.name !== undefined) {
    writePostgresSchema();
    const { database } = env();
    // Only a --apply run touches the real database; a bare create diffs on a throwaway one.
    const { created, warnings } = await createMigration(args.name, args.apply && database.provider === "sqlite" ? database.path : undefined);
    for (const warning of warnings) console.warn(`warning: ${warning}`);
    if (created === null) console.log("No schema changes: no migration created.");
    else {
      console.log(`Created ${relative(path.join(DEFAULT_MIGRATIONS_DIR, created, "migration.sql"))}`);
      await createPostgresTwin(created);
      console.log(`Created ${relative(path.join(DEFAULT_POSTGRES_MIGRATIONS_DIR, created, "migration.sql"))}`);
    }
  }

  if (args.apply) {
    const { database } = env();
    const where = database.provider === "sqlite" ? relative(database.path) : describeLocation(database);
    const started = performance.now();
    const { applied } = await applyMigrations(database);
    const ms = Math.round(performance.now() - started);
    if (applied.length === 0) console.log(`${where} is up to date (${ms} ms).`);
    else console.log(`Applied to ${where} in ${ms} ms: ${applied.join(", ")}`);
  }
}

/** PostgreSQL's migration of the same name, diffed on a throw-away cluster; without it the SQLite one is removed again. */
async function createPostgresTwin(name: string): Promise<void> {
  try {
    const server = await startPostgres({ database: "migrate_scratch" });
    try {
      await createPostgresMigration(name, server.url);
    } finally {
      await server.stop();
    }
  } catch (error) {
    fs.rmSync(path.join(DEFAULT_MIGRATIONS_DIR, name), { recursive: true, force: true });
    fs.rmSync(path.join(DEFAULT_POSTGRES_MIGRATIONS_DIR, name), { recursive: true, force: true });
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`the PostgreSQL twin of ${name} could not be created, so neither was kept: ${message}`, { cause: error });
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  // Engine messages can span lines (migration name, then the SQLite error); keep the report on one line.
  console.error(`db-migrate: ${message.replace(/\s*\n\s*/g, " ")}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
