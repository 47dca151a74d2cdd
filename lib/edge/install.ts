import { trustPeerHeader } from "../api/client-key";
import { env } from "../env";
import { log } from "../log";
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
    }),
  );
  trustPeerHeader();
}
