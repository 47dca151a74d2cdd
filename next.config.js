// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The generated Prisma client and better-sqlite3 stay server-side; Next knows both (STACK.md).
  typedRoutes: false,
};

module.exports = nextConfig;
