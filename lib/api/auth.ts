import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { ApiError } from "./respond";

/**
 * Writes need the admin token. Without HASHATLAS_ADMIN_TOKEN configured, writes are off (403):
 * the secure default. Cross-site requests are refused whatever they carry: a browser on another
 * site must not be able to post to a HashAtlas running on someone's machine.
 */
export function requireAdmin(request: Request): void {
  const token = env().HASHATLAS_ADMIN_TOKEN;
  if (!token) throw new ApiError(403, "writes are disabled: the server has no HASHATLAS_ADMIN_TOKEN set", "authorization");
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site") throw new ApiError(403, "cross-site requests may not write", "origin");
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") {
    // X-Forwarded-Host is a proxy's word, so it counts only where proxies are trusted (lib/api/client-key.ts).
    const forwardedHost = env().HASHATLAS_TRUST_PROXY ? request.headers.get("x-forwarded-host") : null;
    const host = forwardedHost ?? request.headers.get("host") ?? new URL(request.url).host;
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new ApiError(403, "the Origin header is not a URL", "origin");
    }
    if (originHost !== host) throw new ApiError(403, `requests from ${origin} may not write`, "origin");
  } else if (origin === "null") throw new ApiError(403, "requests from an opaque origin may not write", "origin");
  const header = request.headers.get("authorization") ?? "";
  const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (!given) throw new ApiError(401, "this write needs Authorization: Bearer <admin token>", "authorization");
  // Compare digests in constant time, so neither the content nor the length of the token leaks.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(token).digest();
  if (!timingSafeEqual(a, b)) throw new ApiError(401, "the admin token is wrong", "authorization");
}
