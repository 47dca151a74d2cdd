// The PostgreSQL side of the migrations and the client, on ONE throw-away cluster (scripts/postgres-server.ts):
// the two histories name the same migrations, the PostgreSQL one builds exactly prisma/postgresql/schema.prisma,
// the start-up path applies it once, and the Prisma client reads and writes through the pg adapter.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresServer, startPostgres } from "@/scripts/postgres-server";
import { prismaFor } from "../client";
import { listMigrationNames } from "../migration-status";
import {
  applyMigrations,
  createPostgresMigration,
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_POSTGRES_MIGRATIONS_DIR,
  DEFAULT_POSTGRES_SCHEMA_PATH,
  schemaDrift,
} from "../migrate";

// The wasm engine compiles once per process (~1 s); a shadow replay of the history takes a few more.
const ENGINE_TIMEOUT_MS = 60_000;

let server: PostgresServer;
let tmpDir: string;

beforeAll(async () => {
  server = await startPostgres();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-pg-migrate-"));
}, 120_000);

afterAll(async () => {
  await server.stop();
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("the PostgreSQL migration history", () => {
  it("names the same migrations as the SQLite one, in the same order, under its own lock file", () => {
    const sqlite = listMigrationNames(DEFAULT_MIGRATIONS_DIR);
    expect(sqlite.length).toBeGreaterThanOrEqual(4);
    expect(listMigrationNames(DEFAULT_POSTGRES_MIGRATIONS_DIR)).toEqual(sqlite);
    expect(fs.readFileSync(path.join(DEFAULT_POSTGRES_MIGRATIONS_DIR, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
  });

  it(
    "applies in full by URL at start-up, then applies nothing the second time",
    async () => {
      const names = listMigrationNames(DEFAULT_POSTGRES_MIGRATIONS_DIR);
      expect(await applyMigrations(server.url)).toEqual({ applied: names });
      expect(await applyMigrations(server.url)).toEqual({ applied: [] });
      const rows = await query<{ migration_name: string }>(
        server.url,
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY 1',
      );
      expect(rows.map((row) => row.migration_name)).toEqual(names);
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "yields exactly prisma/postgresql/schema.prisma: the engine finds nothing to change, yet notices a schema with more",
    async () => {
      expect(await schemaDrift(server.url)).toBe("");
      const bigger = path.join(tmpDir, "bigger.prisma");
      fs.writeFileSync(bigger, `${fs.readFileSync(DEFAULT_POSTGRES_SCHEMA_PATH, "utf8")}\nmodel DriftProbe {\n  id Int @id\n}\n`);
      expect(await schemaDrift(server.url, { schemaPath: bigger })).toContain('CREATE TABLE "DriftProbe"');
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "writes a schema change as a migration of the given name, diffed on a shadow database that is dropped afterwards",
    async () => {
      const copy = path.join(tmpDir, "migrations-postgresql");
      fs.cpSync(DEFAULT_POSTGRES_MIGRATIONS_DIR, copy, { recursive: true });
      const schemaPath = path.join(tmpDir, "probe.prisma");
      fs.writeFileSync(schemaPath, `${fs.readFileSync(DEFAULT_POSTGRES_SCHEMA_PATH, "utf8")}\nmodel MigrateProbe {\n  id Int @id\n  x  Float\n}\n`);
      const scratch = await server.createDatabase("scratch");

      const name = "29991231235959_add_probe";
      expect(await createPostgresMigration(name, scratch, { migrationsDir: copy, schemaPath })).toEqual({ created: name, warnings: [] });
      const sql = fs.readFileSync(path.join(copy, name, "migration.sql"), "utf8");
      expect(sql).toContain('CREATE TABLE "MigrateProbe"');
      expect(sql).toContain('"x" DOUBLE PRECISION NOT NULL');

      // The history was replayed on a shadow database, not in `scratch`, and the shadow is gone.
      const tables = await query<{ tablename: string }>(scratch, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      expect(tables.map((t) => t.tablename)).not.toContain("MigrateProbe");
      const shadows = await query<{ datname: string }>(server.url, "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
      expect(shadows).toEqual([]);

      expect(await applyMigrations(scratch, { migrationsDir: copy })).toEqual({ applied: [name] });
    },
    ENGINE_TIMEOUT_MS,
  );
});

describe("the Prisma client on PostgreSQL", () => {
  it(
    "reads the Dataset table after the migrations, and gives back what it wrote",
    async () => {
      const client = prismaFor({ provider: "postgresql", url: server.url });
      try {
        expect(await client.dataset.findMany()).toEqual([]);
        const dataset = await client.dataset.create({
          data: {
            slug: "pg-probe",
            kind: "shares",
            title: "T",
            publisher: "P",
            url: "https://example.org",
            licence: "CC0",
            retrievedAt: "2026-01-01",
            contentHash: "h",
            importedAt: "2026-01-01T00:00:00.000Z",
          },
        });
        // Ids count from 1 as SQLite's do; defaults come from the migration.
        expect(dataset).toMatchObject({ id: 1, origin: "seed", coverage: "network" });
        await client.country.createMany({
          data: ["a", "B", "Z", "é"].map((iso2, i) => ({ iso2, iso3: `${iso2}3`, isoNumeric: String(i), name: iso2 })),
        });
        // Doubles come back bit for bit.
        const share = 0.1 + 0.2;
        await client.hashrateShare.create({ data: { datasetId: dataset.id, period: "2026-01", countryIso2: "a", share, hashrateEh: 1e-300 } });
        expect(await client.hashrateShare.findFirstOrThrow({ select: { share: true, hashrateEh: true } })).toEqual({ share, hashrateEh: 1e-300 });
        // The C collation orders text by bytes, as SQLite does: upper case before lower case, "é" last.
        const ordered = await client.country.findMany({ orderBy: { iso2: "asc" }, select: { iso2: true } });
        expect(ordered.map((c) => c.iso2)).toEqual(["B", "Z", "a", "é"]);
      } finally {
        await client.$disconnect();
      }
    },
    ENGINE_TIMEOUT_MS,
  );
});
