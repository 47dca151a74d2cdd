import fc from "fast-check";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { compensatedTotal } from "./compensated-sum";

// The sums PostgreSQL's reads make in code (lib/db/postgres/site-reads.ts) against SQLite's own total(),
// bit for bit, on values summed in the same order.

const db = new Database(":memory:");
db.exec("CREATE TABLE v (i INTEGER PRIMARY KEY, x REAL NOT NULL)");
const insert = db.prepare("INSERT INTO v (i, x) VALUES (?, ?)");
const total = db.prepare<[], { t: number }>("SELECT total(x) AS t FROM (SELECT x FROM v ORDER BY i)");
afterAll(() => db.close());

function sqliteTotal(values: readonly number[]): number {
  db.exec("DELETE FROM v");
  values.forEach((x, i) => insert.run(i, x));
  return total.get()?.t ?? Number.NaN;
}

describe("compensatedTotal", () => {
  it("is SQLite's total() bit for bit, where plain addition is not", () => {
    const values = [0.1, 0.2, 0.3, 1e16, -1e16, 0.7];
    expect(compensatedTotal(values)).toBe(sqliteTotal(values));
    expect(values.reduce((a, b) => a + b, 0)).not.toBe(sqliteTotal(values));
    expect(compensatedTotal([])).toBe(0);
  });

  it("equals SQLite's total() for any finite values (coordinates, capacities, hashrates)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 40 }), (values) => {
        expect(Object.is(compensatedTotal(values), sqliteTotal(values)) || compensatedTotal(values) === sqliteTotal(values)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
