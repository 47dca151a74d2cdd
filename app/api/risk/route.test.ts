import { describe, expect, it } from "vitest";
import { defaultCountryEvent, shockRecord } from "@/lib/risk/defaults";
import { MAX_RISK_EVENTS } from "@/lib/risk/limits";
import { DistributionResponse, RiskResponse } from "@/lib/validation/responses";
import { expectFieldError, get, post } from "@/tests/support/api";
import { GET as distribution } from "../distribution/route";
import { POST } from "./route";

const run = (body: unknown) => post(POST, "/api/risk", body);

// CBECI, January 2022 (the best estimate's source for that month): US 37.84 %, CN 21.11 %, KZ 13.22 %,
// Other 9.02 %, CA 6.48 %, RU 4.66 %, DE 3.06 %, MY 2.51 %, IE 1.97 %, IR 0.12 % (sum 99.99 %).
const TOTAL = 0.9999;
const CN = 0.2111 / TOTAL;
const KZ = 0.1322 / TOTAL;
const RU = 0.0466 / TOTAL;
const US = 0.3784 / TOTAL;

describe("POST /api/risk", () => {
  it("China 0.3, half of Kazakhstan 0.2, the EAEU 0.05 in January 2022: every figure by hand", async () => {
    const { status, body } = await run({
      period: "2022-01",
      events: [
        { id: "CN", probability: 0.3 },
        { id: "kz", probability: 0.2, fraction: 0.5 },
        { id: "EAEU", probability: 0.05 },
      ],
    });
    expect(status).toBe(200);
    const r = RiskResponse.parse(body);
    expect(r).toMatchObject({ period: "2022-01", dataset: "best-estimate", asOf: "2022-01", horizonDays: 365, blocksIntoEpoch: 0, method: "exact" });
    expect(r.source.dataset).toBe("cbeci-monthly");
    expect(r.events).toEqual([
      { id: "CN", kind: "country", name: "China", members: ["CN"], probability: 0.3, fraction: 1, isDefault: false },
      { id: "KZ", kind: "country", name: "Kazakhstan", members: ["KZ"], probability: 0.2, fraction: 0.5, isDefault: false },
      { id: "EAEU", kind: "bloc", name: "Eurasian Economic Union", members: ["AM", "BY", "KG", "KZ", "RU"], probability: 0.05, fraction: 1, isDefault: false },
    ]);
    // E[offline]: CN 0.3; KZ 1 − (1 − 0.1)(1 − 0.05); RU 0.05.
    expect(r.expectedLostShare).toBeCloseTo(CN * 0.3 + KZ * 0.145 + RU * 0.05, 12);
    // Outcomes: nothing 0.532; KZ half 0.133; EAEU 0.035 (0.1788); CN 0.228; CN + KZ half 0.057; CN + EAEU 0.015.
    expect(r.lostShareQuantiles.p50).toBe(0);
    expect(r.lostShareQuantiles.p90).toBeCloseTo(CN, 12);
    expect(r.lostShareQuantiles.p95).toBeCloseTo(CN + KZ / 2, 12);
    expect(r.lostShareQuantiles.p99).toBeCloseTo(CN + KZ + RU, 12);
    expect(r.probabilityLossAbove["0.1"]).toBeCloseTo(0.3 + 0.7 * 0.05, 12);
    expect(r.probabilityLossAbove["0.2"]).toBeCloseTo(0.3, 12);
    expect(r.probabilityLossAbove["0.3"]).toBeCloseTo(0.3 * 0.05, 12);
    expect(r.probabilityLossAbove["0.5"]).toBe(0);
    // The US holds a majority of what is left once China and half of Kazakhstan (or the EAEU) are gone.
    expect(US / (1 - CN - KZ / 2)).toBeGreaterThan(0.5);
    expect(r.probabilityMajority).toBeCloseTo(0.3 * (0.2 * 0.95 + 0.05), 12);
    expect(r.probabilityHalted).toBe(0);
    expect(r.difficultyChange.p90).toBeCloseTo(-CN, 12);
    expect(r.blockIntervalMinutes.p99).toBeCloseTo(10 / (1 - CN - KZ - RU), 9);
    expect(r.standardErrors).toBeNull();
    expect([r.draws, r.seed]).toEqual([null, null]);
    expect(r.contributions.events.map((e) => e.id)).toEqual(["CN", "KZ", "EAEU"]);
    expect(r.contributions.events[0]?.expectedLostShare).toBeCloseTo(CN * 0.3, 12);
    expect(r.contributions.countries.slice(0, 3).map((c) => c.iso2)).toEqual(["CN", "KZ", "RU"]);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(r.contributions.events.map((e) => e.expectedLostShare))).toBeCloseTo(r.expectedLostShare, 14);
    expect(sum(r.contributions.countries.map((c) => c.expectedLostShare))).toBeCloseTo(r.expectedLostShare, 14);
    expect(sum(r.histogram.probabilities)).toBeCloseTo(1, 12);
  });

  it("marks a listed event that equals its default as the default (the dashboard sends every row, one edited)", async () => {
    const defaults = RiskResponse.parse((await run({ period: "2022-01", events: [], horizonDays: 30 })).body);
    const events = defaults.events.map((e) => ({ id: e.id, probability: e.id === "US" ? 0.5 : e.probability, fraction: e.fraction }));
    const edited = RiskResponse.parse((await run({ period: "2022-01", events, horizonDays: 30 })).body);
    expect(edited.events.filter((e) => !e.isDefault).map((e) => e.id)).toEqual(["US"]);
    expect(edited.expectedLostShare).toBeGreaterThan(defaults.expectedLostShare);
  });

  it("with no events: every country with a share and every bloc, each at its default probability", async () => {
    const r = RiskResponse.parse((await run({ period: "2022-01", events: [], horizonDays: 30 })).body);
    const d = DistributionResponse.parse((await get(distribution, "/api/distribution?period=2022-01")).body);
    const countries = d.countries.filter((c) => c.share > 0).map((c) => c.iso2);
    expect(r.events.map((e) => e.id)).toEqual([...countries, "BRICS", "EAEU", "EU", "GCC", "USMCA"]);
    expect(r.events.every((e) => e.isDefault)).toBe(true);
    expect(r.horizonDays).toBe(30);
    // China: three recorded shocks (a ban, two restrictions) in the seeded record.
    const china = r.events.find((e) => e.id === "CN");
    const record = shockRecord(
      [
        { kind: "ban", date: "2021-05-21", countries: ["CN"] },
        { kind: "restriction", date: "2021-06-19", countries: ["CN"] },
        { kind: "restriction", date: "2025-12-14", countries: ["CN"] },
      ],
      ["2026-11-26"],
    );
    expect(china).toMatchObject({ probability: expect.closeTo(defaultCountryEvent("CN", record, 30).probability, 12), fraction: 0.5 });
    expect(r.events.find((e) => e.id === "US")).toMatchObject({ fraction: 0.25 });
    expect(r.events.find((e) => e.id === "USMCA")).toMatchObject({ kind: "bloc", fraction: 0.5, members: ["CA", "MX", "US"] });
    // A longer horizon raises every default.
    const year = RiskResponse.parse((await run({ period: "2022-01", events: [], horizonDays: 365 })).body);
    expect(year.events.find((e) => e.id === "CN")?.probability).toBeGreaterThan(china?.probability ?? 1);
    expect(year.expectedLostShare).toBeGreaterThan(r.expectedLostShare);
  });

  it("samples many uncertain events reproducibly: the same seed gives the same answer, another seed another", async () => {
    const ids = ["US", "CN", "KZ", "CA", "RU", "DE", "MY", "IE", "IR", "EU", "EAEU"];
    const events = [...ids, ...ids].map((id, i) => ({ id, probability: 0.05 + i / 100, fraction: 0.5 }));
    const body = { period: "2022-01", events, draws: 20_000, seed: 7 };
    const a = RiskResponse.parse((await run(body)).body);
    expect(a).toMatchObject({ method: "monte-carlo", draws: 20_000, seed: 7 });
    expect(a.standardErrors?.probabilityLossAbove["0.1"]).toBeGreaterThan(0);
    // Written differently, so that it is computed again rather than read from the cache.
    const again = await post(POST, "/api/risk", null, { raw: JSON.stringify({ seed: 7, draws: 20_000, events, period: "2022-01" }, null, 1) });
    expect(again.body).toEqual(a);
    const other = RiskResponse.parse((await run({ ...body, seed: 8 })).body);
    expect(other.probabilityLossAbove).not.toEqual(a.probabilityLossAbove);
    expect(other.expectedLostShare).toBe(a.expectedLostShare);
  });

  it.each([
    [
      {
        period: "2022-01",
        events: [
          { id: "CN", probability: 0.1 },
          { id: "ZZ", probability: 0.1 },
        ],
      },
      400,
      "events.1.id",
    ],
    [{ period: "2022-01", events: [{ id: "NOTABLOC", probability: 0.1 }] }, 400, "events.0.id"],
    [{ events: [{ id: "CN", probability: 1.5 }] }, 400, "events.0.probability"],
    [{ events: [{ id: "CN", probability: -0.1 }] }, 400, "events.0.probability"],
    [{ events: [{ id: "CN", probability: 0.1, fraction: 0 }] }, 400, "events.0.fraction"],
    [{ events: Array.from({ length: MAX_RISK_EVENTS + 1 }, () => ({ id: "US", probability: 0.1 })) }, 400, "events"],
    [{ events: [], draws: 10 }, 400, "draws"],
    // Well formed, but a million draws of 500 likely events would take most of a minute.
    [{ period: "2022-01", events: Array.from({ length: MAX_RISK_EVENTS }, () => ({ id: "EAEU", probability: 0.9 })), draws: 1_000_000 }, 400, "draws"],
    [{ events: [], seed: 2 ** 32 }, 400, "seed"],
    [{ events: [], horizonDays: 0 }, 400, "horizonDays"],
    [{ events: [], blocksIntoEpoch: 2016 }, 400, "blocksIntoEpoch"],
    [{ events: [], extra: 1 }, 400, "body"],
    [{ period: "2030-01", events: [] }, 404, "period"],
    [{ dataset: "no-such-dataset", events: [] }, 404, "dataset"],
  ])("refuses %j with %i naming %s", async (body, status, field) => {
    expectFieldError(await run(body), status, field);
  });

  it("takes 500 events, and refuses malformed JSON and other content types", async () => {
    const most = await run({
      period: "2022-01",
      events: Array.from({ length: MAX_RISK_EVENTS }, (_, i) => ({ id: "US", probability: (i % 10) / 100 })),
      draws: 1000,
    });
    expect(most.status).toBe(200);
    expectFieldError(await post(POST, "/api/risk", null, { raw: "{not json" }), 400, "body", /not valid JSON/);
    expectFieldError(await post(POST, "/api/risk", null, { raw: "events=", contentType: "application/x-www-form-urlencoded" }), 415, "content-type");
  });

  it("answers a repeated request from the cache byte for byte, and works out a refusal again every time", async () => {
    const body = { period: "2022-01", events: [{ id: "CN", probability: 0.4 }] };
    const response = async () =>
      (
        await POST(new Request("http://127.0.0.1/api/risk", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }))
      ).text();
    expect(await response()).toBe(await response());
    for (let i = 0; i < 2; i++) expectFieldError(await run({ ...body, events: [{ id: "XX", probability: 0.1 }] }), 400, "events.0.id");
  });
});
