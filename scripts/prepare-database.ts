// The start-up step of `npm start` (scripts/start.ts) that must run once per database, not once per
// instance: migrations, the empty-database seed and the build, under the database's start lock
// (lib/db/start-lock.ts). Instances started at the same moment on one file take turns; the ones
// that waited find the migrations applied, the datasets present and the build current.
import { withStartLock } from "../lib/db/start-lock";
import { type SeedResult, seedDatabase } from "../seed/seed";

export async function prepareDatabase(
  dbFile: string,
  options: {
    /** Told once when another instance holds the lock and this one starts waiting. */
    onWait?: () => void;
    /** More work that must not run twice at once (the build), still under the lock. */
    then?: () => void | Promise<void>;
    waitMs?: number;
  } = {},
): Promise<SeedResult> {
  return withStartLock(
    dbFile,
    async () => {
      const seeded = await seedDatabase(dbFile, { ifEmpty: true });
      await options.then?.();
      return seeded;
    },
    { onWait: options.onWait, waitMs: options.waitMs },
  );
}
