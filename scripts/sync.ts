/**
 * `npm run sync -- --mempool https://mempool.example.org`
 * `npm run sync -- --bitcoind http://127.0.0.1:8332 --rpccookiefile ~/.bitcoin/.cookie`
 *
 * Adds the network months and difficulty retargets the database lacks, read from a mempool instance
 * or a Bitcoin Core node, to the `synced-network` and `synced-retargets` datasets (lib/services/sync.ts;
 * docs/methodology.md#syncing-network-data). The database is DATABASE_URL's (lib/env.ts), as for the
 * app and `npm run import`. One line on stdout on success; on failure one line on stderr naming the
 * URL and the problem, exit 1, nothing written; exit 2 for bad flags.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { type DatabaseLocation, describeLocation } from "../lib/db/location";
import { parseEnv } from "../lib/env";
import { DomainError } from "../lib/services/errors";
import { type SyncOutcome, type SyncSource, syncNetwork } from "../lib/services/sync";
import { rpcEndpoint } from "../lib/sync/bitcoind";
import { SourceError, SYNC_TIMEOUT_MS } from "../lib/sync/http";

const USAGE = `usage: npm run sync -- --mempool <base URL>
       npm run sync -- --bitcoind <RPC URL> [--rpccookiefile <path> | --rpcuser <user> --rpcpassword <password>]
       [--timeout-ms <ms>]   (per request; default ${SYNC_TIMEOUT_MS})
  A user and password may also be given in the RPC URL: http://user:password@127.0.0.1:8332/`;

/** Longest per-request timeout accepted (10 minutes): a longer wait is a hung source. */
const MAX_TIMEOUT_MS = 600_000;

const sourceUrl = z.string().refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), "must be an http(s) URL such as http://127.0.0.1:8332");

const SyncFlags = z
  .object({
    mempool: sourceUrl.refine((s) => !URL.canParse(s) || new URL(s).username === "", "must not carry a user name or password").optional(),
    bitcoind: sourceUrl.optional(),
    rpccookiefile: z.string().min(1, "needs a file name").optional(),
    rpcuser: z.string().min(1, "needs a user name").optional(),
    rpcpassword: z.string().optional(),
    "timeout-ms": z.coerce
      .number({ error: "must be a whole number of milliseconds" })
      .int("must be a whole number of milliseconds")
      .min(1, "must be at least 1")
      .max(MAX_TIMEOUT_MS, `must be at most ${MAX_TIMEOUT_MS}`)
      .default(SYNC_TIMEOUT_MS),
  })
  .superRefine((f, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if ((f.mempool === undefined) === (f.bitcoind === undefined)) problem("mempool", "give either --mempool or --bitcoind (one source)");
    const rpcFlags = ["rpccookiefile", "rpcuser", "rpcpassword"] as const;
    if (f.bitcoind === undefined) for (const flag of rpcFlags) if (f[flag] !== undefined) problem(flag, "is for --bitcoind only");
    if (f.rpcpassword !== undefined && f.rpcuser === undefined) problem("rpcpassword", "needs --rpcuser");
    const urlUser = f.bitcoind !== undefined && URL.canParse(f.bitcoind) && new URL(f.bitcoind).username !== "";
    if (f.rpccookiefile !== undefined && (f.rpcuser !== undefined || urlUser))
      problem("rpccookiefile", "give either a cookie file or a user and password, not both");
    if (f.rpcuser !== undefined && urlUser) problem("rpcuser", "the URL already carries a user name");
  });

class UsageError extends Error {}

function parseCli(argv: string[]): z.output<typeof SyncFlags> | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        mempool: { type: "string" },
        bitcoind: { type: "string" },
        rpccookiefile: { type: "string" },
        rpcuser: { type: "string" },
        rpcpassword: { type: "string" },
        "timeout-ms": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Node's messages are one line but end with a hint about "--" that does not apply here.
    const message = error instanceof Error ? (error.message.split(/\.\s/)[0] ?? error.message) : String(error);
    throw new UsageError(message.replace(/\.$/, ""));
  }
  if (values.help) return "help";
  const { help: _help, ...flags } = values;
  const parsed = SyncFlags.safeParse(flags);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${issue?.path.map(String).join(".") ?? "(flags)"} ${issue?.message ?? "is invalid"}`);
  }
  return parsed.data;
}

function say(stream: NodeJS.WriteStream, message: string) {
  stream.write(`sync: ${message.replace(/\s*\n\s*/g, " ")}\n`);
}

function summary(o: SyncOutcome): string {
  const range = (items: (string | number)[]) => (items.length > 1 ? ` (${items[0]} … ${items[items.length - 1]})` : items.length ? ` (${items[0]})` : "");
  const newest = `newest month ${o.newestMonth ?? "none"}`;
  if (o.written.length === 0) return `nothing new from ${o.source}; ${newest}`;
  const months = `${o.monthsAdded.length} month${o.monthsAdded.length === 1 ? "" : "s"}${range(o.monthsAdded)}`;
  const retargets = `${o.retargetsAdded.length} retarget${o.retargetsAdded.length === 1 ? "" : "s"}${range(o.retargetsAdded)}`;
  const closed = o.epochsClosed.length ? `, closed the epoch of retarget ${o.epochsClosed.join(", ")}` : "";
  return `added ${months} and ${retargets}${closed} from ${o.source}; ${newest}`;
}

async function main() {
  let flags;
  try {
    flags = parseCli(process.argv.slice(2));
  } catch (error) {
    say(process.stderr, `${error instanceof Error ? error.message : String(error)}; see --help`);
    process.exit(2);
  }
  if (flags === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let database: DatabaseLocation;
  try {
    ({ database } = parseEnv(process.env));
  } catch (error) {
    say(process.stderr, error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const raw = flags.mempool ?? flags.bitcoind ?? "";
  // Messages never show a password given in the URL.
  const shownUrl = new URL(raw);
  shownUrl.password = "";
  const shown = shownUrl.href;
  try {
    let source: SyncSource;
    if (flags.mempool !== undefined) source = { kind: "mempool", baseUrl: flags.mempool };
    else {
      const credentials = {
        ...(flags.rpccookiefile !== undefined ? { cookieFile: flags.rpccookiefile } : {}),
        ...(flags.rpcuser !== undefined ? { user: flags.rpcuser, password: flags.rpcpassword ?? "" } : {}),
      };
      source = { kind: "bitcoind", endpoint: rpcEndpoint(raw, credentials) };
    }
    const outcome = await syncNetwork({ source, database, timeoutMs: flags["timeout-ms"] });
    say(process.stdout, summary(outcome));
  } catch (error) {
    if (error instanceof SourceError) say(process.stderr, `${error.url}: ${error.problem}`);
    else if (error instanceof DomainError) say(process.stderr, `${describeLocation(database)}: ${error.message}`);
    else say(process.stderr, `${shown}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

void main();
