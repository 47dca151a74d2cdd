// The import worker's entry, loaded by Node itself (never bundled): the Next server's own code is
// compiled by Turbopack, but a worker thread starts from a file on disk, and vitest's transform does
// not reach into threads either. So this plain module teaches the thread TypeScript (tsx's require
// hook: the package is CommonJS, so .ts files load as CommonJS; the hook is per thread and does not
// touch the server's loader) and then loads the TypeScript entry, which shares lib/ with the server.
import { createRequire } from "node:module";
import { register } from "tsx/cjs/api";

register();
createRequire(import.meta.url)("./worker.ts");
