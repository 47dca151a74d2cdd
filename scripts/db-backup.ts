// `npm run db:backup -- <file>`: a consistent copy of the live database with SQLite's online
// backup API (safe while the server is running and writing; WAL content included).
import fs from "node:fs";
import path from "node:path";
import { parseEnv } from "../lib/env";
import { openSqlite } from "../lib/db/sqlite";

async function main() {
  const target = process.argv[2];
  if (!target) throw new Error("usage: npm run db:backup -- <backup file>");
  const { databasePath } = parseEnv(process.env);
  if (!fs.existsSync(databasePath)) throw new Error(`no database at ${databasePath}`);
  const dest = path.resolve(target);
  if (fs.existsSync(dest)) throw new Error(`${dest} exists; choose a new file`);
  const db = openSqlite(databasePath, { readonly: true });
  try {
    const started = Date.now();
    await db.backup(dest);
    const check = openSqlite(dest, { readonly: true });
    const ok = check.pragma("integrity_check", { simple: true });
    check.close();
    if (ok !== "ok") throw new Error(`the backup failed its integrity check: ${String(ok)}`);
    console.log(`backup: ${databasePath} → ${dest} (${fs.statSync(dest).size} bytes, ${Date.now() - started} ms, integrity ok)`);
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
