import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { BacktestsResponse, SimulateResponse } from "@/lib/validation/responses";
import { expectFieldError, get, post } from "@/tests/support/api";
import { GET as getDistribution } from "../distribution/route";
import { GET as getNetwork } from "../network/route";
import { POST as simulate } from "../simulate/route";
import { GET } from "./route";

// The seed files, read here on their own, are what the answer must restate.
type ObservationRow = { event_id: string; event: string; date_utc: string; metric: string; value: string; unit: string; source_url: string; note: string };
const OBSERVATIONS = parse<ObservationRow>(fs.readFileSync("seed/data/shock_observations_2022_2026.csv", "utf8"), { columns: true, skip_empty_lines: true });
const SHOCK_EVENTS = parse<{ slug: string }>(fs.readFileSync("seed/shock_events.csv", "utf8"), { columns: true, skip_empty_lines: true });

async function backtests() {
  const { status, body } = await get(GET, "/api/backtests");
  expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
  return BacktestsResponse.parse(body);
}

async function row(id: string) {
  const found = (await backtests()).rows.find((r) => r.id === id);
  expect(found, id).toBeDefined();
  return found!;
}

/** A month's share of a country in the default dataset, as /api/distribution answers it. */
async function shareIn(period: string, iso2: string) {
  const { status, body } = await get(getDistribution, `/api/distribution?period=${period}`);
  expect(status).toBe(200);
  const { countries, unattributedShare } = body as { countries: { iso2: string; share: number }[]; unattributedShare: number };
  const total = countries.reduce((s, c) => s + c.share, unattributedShare);
  return (countries.find((c) => c.iso2 === iso2)?.share ?? 0) / total;
}

/** The % falls the seed file reports for an event (a rise is no fall). */
const reportedFalls = (eventId: string) =>
  OBSERVATIONS.filter((o) => o.event_id === eventId && o.metric === "network_hashrate_change" && o.unit === "%" && Number(o.value) < 0).map(
    (o) => -Number(o.value) / 100,
  );

describe("GET /api/backtests", () => {
  it("answers one row per backtested shock, in its documented shape, with the five required shocks", async () => {
    const answer = await backtests();
    const ids = answer.rows.map((r) => r.id);
    for (const id of ["cn-2021-05", "kz-2022-01", "us-2022-12", "us-2024-01", "us-2026-01"]) expect(ids).toContain(id);
    expect(answer.rows.find((r) => r.id === "cn-2021-05")).toMatchObject({
      date: "2021-05-21",
      shockEvent: "china-ban-2021",
      name: "China bans Bitcoin mining",
    });
    expect(answer.rows.find((r) => r.id === "kz-2022-01")).toMatchObject({ date: "2022-01-05", shockEvent: "kazakhstan-blackout-2022" });
    expect(answer.rows.find((r) => r.id === "us-2022-12")?.name).toMatch(/Winter Storm Elliott/);
    expect(answer.rows.find((r) => r.id === "us-2024-01")?.name).toMatch(/January 2024 US cold snap/);
    expect(answer.rows.find((r) => r.id === "us-2026-01")?.date).toBe("2026-01-23");
    // Oldest first.
    expect(answer.rows.map((r) => r.date)).toEqual(answer.rows.map((r) => r.date).sort());
  });

  it("accounts for every recorded shock: backtested, or listed with the reason it is not", async () => {
    const answer = await backtests();
    const covered = new Set([
      ...answer.rows.map((r) => r.id),
      ...answer.rows.flatMap((r) => (r.shockEvent ? [r.shockEvent] : [])),
      ...answer.notBacktested.map((n) => n.id),
    ]);
    for (const id of new Set(OBSERVATIONS.map((o) => o.event_id))) expect(covered, id).toContain(id);
    for (const { slug } of SHOCK_EVENTS) expect(covered, slug).toContain(slug);
    for (const n of answer.notBacktested) expect(n.reason, n.id).not.toMatch(/not reviewed/);
    expect(answer.notBacktested.find((n) => n.id === "ve-2024-05")?.reason).toMatch(/no measured figure/);
  });

  it("predicts Kazakhstan's blackout as its December 2021 share, against the falls the sources report", async () => {
    const kz = await row("kz-2022-01");
    expect(kz.scenario).toMatchObject({ dataset: "best-estimate", period: "2021-12", outageDays: 2 });
    const share = await shareIn("2021-12", "KZ");
    expect(kz.scenario.countries).toEqual([{ iso2: "KZ", name: "Kazakhstan", share: expect.closeTo(share, 12), fraction: 1 }]);
    expect(kz.predictedDrop).toBeCloseTo(share, 12);
    // The sources' falls (12 … 14 %) and CoinGape's 205 → 177.33 EH/s: a range, and the error to its nearest end.
    const falls = [...reportedFalls("kz-2022-01"), 1 - 177.33 / 205];
    expect(kz.observedDrop).toEqual({ low: Math.min(...falls), high: Math.max(...falls) });
    const { low, high } = kz.observedDrop as { low: number; high: number };
    const expected = share < low ? share - low : share > high ? share - high : 0;
    expect(kz.error.signed).toBeCloseTo(expected, 12);
    expect(kz.error.absolute).toBeCloseTo(Math.abs(expected), 12);
  });

  it("reads the US winter storms' fraction from Foundry USA's drop and keeps the smoothed figures out of the observed range", async () => {
    const storm = await row("us-2026-01");
    const foundry = OBSERVATIONS.filter((o) => o.event_id === "us-2026-01" && o.metric === "pool_hashrate_change" && o.note.startsWith("Foundry USA"))
      .map((o) => -Number(o.value) / 100)
      .sort();
    expect(foundry).toHaveLength(4);
    const median = ((foundry[1] ?? 0) + (foundry[2] ?? 0)) / 2;
    expect(storm.scenario.countries).toEqual([expect.objectContaining({ iso2: "US", fraction: expect.closeTo(median, 12) })]);
    expect(storm.scenario.period).toBe("2025-10");
    expect(storm.predictedDrop).toBeCloseTo((await shareIn("2025-10", "US")) * median, 12);
    const smoothed = storm.observedFigures.filter((f) => f.leftOut?.includes("smoothed"));
    expect(smoothed.map((f) => f.drop)).toEqual([0.14, 0.08]);
    expect(storm.observedDrop).toEqual({ low: expect.closeTo(1 - 687 / 1000, 12), high: expect.closeTo(1 - 668 / 1118, 12) });
    expect(storm.error.signed).toBeLessThan(0);
  });

  it("sets the real retargets after each shock beside the simulator's, and its scenario is a simulation /api/simulate runs to the same answer", async () => {
    const { body } = await get(getNetwork, "/api/network");
    const network = body as { retargets: { height: number; time: string; change: number }[] };
    for (const r of (await backtests()).rows) {
      // The real ones are the seeded retargets from the shock's first day on, in order.
      const after = network.retargets.filter((x) => x.time.slice(0, 10) >= r.date);
      expect(
        r.observedRetargets.map((x) => x.height),
        r.id,
      ).toEqual(after.slice(0, r.observedRetargets.length).map((x) => x.height));
      expect(r.observedRetargets.map((x) => x.change)).toEqual(after.slice(0, r.observedRetargets.length).map((x) => x.change));
      expect(r.observedRetargets.length).toBeGreaterThanOrEqual(2);
      expect(r.predictedRetargets).toHaveLength(r.observedRetargets.length);

      const sim = await post(simulate, "/api/simulate", r.scenario.request);
      expect(sim.status, `${r.id}: ${JSON.stringify(sim.body).slice(0, 300)}`).toBe(200);
      const result = SimulateResponse.parse(sim.body);
      expect(result.lostShare, r.id).toBeCloseTo(r.predictedDrop, 12);
      expect(result.retargets.slice(0, r.predictedRetargets.length).map((x) => x.difficultyChange)).toEqual(r.predictedRetargets.map((x) => x.change));
    }
  });

  it("replays the 2021 China ban: four downward retargets, then the rebound, against a complete and permanent shutdown", async () => {
    const china = await row("cn-2021-05");
    expect(china.observedRetargets.map((r) => r.change)).toEqual([-0.1597, -0.053, -0.2794, -0.0481, 0.0603]);
    expect(china.scenario).toMatchObject({ period: "2021-04", outageDays: null, countries: [expect.objectContaining({ iso2: "CN", fraction: 1 })] });
    expect(china.scenario.request.migration).toBeUndefined();
    expect(china.predictedDrop).toBeCloseTo(await shareIn("2021-04", "CN"), 12);
    // CBECI's monthly averages (161.2 → 100.3 EH/s) and the daily peak and trough (171.3 → 57.47 EH/s).
    expect(china.observedDrop).toEqual({ low: expect.closeTo(1 - 100.3 / 161.2, 12), high: expect.closeTo(1 - 57.47 / 171.3, 12) });
  });

  it("states the mean absolute error over the rows, and cites every source as a link", async () => {
    const answer = await backtests();
    expect(answer.rows.length).toBeGreaterThanOrEqual(5);
    const mae = answer.rows.reduce((s, r) => s + r.error.absolute, 0) / answer.rows.length;
    expect(answer.meanAbsoluteError).toBeCloseTo(mae, 12);
    for (const r of answer.rows) {
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      for (const s of r.sources) expect(s.url).toMatch(/^https?:\/\//);
      for (const f of r.observedFigures) for (const url of f.sources) if (/^https?:/.test(url)) expect(r.sources.map((s) => s.url)).toContain(url);
      expect(r.leftOut.length, r.id).toBeGreaterThan(0);
    }
  });

  it("takes no parameters: each unknown one is refused by name", async () => {
    expectFieldError(await get(GET, "/api/backtests?period=2021-05"), 400, "period", /is not a parameter of \/api\/backtests \(it takes none\)/);
    const both = await get(GET, "/api/backtests?a=1&b=2");
    expect(both.status).toBe(400);
    expect((both.body as { error: { issues: { field: string }[] } }).error.issues.map((i) => i.field)).toEqual(["a", "b"]);
  });
});
