import { parseEnv } from "../lib/env";
import { applyMigrations } from "../lib/db/migrate";
import type { WriteReport } from "../lib/db/bulk";
import { type DatabaseLocation, databaseLocation, describeLocation } from "../lib/db/location";
import { datasetSlugs, writeDatasetsTo } from "../lib/db/write";
import { BEST_ESTIMATE_DATASET } from "../lib/metrics/best-estimate";
import { DataValidationError, formatIssue } from "../lib/io/issues";
import { DEFAULT_SEED_DIR, loadSeedBundle } from "./load";

export type SeedResult = { skipped: true; reason: string } | ({ skipped: false } & WriteReport);

/**
 * Migrate the database — a SQLite file (a path or `file:` URL) or a PostgreSQL database — and load the
 * seed into it, through the same bulk write as imports (lib/db/write.ts). Everything is read and validated before the
 * first write; the write is one transaction. With `ifEmpty`, a database that already holds any
 * dataset is left alone (start-up must not undo an import that replaced a seeded dataset) — apart
 * from what a newer version of the seed adds: datasets whose slug the database has never held are
 * written, and the best estimate is built if it is missing. Nothing present is replaced.
 */
export async function seedDatabase(target: string | DatabaseLocation, options: { seedDir?: string; ifEmpty?: boolean } = {}): Promise<SeedResult> {
  const location = databaseLocation(target);
  await applyMigrations(location);
  if (options.ifEmpty) {
    const present = new Set(await datasetSlugs(location));
    if (present.size > 0) {
      const bundle = loadSeedBundle(options.seedDir ?? DEFAULT_SEED_DIR);
      const added = bundle.datasets.filter((d) => !present.has(d.meta.slug));
      // Writing the new datasets rebuilds the best estimate too; writing none builds it if it is missing (and writes nothing when current).
      // The regions are upserted (a database from before them gets them; nothing changes when they are current).
      const report = await writeDatasetsTo(location, { regions: bundle.regions, datasets: added });
      const notes = [
        ...(added.length ? [`added the seed's new datasets ${added.map((d) => d.meta.slug).join(", ")}`] : []),
        ...(!added.length && report.written.some((w) => w.slug === BEST_ESTIMATE_DATASET) ? ["the best estimate was rebuilt"] : []),
      ];
      return { skipped: true, reason: `database already holds ${present.size} datasets${notes.length ? `; ${notes.join("; ")}` : ""}` };
    }
  }
  const bundle = loadSeedBundle(options.seedDir ?? DEFAULT_SEED_DIR);
  return { skipped: false, ...(await writeDatasetsTo(location, bundle)) };
}

async function main() {
  const ifEmpty = process.argv.includes("--if-empty");
  const { database } = parseEnv(process.env);
  try {
    const result = await seedDatabase(database, { ifEmpty });
    if (result.skipped) {
      console.log(`seed: skipped, ${result.reason}`);
      return;
    }
    const rows = result.written.reduce((n, w) => n + w.rows, 0);
    console.log(
      `seed: ${describeLocation(database)}: ${result.written.length} datasets written (${rows} rows), ${result.unchanged.length} unchanged, ${result.countriesChanged} countries changed`,
    );
  } catch (error) {
    if (error instanceof DataValidationError) {
      console.error(
        `seed failed, nothing was written:\n${error.issues
          .slice(0, 50)
          .map((i) => `  ${formatIssue(i)}`)
          .join("\n")}`,
      );
      process.exit(1);
    }
    throw error;
  }
}

if (process.argv[1] && /seed\/seed\.ts$/.test(process.argv[1].replace(/\\/g, "/"))) {
  main().catch((error: unknown) => {
    console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
