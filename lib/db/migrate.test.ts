import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, createMigration, DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH, migrationStatus, toMigrationName } from "./migrate";

const EXPECTED_TABLES = [
  "Bloc",
  "BlocMember",
  "Country",
  "Dataset",
  "DifficultyAdjustment",
  "HashrateShare",
  "MiningSite",
  "NetworkEvent",
  "NetworkStat",
  "PowerPrice",
  "Region",
  "RegionalShare",
  "ShockEvent",
  "ShockEventCountry",
  "ShockObservation",
  "SiteCell",
];

// The wasm engine is instantiated once per process; the first call pays for compiling ~5 MB of wasm.
const ENGINE_TIMEOUT_MS = 60_000;

function migrationsOnDisk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every file below `dir` with its contents, to prove a call wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
  }
  return files;
}

describe("migrations on a temp database", () => {
  let tmpDir: string;
  let dbPath: string;
  const repoMigrations = migrationsOnDisk(DEFAULT_MIGRATIONS_DIR);

  beforeAll(() => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-migrate-"));
    // A missing parent directory must be created by applyMigrations.
    dbPath = path.join(tmpDir, "nested", "test.db");
  });

  afterAll(() => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  it("has an init migration in the repo", () => {
    expect(repoMigrations.some((name) => /^\d{14}_init$/.test(name))).toBe(true);
    expect(fs.readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, "migration_lock.toml"), "utf8")).toContain('provider = "sqlite"');
  });

  it("reports everything pending before the database exists, without creating it", () => {
    expect(migrationStatus(dbPath)).toEqual({ applied: [], pending: repoMigrations, failed: [] });
    expect(fs.existsSync(dbPath)).toBe(false);
  });

  it(
    "applies every migration to a fresh database and records it in _prisma_migrations",
    async () => {
      const { applied } = await applyMigrations(dbPath);
      expect(applied).toEqual(repoMigrations);

      const db = new Database(dbPath, { readonly: true });
      try {
        const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
        expect(tables).toEqual(expect.arrayContaining([...EXPECTED_TABLES, "_prisma_migrations"]));

        const rows = db.prepare("SELECT migration_name, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations").all() as {
          migration_name: string;
          finished_at: string | null;
          rolled_back_at: string | null;
          applied_steps_count: number;
        }[];
        const init = rows.find((row) => row.migration_name.endsWith("_init"));
        expect(init).toBeDefined();
        expect(init?.finished_at).not.toBeNull();
        expect(init?.rolled_back_at).toBeNull();
        expect(init?.applied_steps_count).toBe(1);

        expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
        // Foreign keys from the schema made it into the DDL.
        expect(db.pragma("foreign_key_list(HashrateShare)")).toHaveLength(2);
      } finally {
        db.close();
      }
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "applies nothing the second time",
    async () => {
      expect(await applyMigrations(dbPath)).toEqual({ applied: [] });
      const db = new Database(dbPath, { readonly: true });
      try {
        const { n } = db.prepare("SELECT COUNT(*) AS n FROM _prisma_migrations").get() as { n: number };
        expect(n).toBe(repoMigrations.length);
      } finally {
        db.close();
      }
    },
    ENGINE_TIMEOUT_MS,
  );

  it("reports no pending migrations once applied", () => {
    expect(migrationStatus(dbPath)).toEqual({ applied: repoMigrations, pending: [], failed: [] });
  });

  it(
    "releases the database: another connection can write right after",
    async () => {
      await applyMigrations(dbPath);
      const db = new Database(dbPath, { timeout: 0 });
      try {
        expect(() => db.exec("BEGIN IMMEDIATE; ROLLBACK;")).not.toThrow();
      } finally {
        db.close();
      }
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "creates no migration and writes nothing when schema.prisma matches the history",
    async () => {
      const copy = path.join(tmpDir, "migrations");
      fs.cpSync(DEFAULT_MIGRATIONS_DIR, copy, { recursive: true });
      // Catch up first if schema.prisma was edited without a migration (the next test reports that).
      await createMigration("catch_up", undefined, { migrationsDir: copy });
      const before = snapshot(copy);

      expect(await createMigration("nothing_changed", undefined, { migrationsDir: copy })).toEqual({
        created: null,
        warnings: [],
      });
      expect(snapshot(copy)).toEqual(before);
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "has committed migrations that match schema.prisma (else run: tsx scripts/db-migrate.ts <name>)",
    async () => {
      const copy = path.join(tmpDir, "migrations-check");
      fs.cpSync(DEFAULT_MIGRATIONS_DIR, copy, { recursive: true });
      // Against the up-to-date temp database too, as `<name> --apply` does.
      const { created } = await createMigration("pending_schema_change", dbPath, { migrationsDir: copy });
      const sql = created ? fs.readFileSync(path.join(copy, created, "migration.sql"), "utf8") : null;
      expect(sql).toBeNull();
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "writes a migration for a schema change, which then applies",
    async () => {
      const copy = path.join(tmpDir, "migrations-changed");
      fs.cpSync(DEFAULT_MIGRATIONS_DIR, copy, { recursive: true });
      const schemaPath = path.join(tmpDir, "schema.prisma");
      fs.writeFileSync(schemaPath, `${fs.readFileSync(DEFAULT_SCHEMA_PATH, "utf8")}\nmodel MigrateProbe {\n  id Int @id\n}\n`);

      const { created } = await createMigration("Add probe", undefined, { migrationsDir: copy, schemaPath });
      expect(created).toMatch(/^\d{14}_add_probe$/);
      const sql = fs.readFileSync(path.join(copy, created ?? "", "migration.sql"), "utf8");
      expect(sql).toContain('CREATE TABLE "MigrateProbe"');

      const { applied } = await applyMigrations(dbPath, { migrationsDir: copy });
      expect(applied).toEqual([created]);
      expect(migrationStatus(dbPath, { migrationsDir: copy }).pending).toEqual([]);
    },
    ENGINE_TIMEOUT_MS,
  );
});

describe("error reporting", () => {
  let tmpDir: string;

  beforeAll(() => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-migrate-err-"));
  });

  afterAll(() => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  it(
    "names the broken migration and its SQLite error, records it as failed, then refuses to go on",
    async () => {
      const dir = path.join(tmpDir, "migrations");
      fs.mkdirSync(path.join(dir, "20000101000000_broken"), { recursive: true });
      fs.writeFileSync(path.join(dir, "20000101000000_broken", "migration.sql"), "CREATE TABLE oops (;\n");
      const dbPath = path.join(tmpDir, "broken.db");

      await expect(applyMigrations(dbPath, { migrationsDir: dir })).rejects.toMatchObject({
        name: "MigrationError",
        message: 'Migration 20000101000000_broken failed: near ";": syntax error',
      });
      expect(migrationStatus(dbPath, { migrationsDir: dir })).toEqual({
        applied: [],
        pending: ["20000101000000_broken"],
        failed: ["20000101000000_broken"],
      });
      await expect(applyMigrations(dbPath, { migrationsDir: dir })).rejects.toMatchObject({ code: "P3009" });
    },
    ENGINE_TIMEOUT_MS,
  );

  it("slugifies migration names like the Prisma CLI and rejects empty ones", () => {
    expect(toMigrationName("Add Country index")).toBe("add_country_index");
    expect(toMigrationName("addCountryIndex")).toBe("add_country_index");
    expect(() => toMigrationName(" !! ")).toThrow(/Invalid migration name/);
  });
});
