// `npm start`: validate the environment, migrate and (if empty) seed the database — the SQLite file or
// the PostgreSQL database DATABASE_URL names — build if the sources changed — under a lock, so that
// instances started together on one database do this once — then serve on PORT. `npm run dev` does
// the same with `next dev` instead.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describeLocation } from "../lib/db/location";
import { parseEnv } from "../lib/env";
import { buildIfNeeded } from "./build-if-needed";
import { nextServerArgs } from "./next-command";
import { prepareDatabase } from "./prepare-database";

/** A database that cannot be used stops the start with one line naming the file (exit 2): no stack trace, no restart loop. */
function fail(file: string, reason: string): never {
  console.error(`start failed: ${file}: ${reason}`);
  process.exit(2);
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  const code = typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * Before migrating: the directory must be writable (WAL keeps -wal and -shm files next to the
 * database), and an existing file must be writable and pass PRAGMA quick_check, so that a corrupt
 * or read-only database is reported here rather than as failing requests later. fs.accessSync
 * also refuses a read-only mount or an immutable file to root, which mode bits do not.
 */
function checkDatabaseFile(file: string) {
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    // mkdir says ENOENT on a read-only mount; the nearest existing ancestor tells why.
    let ancestor = path.dirname(dir);
    while (!fs.existsSync(ancestor) && path.dirname(ancestor) !== ancestor) ancestor = path.dirname(ancestor);
    let why = reasonOf(error);
    try {
      fs.accessSync(ancestor, fs.constants.W_OK);
    } catch (denied) {
      why = `${ancestor} is not writable: ${reasonOf(denied)}`;
    }
    fail(file, `cannot create its directory ${dir} (${why})`);
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    fail(file, `its directory ${dir} is not writable (${reasonOf(error)}); the database and its -wal/-shm files need a writable directory`);
  }
  if (!fs.existsSync(file)) return;
  try {
    fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch (error) {
    fail(file, `the database file is not writable (${reasonOf(error)})`);
  }
  let db: Database.Database | undefined;
  let problems: string[] = [];
  try {
    db = new Database(file, { fileMustExist: true, timeout: 5_000 });
    // One row per problem (the first may hold several lines); "ok" alone when there is none.
    const rows = db.pragma("quick_check(3)") as { quick_check: string }[];
    problems = rows.flatMap((r) => r.quick_check.split("\n")).filter((line) => line !== "ok" && !line.startsWith("***"));
  } catch (error) {
    fail(file, `cannot be read as a SQLite database: ${reasonOf(error)}; restore it from a backup, or move it away to start from a fresh seed`);
  } finally {
    db?.close();
  }
  if (problems.length)
    fail(
      file,
      `the database is corrupt (quick_check: ${problems.slice(0, 2).join("; ")}); restore it from a backup, or move it away to start from a fresh seed`,
    );
}

async function main() {
  const dev = process.argv.includes("--dev");
  let config;
  try {
    config = parseEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const database = config.database;
  // For messages: the file, or the URL without its password.
  const where = describeLocation(database);
  if (database.provider === "sqlite") checkDatabaseFile(database.path);
  let seeded;
  // A failed build is not the database's fault: it is reported as it was before the lock.
  let buildFailure: { error: unknown } | undefined;
  try {
    seeded = await prepareDatabase(database, {
      onWait: () => console.log(`database: ${where}: another instance is preparing it; waiting…`),
      // Instances of one checkout share .next: two builds into it at once would break both.
      then: dev
        ? undefined
        : () => {
            try {
              buildIfNeeded();
            } catch (error) {
              buildFailure = { error };
            }
          },
    });
  } catch (error) {
    fail(where, reasonOf(error));
  }
  if (buildFailure) throw buildFailure.error;
  console.log(seeded.skipped ? `database: ${where} (${seeded.reason}; seed left alone)` : `database: ${where} seeded with ${seeded.written.length} datasets`);
  // Localhost unless HOST says otherwise: an import endpoint should not face a network by accident.
  const child = spawn(process.execPath, nextServerArgs({ port: config.PORT, host: config.HOST, dev }), {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: database.provider === "sqlite" ? `file:${database.path}` : database.url },
  });
  let stopping: NodeJS.Signals | undefined;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = signal;
      child.kill(signal);
    });
  }
  // Next finishes the requests in flight on SIGINT/SIGTERM, then exits with 128 + the signal's
  // number (130, 143); a stop that was asked for and went that way is a clean exit here.
  const graceful: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };
  child.on("exit", (code, signal) => process.exit(stopping && code === graceful[stopping] ? 0 : (code ?? (signal ? 1 : 0))));
}

main().catch((error: unknown) => {
  console.error(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
