import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDatabase } from "@/seed/seed";
import { type Fixture, fixtureChain, mempoolHandler, serve } from "@/tests/support/sync-fixtures";
import { get } from "@/tests/support/api";

// The whole walk of issue 12's last step: a sync against a mempool-compatible fixture adds months
// beyond the seed, and the app then shows them — in /api/network, in the "latest network hashrate"
// view of the shares, and in the exports — without a restart (the cache follows the data version).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-sync-flow-"));
const file = path.join(dir, "flow.db");
vi.stubEnv("DATABASE_URL", `file:${file}`);
let mempool: Fixture;

beforeAll(async () => {
  await seedDatabase(file);
  mempool = await serve(mempoolHandler(fixtureChain()));
});
afterAll(async () => {
  await mempool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const CsvRows = z.array(z.record(z.string(), z.string()));

type Months = { months: { period: string; source: string; hashrateEh: number }[] };
type Dist = {
  networkHashratePeriod: string;
  networkHashrateEh: number;
  networkHashrateSource: string;
  countries: { iso2: string; share: number; hashrateEh: number }[];
};

describe("npm run sync → the views", () => {
  it("shows synced months in /api/network, in the latest-network view and in exports", async () => {
    const network = (await import("@/app/api/network/route")).GET;
    const distribution = (await import("@/app/api/distribution/route")).GET;
    const exportRoute = (await import("@/app/api/export/route")).GET;

    // Read once before, so the answers are cached: the sync must make them out of date.
    const before = (await get(network, "/api/network")).body as Months;
    expect(before.months.at(-1)?.period).toBe("2026-05");
    const latestBefore = (await get(distribution, "/api/distribution?network=latest")).body as Dist;
    expect(latestBefore.networkHashratePeriod).toBe("2026-05");

    const { syncNetwork } = await import("@/lib/services/sync");
    const outcome = await syncNetwork({
      source: { kind: "mempool", baseUrl: mempool.url },
      database: { provider: "sqlite", path: file },
      timeoutMs: 5_000,
      now: new Date("2026-11-29T06:00:00Z"),
    });
    expect(outcome.monthsAdded).toEqual(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]);

    const after = (await get(network, "/api/network")).body as Months;
    expect(after.months.slice(-5).map((m) => [m.period, m.source])).toEqual(outcome.monthsAdded.map((p) => [p, "synced-network"]));
    const newest = after.months.at(-1);

    const latest = (await get(distribution, "/api/distribution?network=latest")).body as Dist;
    expect(latest).toMatchObject({ networkHashratePeriod: "2026-10", networkHashrateSource: "latest-network", networkHashrateEh: newest?.hashrateEh });
    const us = latest.countries.find((c) => c.iso2 === "US");
    expect(us?.hashrateEh).toBeCloseTo((us?.share ?? 0) * (newest?.hashrateEh ?? 0), 5);

    const csv = (query: string) =>
      exportRoute(new Request(`http://127.0.0.1/api/export?${query}`)).then(async (r) => CsvRows.parse(parse(await r.text(), { columns: true })));
    const networkRows = await csv("what=network");
    expect(networkRows.filter((r) => r.record === "month").at(-1)).toMatchObject({ period: "2026-10", source: "synced-network" });
    const distributionRows = await csv("what=distribution&network=latest");
    expect(distributionRows.find((r) => r.iso2 === "US")).toMatchObject({ period: "2025-10", source_dataset: "hashrate-index-2025" });
    expect(Number(distributionRows.find((r) => r.iso2 === "US")?.hashrate_eh)).toBeCloseTo(us?.hashrateEh ?? NaN, 6);
    const metricsRows = await csv("what=metrics&network=latest");
    expect(metricsRows[0]).toMatchObject({ period: "2025-10", network_hashrate_period: "2026-10", network_hashrate_source: "latest-network" });
    const metadata = JSON.parse(await (await exportRoute(new Request("http://127.0.0.1/api/export?what=metrics&network=latest&metadata=1"))).text()) as {
      datasets: { slug: string }[];
    };
    expect(metadata.datasets.map((d) => d.slug)).toEqual(["best-estimate", "hashrate-index-2025", "synced-network"]);
  });
});
