import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addSyntheticShares } from "@/bench/synthetic";
import { type DatasetContent, writeDatasets } from "@/lib/db/bulk";
import { openSqlite } from "@/lib/db/sqlite";

// A large shares dataset read on the server's one JavaScript thread: 200 months × 120 countries
// (24 200 rows), in a copy of the seeded test database. The route handlers are called in this
// process, so the reads and the other requests share one event loop as they do in the server. The
// first read of every month of it (the time chart, a country's history) goes a slice at a time and
// lets other requests through between slices; a month asked for meanwhile is read on its own.

const PERIODS = 200;
const COUNTRIES = 120;
const LAST_PERIOD = "2026-08"; // syntheticShares' months run from 2010-01
/** "Several": the answers to other requests that must arrive while a large read is under way. */
const SEVERAL = 3;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-large-shares-"));
const file = path.join(dir, "large.db");
vi.stubEnv("DATABASE_URL", `file:${file}`);

beforeAll(() => {
  const testDb = process.env.HASHATLAS_TEST_DB;
  if (!testDb) throw new Error("HASHATLAS_TEST_DB is not set (see vitest.config.mts)");
  const source = new Database(testDb, { readonly: true });
  source.prepare("VACUUM INTO ?").run(file);
  source.close();
  addSyntheticShares(file, { periods: PERIODS, countries: COUNTRIES });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A one-row dataset: writing it changes the data version without touching the large one. */
const BUMP: DatasetContent = {
  meta: {
    slug: "version-bump",
    kind: "shares",
    title: "One month, to change the data version",
    publisher: "Test",
    url: "https://example.org/bump",
    licence: "CC0",
    retrievedAt: "2026-01-01",
    method: null,
    caveats: null,
    coverage: "partial",
  },
  origin: "import",
  shares: [{ period: "2020-01", countryIso2: "US", share: 1, hashrateEh: null, sourceLabel: null, certainty: "low", sourceUrl: null, note: null }],
};

const request = (url: string) => new Request(`http://127.0.0.1${url}`);
const versionGET = async () => (await import("./version/route")).GET(request("/api/version"));
const seriesGET = async () => (await import("./metrics/series/route")).GET(request("/api/metrics/series?dataset=synthetic-shares"));
const metricsGET = async () => (await import("./metrics/route")).GET(request("/api/metrics?dataset=synthetic-shares"));
const aTick = () => new Promise((resolve) => setTimeout(resolve, 1));

/**
 * GET /api/version one after another, each as soon as the thread lets a timer run, until `over()`;
 * every answer is logged as "version" in `log`.
 */
async function versionsUntil(over: () => boolean, log: string[], onAnswer: () => void = () => undefined) {
  while (!over()) {
    const answer = await versionGET();
    expect(answer.status).toBe(200);
    log.push("version");
    onAnswer();
    await aTick();
  }
}

type Answer = { status: number; body: Record<string, unknown> };
const answer = async (response: Response): Promise<Answer> => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

describe("a large shares dataset", () => {
  it("is read for the first time while other requests keep being answered, and its latest month does not wait for every month", async () => {
    // Warm the modules, so that what follows times reads, not imports.
    await Promise.all([import("./version/route"), import("./metrics/series/route"), import("./metrics/route")]);
    const log: string[] = [];
    const state = { seriesIn: false };
    const series = seriesGET()
      .then(answer)
      .finally(() => {
        log.push("series");
        state.seriesIn = true;
      });
    const versions = versionsUntil(() => state.seriesIn, log);
    // The latest month's metrics, asked once the read of every month is under way.
    const metrics = aTick()
      .then(metricsGET)
      .then(answer)
      .finally(() => log.push("metrics"));

    const [seriesAnswer, metricsAnswer] = await Promise.all([series, metrics, versions]);
    expect(seriesAnswer.status).toBe(200);
    expect(seriesAnswer.body.rows).toHaveLength(PERIODS);
    expect(metricsAnswer.status).toBe(200);
    expect(metricsAnswer.body).toMatchObject({ dataset: "synthetic-shares", period: LAST_PERIOD, asOf: LAST_PERIOD });

    // The latest month is answered first; other requests go on being answered while the rest is read.
    const [metricsAt, seriesAt] = [log.indexOf("metrics"), log.indexOf("series")];
    expect(metricsAt).toBeLessThan(seriesAt);
    expect(log.slice(metricsAt, seriesAt).filter((e) => e === "version").length).toBeGreaterThanOrEqual(SEVERAL);
  });

  it("replaced while it is read is answered from the new data in every month, never a mix of both", async () => {
    const before = await answer(await seriesGET()); // the first data, as the first test left it
    // Another dataset written: a new data version, so every month is read afresh.
    const db = openSqlite(file);
    writeDatasets(db, { datasets: [BUMP] });
    db.close();
    // The latest month first: the dataset's months are then known, and the series goes straight to reading them.
    expect((await metricsGET()).status).toBe(200);

    const log: string[] = [];
    const state = { seriesIn: false, replacedWhileRead: false };
    const during = seriesGET()
      .then(answer)
      .finally(() => (state.seriesIn = true));
    // At the first answer to another request the read is under way: an import replaces the dataset then.
    const versions = versionsUntil(
      () => state.seriesIn,
      log,
      () => {
        if (state.replacedWhileRead || state.seriesIn) return;
        addSyntheticShares(file, { periods: PERIODS, countries: COUNTRIES, seed: 9 });
        state.replacedWhileRead = true;
      },
    );
    const [result] = await Promise.all([during, versions]);
    expect(state.replacedWhileRead).toBe(true);
    expect(result.status).toBe(200);

    const after = await answer(await seriesGET());
    expect(result.body).toEqual(after.body);
    // The first data differs from the new in every month, so none of its months is in the answer.
    const rows = (a: Answer) => a.body.rows as { period: string; hhi: number }[];
    expect(rows(after)).toHaveLength(PERIODS);
    expect(rows(after).every((r, i) => r.hhi !== rows(before)[i]?.hhi)).toBe(true);
  });
});
