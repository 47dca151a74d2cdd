// @ts-check
const { PHASE_DEVELOPMENT_SERVER } = require("next/constants");
// Content-Security-Policy and the other security headers, and why each source is there.
const { securityHeaders } = require("./lib/edge/security-headers.cjs");

/** @param {string} phase @returns {import("next").NextConfig} */
module.exports = (phase) => ({
  reactStrictMode: true,
  poweredByHeader: false,
  // The generated Prisma client and better-sqlite3 stay server-side; Next knows both (STACK.md).
  typedRoutes: false,
  // `npm test` has type-checked every file already (tsc, after `next typegen` made the route types
  // the build would check), so its build leaves out the second, identical check.
  typescript: { ignoreBuildErrors: process.env.HASHATLAS_BUILD_TYPES_CHECKED === "1" },
  // On every page, API route and static file.
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(phase === PHASE_DEVELOPMENT_SERVER) }];
  },
  // Browsers and tools that ask for the conventional /favicon.ico (e.g. a tab showing a JSON
  // answer, which names no icon) get the app's icon rather than a 404.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
});
