import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Figure } from "./lib";

/** Rows of the shares import written on PostgreSQL (issue 15). */
export const PG_IMPORT_ROWS = 200_000;

/**
 * Issue 15: a 200 000-row shares import written to PostgreSQL by multi-row INSERT … unnest (the app's
 * write) vs plain one-row INSERTs of the same rows in one transaction; and the same write on SQLite.
 * In a child process with its own throw-away cluster (bench/pg-import.child.ts).
 */
export function pgImportBench(rows = PG_IMPORT_ROWS): Figure[] {
  const out = execFileSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "bench/pg-import.child.ts", String(rows)], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  const r = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as {
    rows: number;
    csvMb: number;
    parsedMs: number;
    unnestMs: number;
    plainMs: number;
    sqliteMs: number;
  };
  const rate = (ms: number) => Math.round(r.rows / (ms / 1000));
  const ratio = r.plainMs / r.unnestMs;
  const name = `${r.rows.toLocaleString("en-US")}-row shares import (${r.csvMb.toFixed(1)} MB CSV), the write`;
  return [
    {
      name: `PostgreSQL: ${name} (multi-row INSERT … unnest, one transaction under the write lock)`,
      value: rate(r.unnestMs),
      unit: "rows/s",
      baseline: { name: "plain one-row INSERTs (prepared) of the same rows in one transaction", value: rate(r.plainMs) },
      ratio: Number(ratio.toFixed(3)),
      target: "ratio ≥ 3",
      met: ratio >= 3,
      note: `unnest ${Math.round(r.unnestMs)} ms, plain inserts ${Math.round(r.plainMs)} ms; parse + validate (the same for both) ${Math.round(r.parsedMs)} ms; partial coverage, so no best-estimate rebuild`,
    },
    {
      name: `SQLite: ${name} (the same rows, the same write path)`,
      value: rate(r.sqliteMs),
      unit: "rows/s",
      baseline: { name: "PostgreSQL's write of the same rows (above)", value: rate(r.unnestMs) },
      ratio: Number((r.unnestMs / r.sqliteMs).toFixed(3)),
      target: "recorded (both backends)",
      met: null,
      note: `SQLite ${Math.round(r.sqliteMs)} ms, PostgreSQL ${Math.round(r.unnestMs)} ms (a local throw-away cluster, fsync off)`,
    },
  ];
}
