import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Figure } from "./lib";

/** Rows of the shares import written on PostgreSQL (issue 15). */
export const PG_IMPORT_ROWS = 200_000;
/** Rounds of the five writes, interleaved; each figure is a median. */
export const PG_IMPORT_ROUNDS = 3;
/** The app's write against plain one-row INSERTs (issue 15: "bulk inserts fast … measured against plain inserts"). */
export const MIN_BULK_RATIO = 3;

/**
 * Issue 15: the rows of a 200 000-row shares import sent to PostgreSQL by binary COPY (the app's way), by
 * multi-row INSERT … unnest (its way before COPY) and by plain one-row INSERTs, each in one transaction;
 * and the whole write as an import makes it on PostgreSQL and on SQLite. In a child process with its own
 * throw-away cluster (bench/pg-import.child.ts).
 */
export function pgImportBench(rows = PG_IMPORT_ROWS, rounds = PG_IMPORT_ROUNDS): Figure[] {
  const out = execFileSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "bench/pg-import.child.ts", String(rows), String(rounds)], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  const r = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as {
    rows: number;
    csvMb: number;
    parsedMs: number;
    rounds: number;
    copyMs: number;
    unnestMs: number;
    plainMs: number;
    appMs: number;
    sqliteMs: number;
    each: Record<"copyMs" | "unnestMs" | "plainMs" | "appMs" | "sqliteMs", number[]>;
  };
  const rate = (ms: number) => Math.round(r.rows / (ms / 1000));
  const list = (xs: number[]) => xs.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(", ");
  const name = `${r.rows.toLocaleString("en-US")}-row shares import (${r.csvMb.toFixed(1)} MB CSV), the write`;
  const median = `medians of ${r.rounds} interleaved rounds`;
  const overPlain = r.plainMs / r.copyMs;
  const overUnnest = r.unnestMs / r.copyMs;
  return [
    {
      name: `PostgreSQL: ${name} (binary COPY … FROM STDIN in one transaction: the app's way)`,
      value: rate(r.copyMs),
      unit: "rows/s",
      baseline: { name: "plain one-row INSERTs (prepared) of the same rows in one transaction", value: rate(r.plainMs) },
      ratio: Number(overPlain.toFixed(3)),
      target: `ratio ≥ ${MIN_BULK_RATIO}`,
      met: overPlain >= MIN_BULK_RATIO,
      note: `${median}: COPY ${Math.round(r.copyMs)} ms, plain inserts ${Math.round(r.plainMs)} ms (each: ${list(r.each.copyMs)}; ${list(r.each.plainMs)}); parse + validate (the same for all) ${Math.round(r.parsedMs)} ms`,
    },
    {
      name: `PostgreSQL: ${name}, COPY against multi-row INSERT … SELECT FROM unnest (25 000-row slices: the app's way before COPY)`,
      value: rate(r.copyMs),
      unit: "rows/s",
      baseline: { name: "multi-row INSERT … unnest of the same rows in one transaction", value: rate(r.unnestMs) },
      ratio: Number(overUnnest.toFixed(3)),
      target: "ratio ≥ 1 (the faster way is the app's)",
      met: overUnnest >= 1,
      note: `${median}: unnest ${Math.round(r.unnestMs)} ms (each: ${list(r.each.unnestMs)}), ${(r.plainMs / r.unnestMs).toFixed(2)}× plain inserts`,
    },
    {
      name: `SQLite: ${name} as an import makes it (commitImport: checks, content hash, rows, best estimate, commit)`,
      value: rate(r.sqliteMs),
      unit: "rows/s",
      baseline: { name: "the same write on PostgreSQL", value: rate(r.appMs) },
      ratio: Number((r.appMs / r.sqliteMs).toFixed(3)),
      target: "recorded (both backends)",
      met: null,
      note: `${median}: SQLite ${Math.round(r.sqliteMs)} ms, PostgreSQL ${Math.round(r.appMs)} ms (each: ${list(r.each.sqliteMs)}; ${list(r.each.appMs)}; a local throw-away cluster, fsync off); partial coverage, so no best-estimate rebuild`,
    },
  ];
}
