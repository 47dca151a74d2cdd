// `npm run import -- --kind sites --dataset my-sites --file sites.csv --publisher … --url … --licence …`
// The same validation and single-transaction write as POST /api/import, for scripts on the server's
// machine (no token needed: it writes the database file directly).
import fs from "node:fs";
import path from "node:path";
import { commitImport } from "../lib/db/import";
import { parseEnv } from "../lib/env";
import { ImportFormatError, prepareImport } from "../lib/io/import";
import { DataValidationError, formatIssue } from "../lib/io/issues";
import { ImportQuery, importMeta } from "../lib/validation/import";

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

function main() {
  const { file, ...rest } = args(process.argv.slice(2));
  if (!file) throw new Error("--file is required");
  const query = ImportQuery.safeParse(rest);
  if (!query.success) throw new Error(query.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  const q = query.data;
  const bytes = fs.readFileSync(file);
  const prepared = prepareImport(q.kind, importMeta(q), {
    bytes,
    contentType: file.endsWith(".json") ? "application/json" : "text/csv",
    name: path.basename(file),
  });
  const { databasePath } = parseEnv(process.env);
  if (q.dryRun === "1") {
    commitImport(databasePath, prepared.content, { dryRun: true });
    console.log(`import: ${prepared.rows} rows valid (${prepared.format}); dry run, nothing written`);
    return;
  }
  // Announced before the transaction starts: the crash test kills the process on this line.
  commitImport(databasePath, prepared.content, { beforeWrite: () => console.log(`import: writing ${prepared.rows} rows to ${databasePath}`) });
  console.log(`import: ${q.dataset} written (${prepared.rows} rows)`);
}

try {
  main();
} catch (error) {
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
}
