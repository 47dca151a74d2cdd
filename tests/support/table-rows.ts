import Database from "better-sqlite3";
import pg from "pg";

// Rows of one query on either backend, as plain objects, for tests that compare the two. The SQL is the
// test's own (quoted identifiers, so that it reads the same on both).

export type Row = Record<string, unknown>;

export function sqliteRows(file: string, sql: string, ...params: unknown[]): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<unknown[], Row>(sql).all(...params);
  } finally {
    db.close();
  }
}

export async function postgresRows(url: string, sql: string, ...params: unknown[]): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
