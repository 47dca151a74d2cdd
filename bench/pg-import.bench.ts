import { execFileSync } from "node:child_process";
import path from "node:path";
import { z } from "zod";
import type { Figure } from "./lib";

/** Rows of the shares import written on PostgreSQL (issue 15). */
export const PG_IMPORT_ROWS = 200_000;
/** Rounds of the six writes, interleaved; each figure is a median. */
export const PG_IMPORT_ROUNDS = 3;
/** The app's write against plain one-row INSERTs (issue 15: "bulk inserts fast … measured against plain inserts"). */
export const MIN_BULK_RATIO = 3;

const Measure = z.object({ ms: z.number(), clientMs: z.number(), serverMs: z.number() });
const ByMethod = <T extends z.ZodType>(t: T) => z.object({ copy: t, copyNoFk: t, unnest: t, plain: t, app: t, sqlite: t });
const ChildResult = z.object({
  rows: z.number(),
  csvMb: z.number(),
  parsedMs: z.number(),
  rounds: z.number(),
  medians: ByMethod(Measure),
  each: ByMethod(z.array(Measure)),
});

/**
 * Issue 15: the rows of a 200 000-row shares import sent to PostgreSQL by binary COPY (the app's way), by
 * multi-row INSERT … unnest (its way before COPY) and by plain one-row INSERTs, each in one transaction;
 * the same COPY without PostgreSQL's per-row foreign-key checks (a diagnostic: what they cost); and the
 * whole write as an import makes it on PostgreSQL and on SQLite. In a child process with its own
 * throw-away cluster (bench/pg-import.child.ts). Beside each time, the CPU it took in this process (the
 * client: encoding, hashing) and in the PostgreSQL server, which the load of the machine does not inflate.
 */
export function pgImportBench(rows = PG_IMPORT_ROWS, rounds = PG_IMPORT_ROUNDS): Figure[] {
  const out = execFileSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "bench/pg-import.child.ts", String(rows), String(rounds)], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  const r = ChildResult.parse(JSON.parse(out.trim().split("\n").at(-1) ?? "{}"));
  const { copy, copyNoFk, unnest, plain, app, sqlite } = r.medians;
  const rate = (ms: number) => Math.round(r.rows / (ms / 1000));
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const list = (xs: { ms: number }[]) => xs.map((x) => s(x.ms)).join(", ");
  const cpu = (m: z.infer<typeof Measure>) => `CPU ${s(m.serverMs)} server + ${s(m.clientMs)} client`;
  const name = `${r.rows.toLocaleString("en-US")}-row shares import (${r.csvMb.toFixed(1)} MB CSV), the write`;
  const medians = `medians of ${r.rounds} interleaved rounds`;
  const overPlain = plain.ms / copy.ms;
  const overUnnest = unnest.ms / copy.ms;
  return [
    {
      name: `PostgreSQL: ${name} (binary COPY … FROM STDIN in one transaction: the app's way)`,
      value: rate(copy.ms),
      unit: "rows/s",
      baseline: { name: "plain one-row INSERTs (prepared) of the same rows in one transaction", value: rate(plain.ms) },
      ratio: Number(overPlain.toFixed(3)),
      target: `ratio ≥ ${MIN_BULK_RATIO}`,
      met: overPlain >= MIN_BULK_RATIO,
      note: `${medians}: COPY ${s(copy.ms)} (${cpu(copy)}; each ${list(r.each.copy)}), plain inserts ${s(plain.ms)} (${cpu(plain)}; each ${list(r.each.plain)}); parse + validate (the same for all) ${s(r.parsedMs)}`,
    },
    {
      name: `PostgreSQL: ${name}, COPY against multi-row INSERT … SELECT FROM unnest (25 000-row slices: the app's way before COPY)`,
      value: rate(copy.ms),
      unit: "rows/s",
      baseline: { name: "multi-row INSERT … unnest of the same rows in one transaction", value: rate(unnest.ms) },
      ratio: Number(overUnnest.toFixed(3)),
      target: "ratio ≥ 1 (the faster way is the app's)",
      met: overUnnest >= 1,
      note: `${medians}: unnest ${s(unnest.ms)} (${cpu(unnest)}; each ${list(r.each.unnest)}), ${(plain.ms / unnest.ms).toFixed(2)}× plain inserts; COPY ${cpu(copy)}`,
    },
    {
      name: `PostgreSQL: ${name}, COPY with its per-row foreign-key checks (the app's) against the same COPY without them (diagnostic: triggers off, which the app never does)`,
      value: rate(copy.ms),
      unit: "rows/s",
      baseline: { name: "the same COPY with the table's triggers off (session_replication_role = replica, superuser only)", value: rate(copyNoFk.ms) },
      ratio: Number((copyNoFk.ms / copy.ms).toFixed(3)),
      target: "recorded (where the time goes)",
      met: null,
      note: `${medians}: without the checks ${s(copyNoFk.ms)} (${cpu(copyNoFk)}; each ${list(r.each.copyNoFk)}); two checks per share row (its dataset, its country), ${Math.round((1 - copyNoFk.serverMs / copy.serverMs) * 100)}% of the server's CPU for the COPY`,
    },
    {
      name: `SQLite: ${name} as an import makes it (commitImport: checks, content hash, rows, best estimate, commit)`,
      value: rate(sqlite.ms),
      unit: "rows/s",
      baseline: { name: "the same write on PostgreSQL", value: rate(app.ms) },
      ratio: Number((app.ms / sqlite.ms).toFixed(3)),
      target: "recorded (both backends)",
      met: null,
      note: `${medians}: SQLite ${s(sqlite.ms)} (CPU ${s(sqlite.clientMs)}; each ${list(r.each.sqlite)}), PostgreSQL ${s(app.ms)} (${cpu(app)}; each ${list(r.each.app)}; a local throw-away cluster, fsync off); partial coverage, so no best-estimate rebuild`,
    },
  ];
}
