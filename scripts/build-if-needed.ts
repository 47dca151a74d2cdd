import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const STAMP = path.join(root, ".next", "hashatlas-source.sha256");
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

/** Build with `next build` unless the existing build was made from exactly the current sources. */
export function buildIfNeeded(log: (line: string) => void = console.log): { built: boolean; ms: number } {
  const started = Date.now();
  const fingerprint = sourceFingerprint();
  const hasBuild = fs.existsSync(path.join(root, ".next", "BUILD_ID"));
  if (hasBuild && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === fingerprint) return { built: false, ms: Date.now() - started };
  log(hasBuild ? "build: sources changed since the last build, rebuilding…" : "build: no production build yet, building…");
  execFileSync(process.execPath, [require.resolve("next/dist/bin/next", { paths: [root] }), "build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync(STAMP, fingerprint);
  return { built: true, ms: Date.now() - started };
}
