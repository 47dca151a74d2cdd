import fs from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** A test file that starts the production server (and so needs the build) imports one of these. */
const NEEDS_BUILD = /scripts\/(app-server|build-if-needed|next-command)["']/;

/**
 * vitest's order, with the files that start a production server moved to the end: `npm test` makes
 * the build in the background while the other files run (scripts/test.ts), and these wait for it.
 */
export class ServerFilesLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const needsBuild = new Set(sorted.filter((file) => NEEDS_BUILD.test(fs.readFileSync(file.moduleId, "utf8"))));
    return [...sorted.filter((file) => !needsBuild.has(file)), ...needsBuild];
  }
}
