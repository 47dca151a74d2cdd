import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const STAMP = path.join(root, ".next", "hashatlas-source.sha256");
/** Held (by its pid) while one process builds: `npm test` builds in the background while vitest runs, and a test that needs the build waits for it. */
const LOCK = path.join(root, ".tmp", "next-build.lock");
const LOCK_POLL_MS = 250;
/** What a production build is made from; a change to any of these makes `npm start` rebuild. */
const INPUTS = ["app", "components", "lib", "public/geo", "prisma/schema.prisma", "next.config.js", "instrumentation.ts", "package-lock.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function* files(entry: string): Generator<string> {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isFile()) {
    yield entry;
    return;
  }
  for (const name of fs.readdirSync(full).sort()) {
    if (SKIP.has(name) || name.endsWith(".test.ts") || name.endsWith(".test.tsx")) continue;
    yield* files(path.join(entry, name));
  }
}

export function sourceFingerprint(): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(input))
      hash
        .update(file)
        .update("\0")
        .update(fs.readFileSync(path.join(root, file)))
        .update("\0");
  }
  return hash.digest("hex");
}

function upToDate(fingerprint: string): boolean {
  return fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === fingerprint;
}

const errorCode = (error: unknown) => (error instanceof Error && "code" in error ? String(error.code) : undefined);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

function lockHolder(): number | undefined {
  try {
    const pid = Number(fs.readFileSync(LOCK, "utf8"));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Take the build lock, waiting while another live process holds it; returns its release. */
function lockBuild(log: (line: string) => void): () => void {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  let told = false;
  let unreadable = 0;
  for (;;) {
    try {
      fs.writeFileSync(LOCK, String(process.pid), { flag: "wx" });
      // Two processes that both found a dead holder may both have taken over: the file says who won.
      pause(LOCK_POLL_MS);
      if (lockHolder() === process.pid) return () => fs.rmSync(LOCK, { force: true });
      continue;
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    }
    const holder = lockHolder();
    unreadable = holder === undefined ? unreadable + 1 : 0;
    // A lock left behind by a process that died is taken over; an empty one is being written, unless it stays empty.
    if (holder !== undefined ? !alive(holder) : unreadable * LOCK_POLL_MS > 10_000) {
      fs.rmSync(LOCK, { force: true });
      continue;
    }
    if (!told && holder !== undefined) log(`build: waiting for the build process ${holder} is making…`);
    told ||= holder !== undefined;
    pause(LOCK_POLL_MS);
  }
}

/** Build with `next build` unless the existing build was made from exactly the current sources. */
export function buildIfNeeded(log: (line: string) => void = console.log): { built: boolean; ms: number } {
  const started = Date.now();
  if (upToDate(sourceFingerprint())) return { built: false, ms: Date.now() - started };
  const release = lockBuild(log);
  try {
    // Another process may have built it while this one waited.
    const fingerprint = sourceFingerprint();
    if (upToDate(fingerprint)) return { built: false, ms: Date.now() - started };
    const hasBuild = fs.existsSync(path.join(root, ".next", "BUILD_ID"));
    log(hasBuild ? "build: sources changed since the last build, rebuilding…" : "build: no production build yet, building…");
    execFileSync(process.execPath, [require.resolve("next/dist/bin/next", { paths: [root] }), "build"], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    fs.writeFileSync(STAMP, fingerprint);
    return { built: true, ms: Date.now() - started };
  } finally {
    release();
  }
}

// `node --import tsx scripts/build-if-needed.ts`: what `npm test` runs in the background.
if (require.main === module) {
  try {
    const { built, ms } = buildIfNeeded();
    console.log(built ? `build: made in ${Math.round(ms / 1000)} s` : "build: up to date");
  } catch {
    process.exit(1);
  }
}
