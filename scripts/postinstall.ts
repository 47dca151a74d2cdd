// Runs after `npm ci`/`npm install`: generates the Prisma clients — SQLite's from prisma/schema.prisma,
// PostgreSQL's from prisma/postgresql/schema.prisma (scripts/generate-pg-schema.ts) — and puts
// maplibre's worker where the browser can load it. All of it works offline.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");

/** Each provider's schema; prisma.config.ts names the first, `--schema` the others. */
const SCHEMAS = [path.join("prisma", "schema.prisma"), path.join("prisma", "postgresql", "schema.prisma")];

function generatePrismaClients() {
  // Every Prisma CLI command tries to download the native schema engine, which cannot be reached
  // here; `generate` does not use it, so a stand-in that answers --version is enough.
  const cacheDir = path.join(root, "node_modules", ".cache", "hashatlas");
  fs.mkdirSync(cacheDir, { recursive: true });
  const standIn = path.join(cacheDir, "schema-engine-stand-in");
  fs.writeFileSync(standIn, '#!/bin/sh\necho "schema-engine-cli 0.0.0 (stand-in: generate only)"\n', { mode: 0o755 });
  for (const schema of SCHEMAS) {
    execFileSync(process.execPath, [require.resolve("prisma/build/index.js", { paths: [root] }), "generate", "--schema", schema], {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: standIn,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        PRISMA_DISABLE_WARNINGS: "1",
        CHECKPOINT_DISABLE: "1",
      },
    });
  }
}

function copyMaplibreWorker() {
  // Bundled by Next the worker fails to load; served as a static file it works (STACK.md).
  const source = require.resolve("maplibre-gl/dist/maplibre-gl-worker.mjs", { paths: [root] });
  const target = path.join(root, "public", "vendor", "maplibre-gl-worker.mjs");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
}

generatePrismaClients();
copyMaplibreWorker();
