// The start-up step of `npm start` (scripts/start.ts) that must run once per database, not once per
// instance: migrations, the empty-database seed and the build, under a lock, so that instances started
// at the same moment on one database take turns; the ones that waited find the migrations applied, the
// datasets present and the build current.
//
// SQLite: all three under the database file's start lock (lib/db/start-lock.ts). PostgreSQL: migrations
// and seed under the database's advisory lock (lib/db/postgres/start-lock.ts) — instances on other
// machines share it — and the build, which is this checkout's, under a file lock in .next's folder.
import path from "node:path";
import { type DatabaseLocation, databaseLocation } from "../lib/db/location";
import { withPostgresStartLock } from "../lib/db/postgres/start-lock";
import { withStartLock } from "../lib/db/start-lock";
import { type SeedResult, seedDatabase } from "../seed/seed";

/** The lock the build of this checkout is made under when the database is PostgreSQL (`<this>-start-lock`). */
export const BUILD_LOCK = path.resolve(__dirname, "..", ".tmp", "build");

export async function prepareDatabase(
  target: string | DatabaseLocation,
  options: {
    /** Told once when another instance holds the lock and this one starts waiting. */
    onWait?: () => void;
    /** More work that must not run twice at once (the build), still under the lock. */
    then?: () => void | Promise<void>;
    waitMs?: number;
  } = {},
): Promise<SeedResult> {
  const location = databaseLocation(target);
  const lockOptions = { onWait: options.onWait, waitMs: options.waitMs };
  if (location.provider === "sqlite") {
    return withStartLock(
      location.path,
      async () => {
        const seeded = await seedDatabase(location, { ifEmpty: true });
        await options.then?.();
        return seeded;
      },
      lockOptions,
    );
  }
  const seeded = await withPostgresStartLock(location.url, () => seedDatabase(location, { ifEmpty: true }), lockOptions);
  const then = options.then;
  if (then) await withStartLock(BUILD_LOCK, async () => then(), lockOptions);
  return seeded;
}
