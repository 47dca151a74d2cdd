import { parseEnv } from "../lib/env";
import { applyMigrations } from "../lib/db/migrate";
import { type WriteReport, writeDatasets } from "../lib/db/bulk";
import { rebuildBestEstimate } from "../lib/db/best-estimate";
import { openSqlite } from "../lib/db/sqlite";
import { DataValidationError, formatIssue } from "../lib/io/issues";
import { DEFAULT_SEED_DIR, loadSeedBundle } from "./load";

export type SeedResult = { skipped: true; reason: string } | ({ skipped: false } & WriteReport);

/**
 * Migrate the database and load the seed into it. Everything is read and validated before the
 * first write; the write is one transaction. With `ifEmpty`, a database that already holds any
 * dataset is left alone (start-up must not undo an import that replaced a seeded dataset) — apart
 * from what a newer version of the seed adds: datasets whose slug the database has never held are
 * written, and the best estimate is built if it is missing. Nothing present is replaced.
 */
export async function seedDatabase(dbPath: string, options: { seedDir?: string; ifEmpty?: boolean } = {}): Promise<SeedResult> {
  await applyMigrations(dbPath);
  const db = openSqlite(dbPath);
  try {
    if (options.ifEmpty) {
      const row = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "Dataset"`).get();
      if ((row?.n ?? 0) > 0) {
        const present = new Set(
          db
            .prepare<[], { slug: string }>(`SELECT slug FROM "Dataset"`)
            .all()
            .map((d) => d.slug),
        );
        const added = loadSeedBundle(options.seedDir ?? DEFAULT_SEED_DIR).datasets.filter((d) => !present.has(d.meta.slug));
        // Writing the new datasets rebuilds the best estimate too; otherwise build it if it is missing (writes nothing when current).
        const composite = added.length ? "written" : db.transaction(() => rebuildBestEstimate(db, new Date().toISOString())).immediate();
        if (added.length) writeDatasets(db, { datasets: added });
        const notes = [
          ...(added.length ? [`added the seed's new datasets ${added.map((d) => d.meta.slug).join(", ")}`] : []),
          ...(composite === "written" && !added.length ? ["the best estimate was rebuilt"] : []),
        ];
        return { skipped: true, reason: `database already holds ${row?.n} datasets${notes.length ? `; ${notes.join("; ")}` : ""}` };
      }
    }
    const bundle = loadSeedBundle(options.seedDir ?? DEFAULT_SEED_DIR);
    return { skipped: false, ...writeDatasets(db, bundle) };
  } finally {
    db.close();
  }
}

async function main() {
  const ifEmpty = process.argv.includes("--if-empty");
  const { databasePath } = parseEnv(process.env);
  try {
    const result = await seedDatabase(databasePath, { ifEmpty });
    if (result.skipped) {
      console.log(`seed: skipped, ${result.reason}`);
      return;
    }
    const rows = result.written.reduce((n, w) => n + w.rows, 0);
    console.log(
      `seed: ${databasePath}: ${result.written.length} datasets written (${rows} rows), ${result.unchanged.length} unchanged, ${result.countriesChanged} countries changed`,
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
