// Finds nginx for the reverse-proxy test (tests/deploy/nginx.test.ts), or gets it: NGINX_PATH if set,
// else nginx on the usual paths or PATH; where there is none, Debian's `nginx` package via apt-get
// when running as root (as ensure-chromium.ts does for Chromium), else a one-line instruction.
// Debian's package may start its own service on port 80 after installing (containers usually forbid
// that through policy-rc.d); the test never uses it, it runs an nginx of its own on a free port.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SYSTEM_CANDIDATES = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx", "/usr/bin/nginx"];

function works(executable: string): boolean {
  if (!fs.existsSync(executable)) return false;
  return spawnSync(executable, ["-v"], { encoding: "utf8", timeout: 30_000 }).status === 0;
}

function onPath(): string | undefined {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, "nginx"))
    .find(works);
}

function findNginx(): string | undefined {
  const fromEnv = process.env.NGINX_PATH;
  if (fromEnv) {
    if (works(fromEnv)) return fromEnv;
    throw new Error(`NGINX_PATH=${fromEnv} is not a working nginx`);
  }
  return SYSTEM_CANDIDATES.find(works) ?? onPath();
}

function installWithApt(): boolean {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return false;
  if (spawnSync("apt-get", ["--version"]).status !== 0) return false;
  console.log("nginx: not found; installing Debian's nginx package with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "nginx"], { stdio: "inherit", env });
    return true;
  } catch {
    return false;
  }
}

/** The nginx executable, installing Debian's package when there is none and this runs as root. */
export function ensureNginx(): string {
  const found = findNginx();
  if (found) return found;
  if (installWithApt()) {
    const installed = findNginx();
    if (installed) return installed;
  }
  throw new Error("No nginx found: install one (as root: apt-get install nginx) or set NGINX_PATH to an nginx executable, then run the tests again.");
}

if (require.main === module) {
  try {
    console.log(ensureNginx());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
