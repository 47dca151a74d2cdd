import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openSqlite } from "@/lib/db/sqlite";

/**
 * A database of a test file's own, copied from the seeded test database by SQLite's online backup
 * (much cheaper than seeding again). The path is known at once, for vi.stubEnv("DATABASE_URL")
 * before any module reads the environment; `copy` (in beforeAll) makes the file, `remove` deletes it.
 */
export function testDatabaseCopy(prefix: string): { file: string; copy: () => Promise<void>; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hashatlas-${prefix}-`));
  const file = path.join(dir, `${prefix}.db`);
  return {
    file,
    copy: async () => {
      const source = process.env.HASHATLAS_TEST_DB;
      if (!source) throw new Error("HASHATLAS_TEST_DB is not set (see vitest.config.mts)");
      const db = openSqlite(source, { readonly: true });
      try {
        await db.backup(file);
      } finally {
        db.close();
      }
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
