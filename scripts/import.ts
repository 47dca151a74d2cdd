// `npm run import -- --kind sites --dataset my-sites --file sites.csv --publisher … --url … --licence …`
// The same validation and single-transaction write as POST /api/import, for scripts on the server's
// machine (no token needed: it writes the database file directly).
import fs from "node:fs";
import path from "node:path";
import { describeLocation } from "../lib/db/location";
import { parseEnv } from "../lib/env";
import { ImportFormatError } from "../lib/io/import";
import { DataValidationError, formatIssue } from "../lib/io/issues";
import { importDataset } from "../lib/services/import";
import { ImportQuery } from "../lib/validation/import";

function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (!key?.startsWith("--")) throw new Error(`unexpected argument "${key}"`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new Error(`${key} needs a value`);
    out[key.slice(2)] = value;
    i++;
  }
  return out;
}

async function main() {
  const { file, ...rest } = args(process.argv.slice(2));
  if (!file) throw new Error("--file is required");
  const query = ImportQuery.safeParse(rest);
  if (!query.success) throw new Error(query.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  const q = query.data;
  const upload = { bytes: fs.readFileSync(file), contentType: file.endsWith(".json") ? "application/json" : "text/csv", name: path.basename(file) };
  const { database } = parseEnv(process.env);
  // Announced before the transaction starts: the crash test kills the process on this line.
  const beforeWrite = () => console.log(`import: writing to ${describeLocation(database)}`);
  const outcome = await importDataset({ query: q, file: upload, database, beforeWrite });
  if ("dryRun" in outcome) console.log(`import: ${outcome.rows} rows valid (${outcome.format}); dry run, nothing written`);
  else console.log(`import: ${q.dataset} written (${outcome.rows} rows)`);
}

main().catch((error: unknown) => {
  if (error instanceof DataValidationError) {
    console.error(
      `import failed, nothing was written:\n${error.issues
        .slice(0, 100)
        .map((i) => `  ${formatIssue(i)}`)
        .join("\n")}`,
    );
  } else if (error instanceof ImportFormatError) {
    console.error(`import failed: ${error.message}`);
  } else {
    console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
