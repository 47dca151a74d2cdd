import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULTS, type DashboardState, LAYERS, parseDashboardState, serializeDashboardState } from "./url-state";

describe("dashboard URL state", () => {
  it("reads every field", () => {
    const s = parseDashboardState(
      new URLSearchParams("dataset=hashrate-index-2025&period=2025-07&network=latest&layer=price&country=us&view=10.5,40.25,2.5&efficiency=20&btc=65000"),
    );
    expect(s).toMatchObject({
      dataset: "hashrate-index-2025",
      period: "2025-07",
      network: "latest",
      layer: "price",
      country: "US",
      view: { lng: 10.5, lat: 40.25, zoom: 2.5 },
      efficiency: 20,
      btcPrice: 65000,
    });
    const scenario = parseDashboardState(new URLSearchParams("shutdown=cn,RU:0.3,EAEU&bie=1000&migrate=0.5,90,30,cheap-power&horizon=365"));
    expect(scenario).toMatchObject({
      shutdown: [
        { id: "CN", fraction: 1 },
        { id: "RU", fraction: 0.3 },
        { id: "EAEU", fraction: 1 },
      ],
      simulate: true,
      blocksIntoEpoch: 1000,
      migration: { fraction: 0.5, days: 90, delayDays: 30, weighting: "cheap-power" },
      horizonDays: 365,
    });
    expect(parseDashboardState(new URLSearchParams("layer=risk&risk=us:0.5,EAEU:0.02:0.5"))).toMatchObject({
      layer: "risk",
      riskEvents: [
        { id: "US", probability: 0.5, fraction: 1 },
        { id: "EAEU", probability: 0.02, fraction: 0.5 },
      ],
    });
  });

  it.each([
    ["layer=nope", { layer: "share" }],
    ["network=today", { network: "period" }],
    ["period=2021-13", { period: null }],
    ["country=USA", { country: null }],
    ["view=1,2", { view: null }],
    ["view=500,0,1", { view: null }],
    ["efficiency=-3", { efficiency: DEFAULTS.efficiency }],
    ["dataset=../../x", { dataset: "best-estimate" }],
    ["shutdown=CN:2", { shutdown: [], simulate: false }],
    ["migrate=1,2", { migration: null }],
    ["risk=US:0.5,CN:1.5", { riskEvents: [] }],
    ["risk=US", { riskEvents: [] }],
  ])("falls back to the default for a bad value: %s", (query, expected) => {
    expect(parseDashboardState(new URLSearchParams(query))).toMatchObject(expected);
  });

  it("omits defaults, so the bare page is the default state", () => {
    expect(serializeDashboardState(parseDashboardState(new URLSearchParams("")))).toBe("");
  });

  it("round-trips any valid state", () => {
    const stateArb: fc.Arbitrary<DashboardState> = fc
      .record({
        dataset: fc.constantFrom("best-estimate", "cbeci-monthly", "hashrate-index-2025"),
        network: fc.constantFrom("period" as const, "latest" as const),
        period: fc.option(
          fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`),
          { nil: null },
        ),
        layer: fc.constantFrom(...LAYERS),
        country: fc.option(fc.constantFrom("US", "CN", "KZ"), { nil: null }),
        view: fc.option(
          fc.record({
            lng: fc.integer({ min: -180000, max: 180000 }).map((x) => x / 1000),
            lat: fc.integer({ min: -85000, max: 85000 }).map((x) => x / 1000),
            zoom: fc.integer({ min: 0, max: 1200 }).map((x) => x / 100),
          }),
          { nil: null },
        ),
        efficiency: fc.integer({ min: 10, max: 2000 }).map((x) => x / 10),
        btcPrice: fc.integer({ min: 1, max: 1_000_000 }),
        shutdown: fc.array(fc.record({ id: fc.constantFrom("CN", "US", "EAEU", "BRICS"), fraction: fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000) }), {
          maxLength: 4,
        }),
        simulate: fc.boolean(),
        blocksIntoEpoch: fc.integer({ min: 0, max: 2015 }),
        migration: fc.option(
          fc.record({
            fraction: fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
            days: fc.integer({ min: 0, max: 3650 }),
            delayDays: fc.integer({ min: 0, max: 3650 }),
            weighting: fc.constantFrom("proportional" as const, "cheap-power" as const),
          }),
          { nil: null },
        ),
        horizonDays: fc.integer({ min: 1, max: 3650 }),
        riskEvents: fc.array(
          fc.record({
            id: fc.constantFrom("CN", "US", "EAEU", "BRICS"),
            probability: fc.integer({ min: 0, max: 1_000_000 }).map((x) => x / 1_000_000),
            fraction: fc.integer({ min: 1, max: 1_000_000 }).map((x) => x / 1_000_000),
          }),
          { maxLength: 4 },
        ),
      })
      .map((s) => ({ ...s, simulate: s.simulate || s.shutdown.length > 0 }));
    fc.assert(
      fc.property(stateArb, (state) => {
        expect(parseDashboardState(new URLSearchParams(serializeDashboardState(state)))).toEqual(state);
      }),
    );
  });
});
