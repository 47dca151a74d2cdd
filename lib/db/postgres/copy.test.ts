// copyRows, the binary COPY every bulk write's rows go through: what goes in comes back exactly (text of
// any size and script, across chunk boundaries; floats bit for bit; NULLs), and a refusal — the encoder's
// or the server's — aborts the COPY with nothing written and the connection still usable. ONE throw-away
// cluster for the file; a temporary table of the test's own.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type PostgresServer, startPostgres } from "@/scripts/postgres-server";
import type { RowTable } from "../row-tables";
import { COPY_CHUNK_BYTES, copyRows } from "./copy";
import { writeFailure } from "./connect";

type ProbeRow = { label: string | null; value: number | null; count: number | null };
const PROBE = { table: "CopyProbe", parent: "groupId", columns: { label: "text", value: "float8", count: "int4" } } as const satisfies RowTable<ProbeRow>;
const GROUP = 7;

let server: PostgresServer;
let client: pg.Client;

beforeAll(async () => {
  server = await startPostgres();
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query(
    `CREATE TABLE "CopyProbe" ("id" serial PRIMARY KEY, "groupId" int4 NOT NULL, "label" text, "value" float8, "count" int4 CHECK ("count" <> 13))`,
  );
}, 120_000);

afterAll(async () => {
  await client.end();
  await server.stop();
});

beforeEach(async () => {
  await client.query(`TRUNCATE "CopyProbe"`);
});

const stored = async () =>
  (await client.query<ProbeRow & { groupId: number }>(`SELECT "groupId", "label", "value", "count" FROM "CopyProbe" ORDER BY "id"`)).rows;

/** copyRows in a transaction, committed, or rolled back if it fails (as the bulk writes do). */
async function inTransaction(rows: ProbeRow[]): Promise<void> {
  await client.query("BEGIN");
  try {
    await copyRows(client, PROBE, rows, GROUP);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

describe("copyRows", () => {
  it("stores every value as given: floats bit for bit, the integer range, NULLs, text in any script and text that COPY's text format would escape", async () => {
    const floats = [0.1 + 0.2, 5e-324, Number.MAX_VALUE, -Number.MIN_VALUE, 1 / 3, -123456.789e-200, 2 ** 53 + 2, 1e21, 0];
    const texts = ["", "\\N", "tab\there", "line\nbreak\r\n", "back\\slash", "Zürich – 東京 🚀", "\u00e9\u0301", "x".repeat(300)];
    const rows: ProbeRow[] = [
      ...floats.map((value, i) => ({ label: texts[i % texts.length] ?? null, value, count: i })),
      ...texts.map((label) => ({ label, value: null, count: null })),
      { label: null, value: -0, count: -(2 ** 31) },
      { label: null, value: 1, count: 2 ** 31 - 1 },
    ];
    await inTransaction(rows);
    const back = await stored();
    // -0 is stored as 0, as SQLite stores it.
    expect(back).toEqual(rows.map((r) => ({ groupId: GROUP, ...r, value: Object.is(r.value, -0) ? 0 : r.value })));
    expect(back.filter((r) => r.value !== null).map((r) => r.value)).toEqual([...floats, 0, 1]);
  });

  it("streams rows over several chunks: text of 1- to 4-byte characters, and a value larger than a chunk", async () => {
    // About two chunks of rows whose text is 1- to 4-byte characters, then one value of 2.5 chunks (it gets a buffer of its own).
    const pieces = ["a", "é", "東", "🚀"];
    const rows: ProbeRow[] = Array.from({ length: 3000 }, (_, i) => ({ label: (pieces[i % 4] ?? "a").repeat(100 + (i % 257)), value: i / 7, count: i % 10 }));
    rows.push({ label: "ß".repeat(Math.round(COPY_CHUNK_BYTES * 1.25)), value: null, count: null });
    const bytes = rows.reduce((sum, r) => sum + Buffer.byteLength(r.label ?? ""), 0);
    expect(bytes).toBeGreaterThan(4 * COPY_CHUNK_BYTES);
    await inTransaction(rows);
    expect(await stored()).toEqual(rows.map((r) => ({ groupId: GROUP, ...r })));
  });

  it("writes nothing for no rows", async () => {
    await inTransaction([]);
    expect(await stored()).toEqual([]);
  });

  it("refuses a value its column cannot hold before sending it: the COPY is abandoned, nothing written, the connection usable", async () => {
    const good = Array.from({ length: 20_000 }, (_, i) => ({ label: `row ${i}`, value: i, count: i % 10 }));
    for (const [bad, message] of [
      [{ label: "x", value: 1, count: 1.5 }, /count: 1\.5 is not a 32-bit integer/],
      [{ label: "x", value: 1, count: 2 ** 31 }, /count: 2147483648 is not a 32-bit integer/],
      [{ label: 42 as unknown as string, value: 1, count: 1 }, /label: a number where the column holds text/],
    ] as const) {
      await expect(inTransaction([...good, bad])).rejects.toThrow(message);
      expect(await stored()).toEqual([]);
      expect((await client.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
    }
  });

  it("passes the server's refusal on with its SQLSTATE (what lib/db/postgres/connect.ts maps), nothing written, the connection usable", async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ label: `row ${i}`, value: i, count: i === 40_000 ? 13 : 1 }));
    const refusal: unknown = await inTransaction(rows).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "23514", message: expect.stringMatching(/check constraint/) });
    // Not a write failure of the database's own (busy, full, unreachable): passed on as it is.
    expect(writeFailure(refusal)).toBe(refusal);
    expect(await stored()).toEqual([]);
    expect((await client.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
  });
});
