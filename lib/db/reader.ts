import type Database from "better-sqlite3";
import { env } from "../env";
import { openSqlite } from "./sqlite";

// A read-only better-sqlite3 connection for reads of many rows. Prisma 7 reaches SQLite through the
// same synchronous driver, so every query runs on the server's one JavaScript thread either way;
// what Prisma adds on top — building each row's object relation by relation — costs several times
// the query itself at 100 000s of rows (a 200 000-row shares dataset: ~5 s through findMany with its
// country join, ~0.7 s as plain SQL). Such reads are written as plain SQL on this connection.

type Reader = { file: string; db: Database.Database };
const holder = globalThis as typeof globalThis & { __hashatlasReader?: Reader };

/** The process's read-only connection to the database of env(), reopened when that file changes (tests). */
function readConnection(): Database.Database {
  const file = env().databasePath;
  if (holder.__hashatlasReader?.file !== file) {
    holder.__hashatlasReader?.db.close();
    holder.__hashatlasReader = { file, db: openSqlite(file, { readonly: true }) };
  }
  return holder.__hashatlasReader.db;
}

/**
 * Statements prepared once per connection: `statements()` gives those of the current one. Each
 * statement runs synchronously and sees the data as last committed, so a large read is made of
 * bounded ones, and the caller gives way between them.
 */
export function onReadConnection<T>(prepare: (db: Database.Database) => T): () => T {
  const prepared = new WeakMap<Database.Database, T>();
  return () => {
    const db = readConnection();
    let statements = prepared.get(db);
    if (statements === undefined) {
      statements = prepare(db);
      prepared.set(db, statements);
    }
    return statements;
  };
}
