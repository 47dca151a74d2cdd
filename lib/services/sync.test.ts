import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../seed/seed";
import { removeDatabase } from "../../tests/support/global-db";
import { type Fixture, fixtureChain, mempoolHandler, serve } from "../../tests/support/sync-fixtures";
import { commitImport } from "../db/import";
import { Conflict } from "./errors";
import { SYNCED_NETWORK, SYNCED_RETARGETS, syncNetwork } from "./sync";

// The sync service in process, with the clock as an input: what the CLI tests cannot vary.

const dbFile = path.resolve(import.meta.dirname, "..", "..", ".tmp", `sync-service-${process.pid}.db`);
let mempool: Fixture;

beforeAll(async () => {
  removeDatabase(dbFile);
  await seedDatabase(dbFile);
  mempool = await serve(mempoolHandler(fixtureChain()));
});

afterAll(async () => {
  await mempool.close();
  removeDatabase(dbFile);
});

const datasets = () => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(`SELECT slug, contentHash, importedAt, retrievedAt FROM "Dataset" ORDER BY slug`).all();
  } finally {
    db.close();
  }
};

const request = (day: string) => ({
  source: { kind: "mempool" as const, baseUrl: mempool.url },
  database: { provider: "sqlite" as const, path: dbFile },
  timeoutMs: 5_000,
  now: new Date(`${day}T06:00:00Z`),
});

describe("syncNetwork", () => {
  it("refuses, writing nothing, when a dataset of another kind holds one of its slugs (both datasets or neither)", async () => {
    const before = datasets();
    await commitImport(
      { provider: "sqlite", path: dbFile },
      {
        meta: {
          slug: SYNCED_RETARGETS,
          kind: "shares",
          title: "t",
          publisher: "p",
          url: "http://example.org",
          licence: "l",
          retrievedAt: "2026-11-01",
          method: null,
          caveats: null,
          coverage: "network",
        },
        origin: "import",
        shares: [{ period: "2026-01", countryIso2: "US", share: 1, hashrateEh: null, sourceLabel: null, certainty: null, sourceUrl: null, note: null }],
      },
    );
    await expect(syncNetwork(request("2026-11-29"))).rejects.toThrow(Conflict);
    expect(datasets().filter((d) => (d as { slug: string }).slug === SYNCED_NETWORK)).toEqual([]);
    const db = new Database(dbFile);
    db.prepare(`DELETE FROM "Dataset" WHERE slug = ?`).run(SYNCED_RETARGETS);
    db.close();
    expect(datasets()).toEqual(before);
  });

  it("on a later day with nothing new writes nothing: the retrieval date, import time and content hash stay", async () => {
    const first = await syncNetwork(request("2026-11-29"));
    expect(first.written).toEqual([SYNCED_NETWORK, SYNCED_RETARGETS]);
    const after = datasets();
    const synced = after.filter((d) => [SYNCED_NETWORK, SYNCED_RETARGETS].includes((d as { slug: string }).slug));
    expect(synced.map((d) => (d as { retrievedAt: string }).retrievedAt)).toEqual(["2026-11-29", "2026-11-29"]);
    const later = await syncNetwork(request("2026-12-03"));
    expect(later).toMatchObject({ monthsAdded: [], retargetsAdded: [], written: [], newestMonth: "2026-10" });
    expect(datasets()).toEqual(after);
  });
});
