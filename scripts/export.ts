/**
 * `npm run -s export -- --what metrics --period all --format csv > metrics.csv`
 * `npm run export -- --what metrics --period all --out metrics.csv`
 *
 * (npm prints a "> hashatlas@… export" banner on stdout before the script runs: redirect stdout only
 * with `npm run -s`, or let the script write the file itself with --out.)
 *
 * The same file as GET /api/export for the same query (one code path: lib/services/export.ts), streamed as
 * it is produced to stdout or to the file --out names. Flags are the API's query parameters: --what, --period,
 * --dataset, --network, --format, --metadata, --efficiency, for shocks/scenario --bie, --shutdown, --migrate,
 * --horizon, for risk --risk, --draws, --seed, --horizon, --bie, and for regions --country, --basis. The database is DATABASE_URL's (lib/env.ts). Errors go to stderr as one line: exit 2 for bad input (what the API
 * answers with a 4xx), 1 for anything else.
 *
 * It calls the export service directly, as the route does: the flags are validated by the API's own
 * query schema (so a flag is refused exactly as the query parameter would be), and a refusal of the
 * service (lib/services/errors.ts) is bad input, as the API's 4xx is.
 */
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { env, type DatabaseLocation } from "../lib/env";
import { MetricsError } from "../lib/metrics/errors";
import { RISK_PARAMS as R } from "../lib/risk/limits";
import { SCENARIO_PARAMS as S } from "../lib/scenario/scenario";
import { DomainError } from "../lib/services/errors";
import { exportData } from "../lib/services/export";
import { EXPORT_WHATS, ExportQuery, exportRequestOf } from "../lib/validation/export";
import { queryIssues } from "../lib/validation/query-issues";

const USAGE = `usage: npm run export -- --what ${EXPORT_WHATS.join("|")} [--period YYYY-MM|all] [--dataset slug] [--network period|latest] [--format csv|json] [--metadata]
       [--${S.efficiency} J/TH] [--${S.blocksIntoEpoch} blocks] [--${S.shutdown} CN,RU:0.3,EAEU] [--${S.migration} fraction,days,delayDays,weighting] [--${S.horizonDays} days]
       [--${R.events} CN:0.1,EAEU:0.02:0.5] [--${R.draws} n] [--${R.seed} n] [--country US] [--basis sites|published]
       [--out file]   (default: stdout; with npm use \`npm run -s export\` so that npm's banner stays out of the file)`;

/** The API's query parameters, the scenario's and the risk assessment's by their short names in a link. */
const STRING_FLAGS = [...new Set(["what", "period", "dataset", "network", "format", "country", "basis", ...Object.values(S), ...Object.values(R)])];

class UsageError extends Error {}

/** argv → the query parameters the API would receive. */
function parseCli(argv: string[]): { params: Record<string, string>; out: string | null } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(STRING_FLAGS.map((name) => [name, { type: "string" as const }])),
        metadata: { type: "boolean" },
        out: { type: "string", short: "o" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    // Node's messages are one line but end with a hint about "--" that does not apply here.
    const message = error instanceof Error ? error.message.split(/\.\s/)[0] : String(error);
    throw new UsageError(`${message?.replace(/\.$/, "")}; see --help`);
  }
  if (parsed.values.help) throw new UsageError("help");
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (STRING_FLAGS.includes(name) && typeof value === "string") params[name] = value;
  }
  if (parsed.values.metadata) params.metadata = "1";
  const out = parsed.values.out ?? null;
  if (out === "") throw new UsageError("--out needs a file name");
  return { params, out };
}

function fail(code: 1 | 2, message: string): never {
  process.stderr.write(`export: ${message.replace(/\s*\n\s*/g, " ")}\n`);
  process.exit(code);
}

async function main() {
  let cli: { params: Record<string, string>; out: string | null };
  try {
    cli = parseCli(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError && error.message === "help") {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    fail(2, error instanceof Error ? error.message : String(error));
  }
  let database: DatabaseLocation;
  try {
    database = env().database;
  } catch (error) {
    fail(2, error instanceof Error ? error.message : String(error));
  }
  // A PostgreSQL database that cannot be reached says so through the export's own error.
  if (database.provider === "sqlite" && !fs.existsSync(database.path)) {
    fail(1, `database ${database.path} does not exist (set DATABASE_URL, or run npm run db:seed)`);
  }
  const query = ExportQuery.safeParse(cli.params);
  if (!query.success) {
    const issue = queryIssues(query.error)[0];
    fail(2, `${issue?.field ?? "(query)"}: ${issue?.message ?? "invalid flags"}`);
  }
  // A file is written under a temporary name and renamed when complete: a failure part-way leaves no
  // file that looks whole. (On stdout it cannot be taken back; the exit code says it failed.)
  const partial = cli.out === null ? null : path.join(path.dirname(cli.out), `.${path.basename(cli.out)}.${process.pid}.partial`);
  try {
    // This process reports for itself (one line on stderr), so the stream's log lines stay out of the file.
    const file = await exportData(exportRequestOf(query.data), { report: () => undefined });
    if (cli.out === null || partial === null) await writeAll(file.body, process.stdout);
    else {
      const out = fs.createWriteStream(partial);
      const bytes = await writeAll(file.body, out);
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      fs.renameSync(partial, cli.out);
      process.stderr.write(`export: wrote ${cli.out} (${bytes} bytes; the API would name it ${file.filename})\n`);
    }
  } catch (error) {
    if (partial !== null) fs.rmSync(partial, { force: true });
    if (error instanceof DomainError || error instanceof MetricsError) fail(2, error.message);
    fail(1, error instanceof Error ? error.message : String(error));
  }
}

/** The stream written to `out` as it is read, waiting whenever `out` asks to (backpressure); the bytes written. */
async function writeAll(body: ReadableStream<Uint8Array>, out: NodeJS.WritableStream): Promise<number> {
  const reader = body.getReader();
  let bytes = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    bytes += part.value.byteLength;
    if (!out.write(part.value)) await once(out, "drain");
  }
  return bytes;
}

void main();
