import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openSqlite } from "../lib/db/sqlite";

describe("npm run db:backup", () => {
  it("copies the live database consistently with SQLite's online backup", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-backup-"));
    try {
      const dest = path.join(dir, "copy.db");
      const out = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-backup.ts", dest], {
        env: { ...process.env, DATABASE_URL: `file:${process.env.HASHATLAS_TEST_DB}` },
        encoding: "utf8",
      });
      expect(out).toMatch(/integrity ok/);
      const copy = openSqlite(dest, { readonly: true });
      const original = openSqlite(process.env.HASHATLAS_TEST_DB ?? "", { readonly: true });
      try {
        const count = (db: typeof copy) => (db.prepare(`SELECT count(*) AS n FROM HashrateShare`).get() as { n: number }).n;
        expect(count(copy)).toBe(count(original));
      } finally {
        copy.close();
        original.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
