import fs from "node:fs";
import path from "node:path";
import { trustPeerHeader } from "../api/client-key";
import { dataVersion } from "../db/data-version";
import { env } from "../env";
import { log } from "../log";
import { appVersion } from "../version";
import type { CacheOptions } from "./cache-front";
import { createEdgeGuard } from "./guard";
import { securityHeaders } from "./security-headers.cjs";

type Front = { install: (guard: ReturnType<typeof createEdgeGuard>) => void };

function frontSlot(): Front | undefined {
  const slot: unknown = Reflect.get(globalThis, Symbol.for("hashatlas.edge-front"));
  if (typeof slot !== "object" || slot === null || !("install" in slot)) return undefined;
  const install = slot.install;
  if (typeof install !== "function") return undefined;
  return { install: (guard) => void Reflect.apply(install, slot, [guard]) };
}

/**
 * What the ETags of this server are made of besides the data version: the application's version (a
 * release with another answer format never matches an old ETag) and Next's build id, which every
 * page embeds (a rebuild — of the same version too — serves other pages). Every process started
 * from the same build shares both, so their ETags agree. None under `next dev`: there the code
 * changes while the data version stands still, and a 304 would keep an old page.
 */
function cacheOptions(): CacheOptions | undefined {
  if (process.env.NODE_ENV === "development") return undefined;
  let buildId: string;
  try {
    // `next start` runs from the project root, with the build in .next (next.config.js sets no distDir).
    buildId = fs.readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
  } catch (error) {
    log().warn({ err: String(error) }, "no .next/BUILD_ID: answers are not cached (no ETag)");
    return undefined;
  }
  let failing = false;
  return {
    release: `${appVersion()}+${buildId}`,
    dataVersion: async () => {
      try {
        const version = await dataVersion();
        failing = false;
        return version;
      } catch (error) {
        // The answer itself will say what is wrong (e.g. /api/health's 503); it is then not cached.
        if (!failing) log().warn({ err: error instanceof Error ? error.message : String(error) }, "data version unreadable: answers are not cached");
        failing = true;
        return undefined;
      }
    },
    seconds: env().HASHATLAS_CACHE_SECONDS,
  };
}

/**
 * Install the server's front (guard.ts) into the slot scripts/edge-guard.cjs — preloaded into
 * `next start` by scripts/next-command.ts — keeps before Next's request listener. Called once, at
 * start-up, from instrumentation.ts.
 *
 * A server started without that preload has no front: it says so once, and the route handlers
 * then count every client as one ("local"), since a peer address header could be anybody's.
 */
export function installEdgeGuard(): void {
  const front = frontSlot();
  if (!front) {
    log().warn("started without scripts/edge-guard.cjs (use npm start): no Host or method checks, and every client counts as one for rate limits");
    return;
  }
  front.install(
    createEdgeGuard({
      allowedHosts: env().HASHATLAS_ALLOWED_HOSTS,
      // The development policy under `next dev`, as next.config.js decides it (Next sets NODE_ENV).
      headers: securityHeaders(process.env.NODE_ENV === "development"),
      onRefusal: (refusal) => log().info(refusal, "request refused"),
      cache: cacheOptions(),
    }),
  );
  trustPeerHeader();
}
