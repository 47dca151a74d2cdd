import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-pg/client";
import { env } from "../env";
import type { DatabaseLocation } from "./location";
import { postgresPool } from "./postgres/pool";
import { BUSY_TIMEOUT_MS } from "./sqlite";

/**
 * A Prisma client for the database: SQLite's generated client with the better-sqlite3 adapter, or
 * PostgreSQL's (generated from prisma/postgresql/schema.prisma) with the pg adapter.
 *
 * The PostgreSQL client is typed as the SQLite one so that callers need not care. TypeScript cannot
 * relate the two generated type trees (their generic conditional types are distinct declarations), but
 * they describe the same models — scripts/generate-pg-schema.test.ts holds the models identical — and so
 * the same delegates and results; what differs is only what PostgreSQL adds (isolation levels, `mode`).
 */
export function prismaFor(location: DatabaseLocation): PrismaClient {
  if (location.provider === "sqlite") {
    return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${location.path}`, timeout: BUSY_TIMEOUT_MS }) });
  }
  // The process's pool for the database (lib/db/postgres/pool.ts), which the plain-SQL reads share.
  const postgres = new PostgresPrismaClient({ adapter: new PrismaPg(postgresPool(location.url)) });
  return postgres as unknown as PrismaClient;
}

// One Prisma client per process. Next may evaluate this module more than once (route bundles,
// dev reloads), so the instance lives on globalThis — made again should DATABASE_URL name another
// database (tests).
const holder = globalThis as typeof globalThis & { __hashatlasPrisma?: { key: string; client: PrismaClient } };

export function prisma(): PrismaClient {
  const location = env().database;
  const key = location.provider === "sqlite" ? location.path : location.url;
  if (holder.__hashatlasPrisma?.key !== key) holder.__hashatlasPrisma = { key, client: prismaFor(location) };
  return holder.__hashatlasPrisma.client;
}
