import { RiskBody } from "../risk/schema";
import { RiskQuery } from "../validation/risk";
import { RiskResponse, SimulateResponse } from "../validation/responses";
import { SimulateBody, SimulateQuery } from "../validation/simulate";
import type { ApiRoute } from "./api-routes";

// The computations on request — a shutdown simulation and a jurisdiction-risk assessment — each in two
// forms: POST with a JSON body, and GET with the same request in the query, in the dashboard link's
// grammar, so that a shared scenario is a URL a CDN can cache. Both forms give the same answer, byte
// for byte.

const SIMULATE_DESCRIPTION =
  "Shut down countries and blocs (optionally a fraction of each) in a month's distribution and step the network day by day through retargets, optionally with the lost hashrate migrating elsewhere. Returns before/after/end metrics, every retarget and the daily timeline.";

const RISK_DESCRIPTION =
  "Each event (a country or a bloc, with the chance it happens within the horizon and the fraction of its hashrate it takes offline) happens independently; the answer is the distribution of the share of network hashrate lost: its exact expectation, quantiles, tail probabilities, the chance that one country then holds a majority or that the chain halts, the next retarget at the expected loss and at each quantile, the expected HHI after, a histogram, and each event's and each country's contribution to the expected loss (they add up to it). Exact when at most 20 events are uncertain (0 < p < 1), otherwise seeded Monte Carlo with standard errors.";

const GET_FORM =
  "The request in the query, in the dashboard URL's grammar; the answer is the POST form's, byte for byte, and carries an ETag and a shared-cache Cache-Control (a CDN can serve a shared link).";

export const SCENARIO_ROUTES: ApiRoute[] = [
  {
    path: "/api/simulate",
    method: "post",
    operationId: "simulateShutdown",
    summary: "Simulate a shutdown",
    description: SIMULATE_DESCRIPTION,
    body: SimulateBody,
    exampleBody: {
      period: "2021-05",
      shutdown: ["CN", { id: "KZ", fraction: 0.5 }],
      blocksIntoEpoch: 1150,
      migration: { fraction: 0.5, days: 90, delayDays: 30 },
    },
    response: SimulateResponse,
    errors: [400, 404, 408, 409, 413, 415, 422, 429],
  },
  {
    path: "/api/simulate",
    method: "get",
    operationId: "simulateShutdownByQuery",
    summary: "Simulate a shutdown (scenario in the query)",
    description: `${SIMULATE_DESCRIPTION} ${GET_FORM}`,
    query: SimulateQuery,
    response: SimulateResponse,
    errors: [400, 404, 409, 422, 429],
    example: "/api/simulate?period=2021-05&shutdown=CN,KZ:0.5&bie=1150&migrate=0.5,90,30,proportional",
  },
  {
    path: "/api/risk",
    method: "post",
    operationId: "assessJurisdictionRisk",
    summary: "Jurisdiction risk: hashrate at risk from probable shutdowns",
    description: `${RISK_DESCRIPTION} events: [] uses every country with a share and every bloc at a heuristic default probability (a starting point, not a forecast; docs/methodology.md#jurisdiction-risk).`,
    body: RiskBody,
    exampleBody: {
      period: "2022-01",
      events: [
        { id: "CN", probability: 0.3 },
        { id: "KZ", probability: 0.2, fraction: 0.5 },
        { id: "EAEU", probability: 0.05 },
      ],
    },
    response: RiskResponse,
    errors: [400, 404, 408, 409, 413, 415, 422, 429],
  },
  {
    path: "/api/risk",
    method: "get",
    operationId: "assessJurisdictionRiskByQuery",
    summary: "Jurisdiction risk (request in the query)",
    description: `${RISK_DESCRIPTION} risk= absent or empty uses every country with a share and every bloc at a heuristic default probability (docs/methodology.md#jurisdiction-risk). ${GET_FORM}`,
    query: RiskQuery,
    response: RiskResponse,
    errors: [400, 404, 409, 422, 429],
    example: "/api/risk?period=2022-01&risk=CN:0.3,KZ:0.2:0.5,EAEU:0.05",
  },
];
