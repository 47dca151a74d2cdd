import { RiskResponse, type RiskResult } from "../validation/responses";

// A small risk answer for the view's tests: two countries and a bloc. The view only formats and
// places figures, so they need the answer's shape, not the model's arithmetic; parsed with the
// API's own schema, so the fixture cannot drift from the contract.

const fixture = {
  period: "2022-01",
  dataset: "cbeci-monthly",
  asOf: "2022-01",
  ageMonths: 58,
  stale: true,
  source: { dataset: "cbeci-monthly", title: "CBECI", publisher: "CCAF", method: null, url: "https://ccaf.io", retrievedAt: "2026-11-26" },
  horizonDays: 365,
  blocksIntoEpoch: 0,
  events: [
    { id: "US", kind: "country", name: "United States", members: ["US"], probability: 0.1, fraction: 0.5, isDefault: true },
    { id: "KZ", kind: "country", name: "Kazakhstan", members: ["KZ"], probability: 0.2, fraction: 1, isDefault: true },
    { id: "USMCA", kind: "bloc", name: "USMCA", members: ["US", "CA", "MX"], probability: 0.01, fraction: 0.5, isDefault: true },
  ],
  method: "exact",
  draws: null,
  seed: null,
  expectedLostShare: 0.0419,
  lostShareQuantiles: { p50: 0, p90: 0.1, p95: 0.2, p99: 0.3 },
  probabilityLossAbove: { "0.1": 0.0902, "0.2": 0.0198, "0.3": 0, "0.5": 0 },
  probabilityMajority: 0,
  probabilityHalted: 0,
  difficultyChange: { expected: -0.0437, p50: 0, p90: -0.1, p95: -0.2, p99: -0.3 },
  blockIntervalMinutes: { expected: 10.44, p50: 10, p90: 11.11, p95: 12.5, p99: 14.29 },
  expectedHhiAfter: 2071.4,
  standardErrors: null,
  histogram: {
    binWidth: 0.02,
    probabilities: [0.7128, 0, 0.0072, 0, 0, 0.0792, 0, 0, 0, 0, 0.1782, 0, 0, 0, 0, 0.0198, 0.00002, ...Array<number>(33).fill(0)],
  },
  contributions: {
    events: [
      { id: "US", expectedLostShare: 0.02 },
      { id: "KZ", expectedLostShare: 0.02 },
      { id: "USMCA", expectedLostShare: 0.0019 },
    ],
    countries: [
      { iso2: "US", expectedLostShare: 0.0219 },
      { iso2: "KZ", expectedLostShare: 0.02 },
      { iso2: "CA", expectedLostShare: 0 },
    ],
  },
};

export const RISK_FIXTURE: RiskResult = RiskResponse.parse(fixture);
