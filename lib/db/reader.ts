import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { z } from "zod";
import { env } from "../env";
import { postgresPool } from "./postgres/pool";
import { numbered } from "./postgres/sql";
import { openSqlite } from "./sqlite";

// Plain-SQL reads of many rows, on either backend. Prisma 7 reaches SQLite through the same synchronous
// driver, so every query runs on the server's one JavaScript thread either way; what Prisma adds on top
// — building each row's object relation by relation — costs several times the query itself at 100 000s
// of rows (a 200 000-row shares dataset: ~5 s through findMany with its country join, ~0.7 s as plain
// SQL). Such reads are written as plain SQL, once, as statements fixed when their module loads:
//
// - SQLite runs them on a read-only better-sqlite3 connection of the process, prepared once each,
//   synchronously (the answer is handed over after a microtask);
// - PostgreSQL runs them through the process's pool (lib/db/postgres/pool.ts) as named prepared
//   statements, so a statement is parsed once per connection.
//
// A statement is written once for both (`readStatement`): identifiers quoted (PostgreSQL folds unquoted
// ones to lower case), `?` for parameters (numbered $1, $2… for PostgreSQL), nothing but what both
// dialects read alike. A read whose dialects must differ keeps PostgreSQL's side in lib/db/postgres/
// (site-reads.ts: sums of floating-point columns). Text order assumes PostgreSQL's C collation (README,
// "PostgreSQL"): bytes, as SQLite compares.

/** A row of a plain-SQL read: its columns by name. */
export type Row = Record<string, unknown>;

export type ReadStatement<R extends Row> = {
  /** PostgreSQL's name for the prepared statement: from its text, so one name never stands for two texts. */
  readonly name: string;
  readonly sqlite: string;
  readonly postgresql: string;
  /** SQLite: the statement as prepared on each read connection. */
  readonly prepared: WeakMap<Database.Database, Database.Statement<unknown[], R>>;
};

const nameOf = (text: string) => `hashatlas_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;

/**
 * One statement for both backends; R is its row as the schema declares the columns. It takes a string
 * literal (tests/no-unsafe-sql.test.ts holds every call to it): SQL is never built from values.
 */
export function readStatement<R extends Row>(text: string): ReadStatement<R> {
  const postgresql = numbered(text);
  return { name: nameOf(postgresql), sqlite: text, postgresql, prepared: new WeakMap() };
}

type Reader = { file: string; db: Database.Database };
const holder = globalThis as typeof globalThis & { __hashatlasReader?: Reader };

/** The process's read-only SQLite connection to the database of env(), reopened when that file changes (tests). */
function sqliteReader(file: string): Database.Database {
  if (holder.__hashatlasReader?.file !== file) {
    holder.__hashatlasReader?.db.close();
    holder.__hashatlasReader = { file, db: openSqlite(file, { readonly: true }) };
  }
  return holder.__hashatlasReader.db;
}

/**
 * The rows of `statement` with `params`, as the database last committed them. Each statement is one
 * bounded read: a large read is made of several, and the caller gives way between them. The row type is
 * the statement's columns as the schema declares them (SQLite's affinity can still hand over text where
 * a number belongs: lib/services/stored-data.ts checks what it uses); aggregates that PostgreSQL answers
 * as int8 text are parsed by the caller (sqlCount).
 */
export async function readRows<R extends Row>(statement: ReadStatement<R>, params: readonly unknown[] = []): Promise<R[]> {
  const location = env().database;
  if (location.provider === "postgresql") {
    const result = await postgresPool(location.url).query<R>({ name: statement.name, text: statement.postgresql, values: [...params] });
    return result.rows;
  }
  const db = sqliteReader(location.path);
  let prepared = statement.prepared.get(db);
  if (!prepared) {
    prepared = db.prepare<unknown[], R>(statement.sqlite);
    statement.prepared.set(db, prepared);
  }
  return prepared.all(...params);
}

/** The first row of `statement`, or undefined. */
export async function readRow<R extends Row>(statement: ReadStatement<R>, params: readonly unknown[] = []): Promise<R | undefined> {
  return (await readRows(statement, params))[0];
}

/**
 * An integer aggregate (count, a sum of integers): SQLite answers a number (a bigint through Prisma's
 * adapter), PostgreSQL an int8 — text through pg, a bigint through Prisma. Parsed, never cast.
 */
export const sqlCount = z.union([z.number(), z.bigint(), z.string().regex(/^-?\d+$/)]).transform(Number);
