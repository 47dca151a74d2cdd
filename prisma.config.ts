import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 7 reads the datasource URL from here, not from the schema, and does not load .env.
// The default must match lib/env.ts.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/hashatlas.db" },
});
