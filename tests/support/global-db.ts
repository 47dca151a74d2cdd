import fs from "node:fs";
import { seedDatabase } from "../../seed/seed";

/** Migrate and seed the test database once for the whole vitest run; remove it afterwards. */
export async function setup() {
  const file = process.env.HASHATLAS_TEST_DB;
  if (!file) throw new Error("HASHATLAS_TEST_DB is not set (see vitest.config.ts)");
  removeDatabase(file);
  await seedDatabase(file);
  return () => removeDatabase(file);
}

export function removeDatabase(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}
