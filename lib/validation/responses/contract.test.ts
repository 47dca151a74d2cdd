import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { backtests } from "../../services/backtests";
import type { listDatasets } from "../../services/datasets";
import type { periodDistribution, sharesPeriods } from "../../services/distribution";
import type { health } from "../../services/health";
import type { getMetrics, getSeries, getShocks } from "../../services/metrics";
import type { networkFigures } from "../../services/network";
import type { countryDetails, listPowerPrices, shockEvents } from "../../services/reference";
import type { listSites, siteClusters } from "../../services/sites";
import type { runRisk } from "../../services/risk";
import type { runSimulation } from "../../services/simulate";
import type {
  BacktestsResponse,
  CountryResponse,
  DatasetSummary,
  DistributionResponse,
  HealthResponse,
  MetricsResponse,
  NetworkResponse,
  PeriodsResponse,
  PowerPriceSchema,
  RiskResponse,
  SeriesResponse,
  ShockEventSchema,
  ShocksResponse,
  SimulateResponse,
  SiteClustersResponse,
  SitesResponse,
} from ".";

// The other half of the one response contract: what the services return must be what the response
// schemas declare, so that the OpenAPI document and the browser's parse describe the real answers.
// These are type assertions: `tsc --noEmit` (first step of `npm test`) fails when a service's result
// stops fitting its schema; the route tests parse real answers with the same schemas at run time.

type Answer<S extends z.ZodType> = z.input<S>;
type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

describe("services return what the response schemas declare", () => {
  it("distribution, metrics, series, shocks", () => {
    expectTypeOf<Result<typeof periodDistribution>>().toExtend<Answer<typeof DistributionResponse>>();
    expectTypeOf<Result<typeof getMetrics>>().toExtend<Answer<typeof MetricsResponse>>();
    expectTypeOf<Result<typeof getSeries>>().toExtend<Answer<typeof SeriesResponse>>();
    expectTypeOf<Result<typeof getShocks>>().toExtend<Answer<typeof ShocksResponse>>();
  });

  it("network", () => {
    expectTypeOf<Result<typeof networkFigures>>().toExtend<Answer<typeof NetworkResponse>>();
  });

  it("simulate", () => {
    expectTypeOf<Result<typeof runSimulation>>().toExtend<Answer<typeof SimulateResponse>>();
  });

  it("risk", () => {
    expectTypeOf<Result<typeof runRisk>>().toExtend<Answer<typeof RiskResponse>>();
  });

  it("backtests", () => {
    expectTypeOf<Result<typeof backtests>>().toExtend<Answer<typeof BacktestsResponse>>();
  });

  it("reference data: datasets, periods, sites, prices, shock events, a country, health", () => {
    expectTypeOf<Result<typeof listDatasets>[number]>().toExtend<Answer<typeof DatasetSummary>>();
    expectTypeOf<Result<typeof sharesPeriods>>().toExtend<Answer<typeof PeriodsResponse>>();
    expectTypeOf<Result<typeof listSites>>().toExtend<Answer<typeof SitesResponse>>();
    expectTypeOf<Result<typeof siteClusters>>().toExtend<Answer<typeof SiteClustersResponse>>();
    expectTypeOf<Result<typeof listPowerPrices>[number]>().toExtend<Answer<typeof PowerPriceSchema>>();
    expectTypeOf<Result<typeof shockEvents>[number]>().toExtend<Answer<typeof ShockEventSchema>>();
    expectTypeOf<Result<typeof countryDetails>>().toExtend<Answer<typeof CountryResponse>>();
    expectTypeOf<Result<typeof health>>().toExtend<Answer<typeof HealthResponse>>();
  });
});
