import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { estimateDistribution, getMetrics, getSeries, getShocks } from "../../api/metrics";
import type { runSimulation } from "../../api/simulate";
import type { listDatasets } from "../../db/datasets";
import type { checkHealth } from "../../db/health";
import type { listPowerPrices } from "../../db/prices";
import type { allShockEvents } from "../../db/reference";
import type { countryHistory } from "../../db/shares";
import type { listSites } from "../../db/sites";
import type {
  CountryResponse,
  DatasetSummary,
  DistributionResponse,
  HealthResponse,
  MetricsResponse,
  PowerPriceSchema,
  SeriesResponse,
  ShockEventSchema,
  ShocksResponse,
  SimulateResponse,
  SiteSchema,
} from ".";

// The other half of the one response contract: what the services return must be what the response
// schemas declare, so that the OpenAPI document and the browser's parse describe the real answers.
// These are type assertions: `tsc --noEmit` (first step of `npm test`) fails when a service's result
// stops fitting its schema; the route tests parse real answers with the same schemas at run time.

type Answer<S extends z.ZodType> = z.input<S>;
type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

describe("services return what the response schemas declare", () => {
  it("metrics, series, shocks, distribution", () => {
    expectTypeOf<Result<typeof getMetrics>>().toExtend<Answer<typeof MetricsResponse>>();
    expectTypeOf<Result<typeof getSeries>>().toExtend<Answer<typeof SeriesResponse>>();
    expectTypeOf<Result<typeof getShocks>>().toExtend<Answer<typeof ShocksResponse>>();
    expectTypeOf<Result<typeof estimateDistribution>>().toExtend<Answer<typeof DistributionResponse>>();
  });

  it("simulate", () => {
    expectTypeOf<Result<typeof runSimulation>>().toExtend<Answer<typeof SimulateResponse>>();
  });

  it("reference data: datasets, sites, prices, shock events, a country's history, health", () => {
    expectTypeOf<Result<typeof listDatasets>[number]>().toExtend<Answer<typeof DatasetSummary>>();
    expectTypeOf<Result<typeof listSites>[number]>().toExtend<Answer<typeof SiteSchema>>();
    expectTypeOf<Result<typeof listPowerPrices>[number]>().toExtend<Answer<typeof PowerPriceSchema>>();
    expectTypeOf<Result<typeof allShockEvents>[number]>().toExtend<Answer<typeof ShockEventSchema>>();
    expectTypeOf<Result<typeof countryHistory>>().toExtend<Answer<typeof CountryResponse>["history"]>();
    expectTypeOf<ReturnType<typeof checkHealth> & { version: string }>().toExtend<Answer<typeof HealthResponse>>();
  });
});
