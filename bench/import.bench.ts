import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Figure } from "./lib";

/** Issue 6: a 100 000-row sites CSV imported end to end vs plain better-sqlite3 inserts of the same rows. */
export function importBench(rows = 100_000): Figure[] {
  const out = execFileSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "bench/import.child.ts", String(rows)], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  const r = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as {
    rows: number;
    csvMb: number;
    baselineMs: number;
    importMs: number;
    parsedMs: number;
    peakRssMb: number;
  };
  const importRate = r.rows / (r.importMs / 1000);
  const baselineRate = r.rows / (r.baselineMs / 1000);
  const ratio = importRate / baselineRate;
  return [
    {
      name: `Import of a ${r.rows.toLocaleString("en-US")}-row sites CSV (${r.csvMb.toFixed(1)} MB): parse, validate, write`,
      value: Math.round(importRate),
      unit: "rows/s",
      baseline: { name: "plain better-sqlite3 inserts of the same rows in one transaction", value: Math.round(baselineRate) },
      ratio: Number(ratio.toFixed(3)),
      target: "ratio ≥ 0.25",
      met: ratio >= 0.25,
      note: `import ${Math.round(r.importMs)} ms (parse + validate ${Math.round(r.parsedMs)} ms), baseline ${Math.round(r.baselineMs)} ms; peak memory (max RSS of the process) ${Math.round(r.peakRssMb)} MB`,
    },
  ];
}
