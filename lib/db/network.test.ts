import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDatabase } from "../../seed/seed";
import { get } from "../../tests/support/api";
import { NetworkResponse } from "../validation/responses";
import type { DatasetMeta } from "../validation/datasets";
import type { NetworkStatRecord, RetargetRecord } from "../validation/network";
import { type DatasetContent, writeDatasets } from "./bulk";
import { mergeRanked } from "./network";
import { openSqlite } from "./sqlite";

// A database of this file's own: the test adds network datasets, which other files must not see.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-network-"));
const file = path.join(dir, "network.db");
vi.stubEnv("DATABASE_URL", `file:${file}`);

beforeAll(async () => {
  await seedDatabase(file);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const meta = (slug: string, kind: "network" | "retargets"): DatasetMeta => ({
  slug,
  kind,
  title: `Test ${slug}`,
  publisher: "Test",
  url: "https://example.org/network",
  coverage: "network",
  licence: "CC0",
  retrievedAt: "2026-09-01",
  method: null,
  caveats: null,
});

const month = (period: string, hashrateEh: number): NetworkStatRecord => ({
  period,
  hashrateEh,
  difficulty: hashrateEh * 1.4e11,
  blockSubsidyBtc: 3.125,
  avgFeesBtc: null,
  method: "test",
});

const retarget = (height: number, dateUtc: string, difficulty: number): RetargetRecord => ({
  height,
  dateUtc,
  difficulty,
  changePct: 1.5,
  epochHashrateEh: null,
  epochDays: null,
  dateSource: "test",
});

/** Written in this order, so ids grow down the list. */
const ADDED: DatasetContent[] = [
  {
    meta: meta("synced-network", "network"),
    origin: "import",
    // 2026-04 is seeded (962.2 EH/s): the seed keeps it.
    networkStats: [month("2026-04", 1), month("2026-06", 1001.5), month("2026-07", 1010)],
  },
  { meta: meta("user-network", "network"), origin: "import", networkStats: [month("2026-07", 999), month("2026-08", 1020)] },
  // Seeded, though written last: it beats both imports where they meet.
  { meta: meta("late-seed-network", "network"), origin: "seed", networkStats: [month("2026-08", 1111)] },
  {
    meta: meta("synced-retargets", "retargets"),
    origin: "import",
    retargets: [retarget(953568, "2026-06-14 00:36:42", 1), retarget(955584, "2026-06-28 09:00:00", 1.27e14)],
  },
  {
    meta: meta("user-retargets", "retargets"),
    origin: "import",
    retargets: [retarget(955584, "2026-06-28 10:00:00", 2), retarget(957600, "2026-07-12 11:00:00", 1.3e14)],
  },
];

describe("network figures merged across datasets", () => {
  it("reads the seed alone, then takes in added datasets: seeded first, then the oldest; new months and retargets appended", async () => {
    const { latestNetworkMonth, networkHashrateByPeriod, networkMonths, networkRetargets, retargetsBetween } = await import("./network");
    const { GET } = await import("@/app/api/network/route");
    const answer = async () => NetworkResponse.parse((await get(GET, "/api/network?from=2026-04")).body);
    expect((await answer()).months.map((m) => m.period)).toEqual(["2026-04", "2026-05"]); // and now in the answer cache
    const seeded = await networkMonths();
    expect(seeded).toHaveLength(89);
    expect(new Set(seeded.map((m) => m.source))).toEqual(new Set(["network-monthly"]));
    expect(await latestNetworkMonth()).toEqual({ period: "2026-05", hashrateEh: 976.9, difficulty: 1.3495e14, source: "network-monthly" });
    expect(await networkMonths()).toBe(seeded); // memoised for the data version

    const db = openSqlite(file);
    writeDatasets(db, { datasets: ADDED });
    db.close();

    const months = await networkMonths();
    expect(months).not.toBe(seeded);
    expect(months.map((m) => m.period)).toEqual([...seeded.map((m) => m.period), "2026-06", "2026-07", "2026-08"]);
    const bySource = (p: string) => months.find((m) => m.period === p);
    expect(bySource("2026-04")).toMatchObject({ hashrateEh: 962.2, source: "network-monthly" });
    expect(bySource("2026-06")).toMatchObject({ hashrateEh: 1001.5, source: "synced-network" });
    expect(bySource("2026-07")).toMatchObject({ hashrateEh: 1010, source: "synced-network" });
    expect(bySource("2026-08")).toMatchObject({ hashrateEh: 1111, source: "late-seed-network" });
    expect(await latestNetworkMonth()).toMatchObject({ period: "2026-08", source: "late-seed-network" });

    const byPeriod = await networkHashrateByPeriod();
    expect(byPeriod.size).toBe(92);
    expect([byPeriod.get("2026-04"), byPeriod.get("2026-07"), byPeriod.get("2026-08")]).toEqual([962.2, 1010, 1111]);

    const retargets = await networkRetargets();
    expect(retargets.map((r) => r.height)).toEqual([...retargets.map((r) => r.height)].sort((a, b) => a - b));
    expect(retargets.slice(-3).map((r) => [r.height, r.source, r.dateUtc])).toEqual([
      [953568, "difficulty-adjustments", "2026-06-14 00:36:42"],
      [955584, "synced-retargets", "2026-06-28 09:00:00"],
      [957600, "user-retargets", "2026-07-12 11:00:00"],
    ]);
    expect(retargets.find((r) => r.height === 953568)?.changePct).toBe(-10.09);
    expect((await retargetsBetween("2026-06-01", "2026-06-30")).map((r) => r.height)).toEqual([953568, 955584]);
    // The end day is whole: a retarget late on the last day is in.
    expect((await retargetsBetween("2026-06-28", "2026-06-28")).map((r) => r.height)).toEqual([955584]);

    // The API answers the merged figures at once (its cached answer belonged to the old data).
    const after = await answer();
    expect(after.months.map((m) => [m.period, m.source])).toEqual([
      ["2026-04", "network-monthly"],
      ["2026-05", "network-monthly"],
      ["2026-06", "synced-network"],
      ["2026-07", "synced-network"],
      ["2026-08", "late-seed-network"],
    ]);
    expect(after.retargets.slice(-2)).toEqual([
      { height: 955584, time: "2026-06-28T09:00:00Z", difficulty: 1.27e14, change: 0.015, source: "synced-retargets" },
      { height: 957600, time: "2026-07-12T11:00:00Z", difficulty: 1.3e14, change: 0.015, source: "user-retargets" },
    ]);
  });
});

describe("mergeRanked", () => {
  const held = fc.record({ key: fc.integer({ min: 0, max: 6 }), id: fc.integer({ min: 1, max: 8 }), seeded: fc.boolean() });
  type Row = { key: number; source: string };

  it("keeps one row per key, in key order, from the seeded dataset with the lowest id, else the lowest-id dataset, reading each a page at a time", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(held, { maxLength: 30 }), fc.integer({ min: 1, max: 4 }), async (holdings, pageSize) => {
        // A dataset's origin is that of its last holding; its keys are unique and come in order, as from the database.
        const datasets = [...new Map(holdings.map((h) => [h.id, { id: h.id, slug: `d${h.id}`, origin: h.seeded ? "seed" : "import" }])).values()];
        const keysOf = (id: number) => [...new Set(holdings.filter((h) => h.id === id).map((h) => h.key))].sort((a, b) => a - b);
        const page = (d: { id: number; slug: string }, after: number | undefined): Promise<Row[]> =>
          Promise.resolve(
            keysOf(d.id)
              .filter((k) => after === undefined || k > after)
              .slice(0, pageSize)
              .map((key) => ({ key, source: d.slug })),
          );
        const merged = await mergeRanked(
          [...datasets].reverse(), // the order they are listed in does not matter
          page,
          (r) => r.key,
        );
        expect(merged.map((r) => r.key)).toEqual([...new Set(holdings.map((h) => h.key))].sort((a, b) => a - b));
        for (const chosen of merged) {
          const rivals = datasets.filter((d) => keysOf(d.id).includes(chosen.key));
          const seeded = rivals.filter((d) => d.origin === "seed");
          const pool = seeded.length > 0 ? seeded : rivals;
          expect(chosen.source).toBe(`d${Math.min(...pool.map((d) => d.id))}`);
        }
      }),
    );
  });
});
