import { z } from "zod";
import { DEFAULT_SHARES_DATASET } from "../scenario/limits";
import { RISK_PARAMS } from "../risk/limits";
import { RiskBody, riskQuery } from "../risk/schema";
import { periodSchema } from "./cells";
import { datasetSlugParam } from "./dataset-slug";
import { unknownParameter } from "./query-issues";

const P = RISK_PARAMS;

// GET /api/risk: the request of POST /api/risk in the query, in the dashboard link's and the export's
// grammar (risk=CN:0.1,EAEU:0.02:0.5&draws=…&seed=…&horizon=…&bie=…, lib/risk/schema.ts), so that a
// shared assessment is a URL a CDN can cache. Strict: a malformed value is refused naming it.
const shape = {
  period: periodSchema.optional().describe("Month of the shares (YYYY-MM); default: the dataset's newest"),
  dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET).describe(`Shares dataset (default ${DEFAULT_SHARES_DATASET})`),
  ...riskQuery,
};

export const RiskQuery = z.strictObject(shape, { error: unknownParameter("/api/risk", Object.keys(shape)) }).meta({ id: "RiskQuery" });

/**
 * The parsed query → the body POST /api/risk would parse to, through the body's own schema, so that
 * both forms assess the very same request (and answer the same bytes).
 */
export function riskRequestOfQuery(q: z.output<typeof RiskQuery>): z.output<typeof RiskBody> {
  return RiskBody.parse({
    ...(q.period ? { period: q.period } : {}),
    dataset: q.dataset,
    events: q[P.events] ?? [],
    horizonDays: q[P.horizonDays],
    blocksIntoEpoch: q[P.blocksIntoEpoch],
    draws: q[P.draws],
    seed: q[P.seed],
  });
}
