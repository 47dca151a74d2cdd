import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDatabase } from "../../seed/seed";
import { loadSeedBundle } from "../../seed/load";
import { writeDatasets } from "../db/bulk";
import { openSqlite } from "../db/sqlite";

// A database of this file's own: the test replaces a dataset, which other files must not see.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-cache-"));
const file = path.join(dir, "cache.db");
vi.stubEnv("DATABASE_URL", `file:${file}`);

beforeAll(async () => {
  await seedDatabase(file);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("metrics cache", () => {
  it("computes a metric once per data version and recomputes right after the data changes", async () => {
    const { getMetrics } = await import("./metrics");
    const first = await getMetrics({ basis: "estimate", period: "2022-01", efficiency: 28.2 });
    const again = await getMetrics({ basis: "estimate", period: "2022-01", efficiency: 28.2 });
    expect(again).toBe(first); // the same object: served from the cache
    expect(first.topCountry).toBe("US");

    // Replace the CBECI dataset with one where January 2022 is mostly Kazakhstan (an "import"): the
    // default dataset, the best estimate, takes that month from CBECI and must follow at once.
    const bundle = loadSeedBundle();
    const cbeci = bundle.datasets.find((d) => d.meta.slug === "cbeci-monthly");
    if (!cbeci?.shares) throw new Error("no CBECI in the seed");
    const shares = cbeci.shares.map((s) =>
      s.period !== "2022-01" ? s : { ...s, hashrateEh: null, share: ({ KZ: 0.6, US: 0.3, CN: 0.1 } as Record<string, number>)[s.countryIso2 ?? ""] ?? 0 },
    );
    const db = openSqlite(file);
    writeDatasets(db, { datasets: [{ ...cbeci, origin: "import", shares }] });
    db.close();

    const after = await getMetrics({ basis: "estimate", period: "2022-01", efficiency: 28.2 });
    expect(after).not.toBe(first);
    expect(after).toMatchObject({ dataset: "best-estimate", topCountry: "KZ", nakamoto: 1, source: { dataset: "cbeci-monthly" } });
    expect(after.hhi).toBeCloseTo(4_600, 6);
  });
});
