// Finds a Chromium for Playwright, or gets one: CHROMIUM_PATH if set, else the system's chromium,
// else Playwright's own browser; where there is none, Debian's `chromium` package via apt-get when
// running as root, else Playwright's browser download (needs the internet), else a one-line instruction.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";

const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

function works(executable: string): boolean {
  if (!fs.existsSync(executable)) return false;
  const result = spawnSync(executable, ["--headless", "--no-sandbox", "--version"], { encoding: "utf8", timeout: 30_000 });
  return result.status === 0;
}

function playwrightOwn(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional package, looked for synchronously
    const { chromium } = require("playwright-core") as typeof import("playwright-core");
    const file = chromium.executablePath();
    return file && fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (works(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} is not a working Chromium`);
  }
  return SYSTEM_CANDIDATES.find(works) ?? playwrightOwn();
}

function installWithApt(): boolean {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return false;
  if (spawnSync("apt-get", ["--version"]).status !== 0) return false;
  console.log("chromium: not found; installing Debian's chromium package with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
    return true;
  } catch {
    return false;
  }
}

function installWithPlaywright(): boolean {
  console.log("chromium: trying Playwright's own browser download…");
  const result = spawnSync(process.execPath, [require.resolve("@playwright/test/cli"), "install", "chromium"], { stdio: "inherit", timeout: 300_000 });
  return result.status === 0;
}

export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (installWithApt() || installWithPlaywright()) {
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new Error("No Chromium found: install one (as root: apt-get install chromium) or set CHROMIUM_PATH to a Chromium executable, then run npm test again.");
}

if (require.main === module) {
  try {
    console.log(ensureChromium());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
