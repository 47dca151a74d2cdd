import fs from "node:fs";
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** A module that starts the production server (and so needs the build) imports one of these. */
const NEEDS_BUILD = /scripts\/(app-server|build-if-needed|next-command)["']/;
const LOCAL_IMPORT = /from\s+["']((?:\.{1,2}|@)\/[^"']+)["']/g;
const root = path.resolve(import.meta.dirname, "..", "..");

/** Whether `file`, or a module of this repository it imports (two steps deep: a test's own support file), needs the build. */
function needsBuild(file: string, depth = 2, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = fs.readFileSync(file, "utf8");
  if (NEEDS_BUILD.test(text)) return true;
  if (depth === 0) return false;
  for (const [, specifier = ""] of text.matchAll(LOCAL_IMPORT)) {
    const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : path.resolve(path.dirname(file), specifier);
    const found = [".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((candidate) => fs.existsSync(candidate));
    if (found && needsBuild(found, depth - 1, seen)) return true;
  }
  return false;
}

/**
 * vitest's order, with the files that start a production server moved to the end: `npm test` makes
 * the build in the background while the other files run (scripts/test.ts), and these wait for it.
 */
export class ServerFilesLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const last = new Set(sorted.filter((file) => needsBuild(file.moduleId)));
    return [...sorted.filter((file) => !last.has(file)), ...last];
  }
}
