import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "../env";
import { BUSY_TIMEOUT_MS } from "./sqlite";

// One Prisma client per process. Next may evaluate this module more than once (route bundles,
// dev reloads), so the instance lives on globalThis.
const holder = globalThis as typeof globalThis & { __hashatlasPrisma?: PrismaClient };

export function prisma(): PrismaClient {
  holder.__hashatlasPrisma ??= new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: `file:${env().databasePath}`, timeout: BUSY_TIMEOUT_MS }),
  });
  return holder.__hashatlasPrisma;
}
