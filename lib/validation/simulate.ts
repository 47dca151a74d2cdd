import { z } from "zod";
import { DEFAULT_SHARES_DATASET } from "../scenario/limits";
import { SCENARIO_PARAMS } from "../scenario/scenario";
import { ScenarioBody, scenarioQuery, SHUTDOWN_SYNTAX, shutdownParam } from "../scenario/schema";
import { periodSchema } from "./cells";
import { datasetSlugParam } from "./dataset-slug";
import { unknownParameter } from "./query-issues";

// The body of POST /api/simulate is a scenario; its one schema is lib/scenario/schema.ts. This name
// stays for the API's own modules (the route and the OpenAPI document).
export { ScenarioBody as SimulateBody } from "../scenario/schema";

const P = SCENARIO_PARAMS;

// GET /api/simulate: the same scenario in the query, in the dashboard link's grammar (its names and
// text forms, lib/scenario/schema.ts), so that a shared scenario is a URL a CDN can cache. Strict,
// like the export query: a malformed value is refused naming it, never replaced by a default.
const shape = {
  period: periodSchema.describe("Month (YYYY-MM) whose distribution is shut down"),
  dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET).describe(`Shares dataset (default ${DEFAULT_SHARES_DATASET})`),
  [P.shutdown]: shutdownParam.describe(`What goes dark, as in the dashboard URL: ${SHUTDOWN_SYNTAX}`),
  [P.blocksIntoEpoch]: scenarioQuery[P.blocksIntoEpoch],
  [P.migration]: scenarioQuery[P.migration],
  [P.horizonDays]: scenarioQuery[P.horizonDays],
  [P.efficiency]: scenarioQuery[P.efficiency],
};

export const SimulateQuery = z.strictObject(shape, { error: unknownParameter("/api/simulate", Object.keys(shape)) }).meta({ id: "SimulateQuery" });

/**
 * The parsed query → the body POST /api/simulate would parse to, through the body's own schema, so
 * that both forms simulate the very same scenario (and answer the same bytes).
 */
export function scenarioOfQuery(q: z.output<typeof SimulateQuery>): z.output<typeof ScenarioBody> {
  return ScenarioBody.parse({
    period: q.period,
    dataset: q.dataset,
    shutdown: q[P.shutdown],
    blocksIntoEpoch: q[P.blocksIntoEpoch],
    ...(q[P.migration] ? { migration: q[P.migration] } : {}),
    horizonDays: q[P.horizonDays],
    efficiency: q[P.efficiency],
  });
}
