import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { get } from "@/tests/support/api";

describe("GET /api/health", () => {
  afterEach(() => vi.resetModules());

  it("reports a reachable, migrated WAL database and its row counts", async () => {
    const { GET } = await import("./route");
    const { status, body } = await get(GET, "/api/health");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: "ok",
      database: { reachable: true, journalMode: "wal", migrations: { pending: [], failed: [] }, counts: { Country: 250, MiningSite: 119, Bloc: 5 } },
    });
    const applied = (body as { database: { migrations: { applied: string[] } } }).database.migrations.applied;
    expect(applied).toEqual(
      fs
        .readdirSync("prisma/migrations")
        .filter((d) => /^\d{14}_/.test(d))
        .sort(),
    );
  });

  it("answers 503 when the database file is missing", async () => {
    vi.stubEnv("DATABASE_URL", "file:./.tmp/does-not-exist.db");
    try {
      const { GET } = await import("./route");
      const { status, body } = await get(GET, "/api/health");
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: "down", database: { reachable: false } });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
