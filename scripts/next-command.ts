// The one command line that starts the Next server, for `npm start`/`npm run dev` (scripts/start.ts)
// and for every real server the tests, Playwright and the benchmark start (scripts/app-server.ts),
// so that what is tested is what runs.
import path from "node:path";

const root = path.resolve(__dirname, "..");

/** Keep-alive: an import blocks the event loop for a second or more per 100 000 rows, and Node's
 *  default 5 s keep-alive would then drop sockets that already carry a client's next request. */
export const KEEP_ALIVE_MS = 120_000;

/**
 * Arguments for `node` (process.execPath), from the repository root:
 * - graceful-close.cjs: a stop waits for the requests in flight, not for idle keep-alive sockets;
 * - edge-guard.cjs: the server's front (lib/edge/guard.ts) before Next sees a request.
 */
export function nextServerArgs(options: { port: number; host: string; dev?: boolean }): string[] {
  const next = require.resolve("next/dist/bin/next", { paths: [root] });
  const preloads = ["graceful-close.cjs", "edge-guard.cjs"].flatMap((file) => ["--require", path.join(__dirname, file)]);
  const listen = ["-p", String(options.port), "-H", options.host];
  return [...preloads, next, ...(options.dev ? ["dev", ...listen] : ["start", ...listen, "--keepAliveTimeout", String(KEEP_ALIVE_MS)])];
}
