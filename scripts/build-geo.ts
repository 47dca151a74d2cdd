/**
 * Regenerates public/geo/world.json from the installed world-atlas package.
 * Run from the repository root: `npx tsx scripts/build-geo.ts`.
 * Output is deterministic, and lib/geo/build-world.test.ts fails if the
 * committed file differs from what this would write.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { buildWorld, serializeWorld, WORLD_ATLAS_SOURCE, type WorldAtlasTopology } from "../lib/geo/build-world";
import { worldGeoJsonFile } from "../lib/geo/world";

function main(): void {
  const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
  const source = requireFromRoot.resolve(WORLD_ATLAS_SOURCE);
  const topology = JSON.parse(readFileSync(source, "utf8")) as WorldAtlasTopology;
  const text = serializeWorld(buildWorld(topology));

  const target = worldGeoJsonFile();
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);

  const bytes = Buffer.byteLength(text);
  const gzipped = gzipSync(text, { level: 9 }).length;
  const count = (JSON.parse(text) as { features: unknown[] }).features.length;
  console.log(`${path.relative(process.cwd(), target)}: ${count} features, ${(bytes / 1024).toFixed(1)} KiB (${(gzipped / 1024).toFixed(1)} KiB gzipped)`);
}

main();
