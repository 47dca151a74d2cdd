// Finds PostgreSQL's server binaries for the tests and benches that run against a throw-away cluster
// (scripts/postgres-server.ts), or gets them: POSTGRES_BINDIR if set, else Debian's layout
// (/usr/lib/postgresql/<major>/bin, newest first, which is not on PATH), else initdb on PATH; where
// there are none, Debian's `postgresql` package via apt-get when running as root (as ensure-nginx.ts
// does for nginx), else a one-line instruction. Debian's package may create and start a cluster of its
// own on port 5432 (containers usually forbid the start through policy-rc.d); the tests never use it.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const DEBIAN_ROOT = "/usr/lib/postgresql";
/** What postgres-server.ts runs; `postgres` itself is found by pg_ctl next to pg_ctl. */
const REQUIRED = ["initdb", "pg_ctl", "postgres"] as const;

function works(binDir: string): boolean {
  if (!REQUIRED.every((name) => fs.existsSync(path.join(binDir, name)))) return false;
  return spawnSync(path.join(binDir, "initdb"), ["--version"], { encoding: "utf8", timeout: 30_000 }).status === 0;
}

/** Debian's versioned folders, newest major first (numerically: 16 before 9). */
function debianCandidates(): string[] {
  let majors: string[];
  try {
    majors = fs.readdirSync(DEBIAN_ROOT).filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return majors.sort((a, b) => Number(b) - Number(a)).map((major) => path.join(DEBIAN_ROOT, major, "bin"));
}

/** The folder of an initdb on PATH, through symlinks: pg_ctl must find `postgres` beside itself. */
function onPath(): string[] {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, "initdb"))
    .filter((file) => fs.existsSync(file))
    .map((file) => path.dirname(fs.realpathSync(file)));
}

function findPostgres(): string | undefined {
  const fromEnv = process.env.POSTGRES_BINDIR;
  if (fromEnv) {
    if (works(fromEnv)) return fromEnv;
    throw new Error(`POSTGRES_BINDIR=${fromEnv} does not hold working PostgreSQL server binaries (${REQUIRED.join(", ")})`);
  }
  return [...debianCandidates(), ...onPath()].find(works);
}

function installWithApt(): boolean {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return false;
  if (spawnSync("apt-get", ["--version"]).status !== 0) return false;
  console.log("postgresql: not found; installing Debian's postgresql package with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "postgresql"], { stdio: "inherit", env });
    return true;
  } catch {
    return false;
  }
}

/** The folder holding initdb, pg_ctl and postgres, installing Debian's package when there is none and this runs as root. */
export function ensurePostgres(): string {
  const found = findPostgres();
  if (found) return found;
  if (installWithApt()) {
    const installed = findPostgres();
    if (installed) return installed;
  }
  throw new Error(
    "No PostgreSQL server found: install one (as root: apt-get install postgresql) or set POSTGRES_BINDIR to the folder holding initdb and pg_ctl, then run the tests again.",
  );
}

if (require.main === module) {
  try {
    console.log(ensurePostgres());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
