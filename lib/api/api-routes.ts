import type { z } from "zod";
import {
  BacktestsQuery,
  CountryQuery,
  DatasetsQuery,
  DistributionQuery,
  MetricsQuery,
  NetworkQuery,
  PeriodsQuery,
  PowerPricesQuery,
  RegionsQuery,
  SeriesQuery,
  ShockEventsQuery,
  ShocksQuery,
  SiteClustersQuery,
  SitesQuery,
} from "../validation/api";
import {
  BacktestsResponse,
  CountryResponse,
  DatasetsResponse,
  DistributionResponse,
  HealthResponse,
  ImportResponse,
  MetricsResponse,
  NetworkResponse,
  PeriodsResponse,
  PowerPricesResponse,
  RegionsResponse,
  SeriesResponse,
  ShockEventsResponse,
  ShocksResponse,
  SiteClustersResponse,
  SitesResponse,
  VersionResponse,
} from "../validation/responses";
import { ExportJsonResponse, ExportQuery } from "../validation/export";
import { ImportQuery } from "../validation/import";
import { SCENARIO_ROUTES } from "./scenario-routes";

export type ApiRoute = {
  path: string;
  method: "get" | "post";
  /** Stable camelCase name of the operation: generated clients name their methods after it. Never rename one. */
  operationId: string;
  summary: string;
  description: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body is an uploaded file (CSV/JSON raw, or multipart field "file"), not a JSON document. */
  upload?: boolean;
  /** Needs Authorization: Bearer <HASHATLAS_ADMIN_TOKEN>. */
  admin?: boolean;
  /** The one schema of the 200 answer (JSON). */
  response: z.ZodType;
  /** Other successful statuses that answer with the same schema (e.g. 201 Created). */
  alsoSuccess?: { status: number; description: string }[];
  /** The 200 answer can also be CSV text (format=csv). */
  csv?: boolean;
  /** Every 4xx/5xx the handler and the services it calls can answer (405 and 421, from the server's front, are added for every route). */
  errors: number[];
  /** A working request, for the API page's "try it" link and the shape test (default: the bare path). */
  example?: string;
  /** A working request body (POST routes). */
  exampleBody?: unknown;
};

/** Every route of the API: the single list the OpenAPI document and the API page are made from. */
export const API_ROUTES: ApiRoute[] = [
  {
    path: "/api/health",
    method: "get",
    operationId: "getHealth",
    summary: "Service health",
    description: "Database reachable, WAL mode, migrations applied, row counts. 503 when not healthy.",
    response: HealthResponse,
    errors: [503],
  },
  {
    path: "/api/version",
    method: "get",
    operationId: "getVersion",
    summary: "Application version",
    description: "Name and version; no database access.",
    response: VersionResponse,
    errors: [],
  },
  {
    path: "/api/datasets",
    method: "get",
    operationId: "listDatasets",
    summary: "Datasets and their provenance",
    description: "Every dataset with publisher, URL, licence, retrieval date, method and caveats.",
    query: DatasetsQuery,
    response: DatasetsResponse,
    errors: [400],
  },
  {
    path: "/api/periods",
    method: "get",
    operationId: "listPeriods",
    summary: "Months of a shares dataset",
    description: "The periods (YYYY-MM) for which a dataset has hashrate shares.",
    query: PeriodsQuery,
    response: PeriodsResponse,
    errors: [400, 404, 409],
  },
  {
    path: "/api/distribution",
    method: "get",
    operationId: "getDistribution",
    summary: "Hashrate share by country for one month",
    description:
      "Shares as the source gives them (fractions), the unattributed bucket, and EH/s from the dataset's own totals or the month's network hashrate.",
    query: DistributionQuery,
    response: DistributionResponse,
    errors: [400, 404, 409],
  },
  {
    path: "/api/metrics",
    method: "get",
    operationId: "getMetrics",
    summary: "Concentration metrics for one month",
    description:
      "HHI, HHI upper bound, effective jurisdictions, concentration band, Nakamoto coefficient, top-1/top-3, entropy; per country its share, EH/s, comparable power price and electricity cost per BTC.",
    query: MetricsQuery,
    response: MetricsResponse,
    errors: [400, 404, 409, 422],
  },
  {
    path: "/api/metrics/series",
    method: "get",
    operationId: "getMetricsSeries",
    summary: "Concentration over time",
    description: "One row per period of a shares dataset, for the time chart.",
    query: SeriesQuery,
    response: SeriesResponse,
    errors: [400, 404, 409],
  },
  {
    path: "/api/shocks",
    method: "get",
    operationId: "getShocks",
    summary: "Which shutdown hurts most",
    description:
      "Every country with a non-zero share and every bloc shut down alone: lost share, slower blocks, next retarget, concentration after. Sorted by lost share.",
    query: ShocksQuery,
    response: ShocksResponse,
    errors: [400, 404, 409],
  },
  {
    path: "/api/country",
    method: "get",
    operationId: "getCountry",
    summary: "One country",
    description: "Its share, EH/s and rank in every period of a dataset, its mining sites, power prices and blocs.",
    query: CountryQuery,
    response: CountryResponse,
    errors: [400, 404, 409],
    example: "/api/country?iso2=US",
  },
  {
    path: "/api/regions",
    method: "get",
    operationId: "getRegions",
    summary: "Where in a country: its regions' shares",
    description:
      "A country's ISO 3166-2 regions with their share of the country and of the network (the country's share in the period × the share of the country), on one basis, stated. sites: each region's operating mining sites (EH/s where stated, else MW ÷ the default J/TH) over the country's sited total, with the sites placed in no region as the unlocated remainder; published: the newest published sub-national estimate at or before the period, one source only, with its period, source and which share it gave (a share of the country derived from a share of the network says so). Every answer states the coverage: what share of the country's hashrate its sites account for. Default basis: sites where the country has sites placed in a region, else published; a country with neither is 404, a basis it lacks 422.",
    query: RegionsQuery,
    response: RegionsResponse,
    errors: [400, 404, 409, 422],
    example: "/api/regions?country=US",
  },
  {
    path: "/api/shock-events",
    method: "get",
    operationId: "listShockEvents",
    summary: "Historical shocks",
    description: "Bans, restrictions and blackouts with a documented effect on hashrate, with sources.",
    query: ShockEventsQuery,
    response: ShockEventsResponse,
    errors: [400],
  },
  {
    path: "/api/network",
    method: "get",
    operationId: "getNetwork",
    summary: "Network hashrate, difficulty and retargets",
    description:
      "The network's own figures to the latest month: mean hashrate (EH/s) and difficulty per month, and every difficulty retarget (time in UTC, change as a fraction), merged from the seeded datasets and any a sync or an import added; each names its source dataset. from/to (YYYY-MM, inclusive) narrow the months; a retarget is in when its UTC month is.",
    query: NetworkQuery,
    response: NetworkResponse,
    errors: [400],
    example: "/api/network?from=2021-05&to=2021-08",
  },
  {
    path: "/api/backtests",
    method: "get",
    operationId: "getBacktests",
    summary: "The simulator against real shocks",
    description:
      "For each recorded shock (the 2021 China ban, Kazakhstan's 2022 blackout, the US winter curtailments of 2022, 2024 and 2026, …): the scenario that stands for it (affected countries, the fraction the sources report, the shares of the newest month before it), the fall in network hashrate the sources measured (a range where they disagree), the simulator's lost share, the error (to a range's nearest end), the real and simulated retargets after it, the sources and what the model leaves out; with the mean absolute error over the rows and every other recorded shock with the reason it is not backtested. Takes no parameters.",
    query: BacktestsQuery,
    response: BacktestsResponse,
    errors: [400],
  },
  ...SCENARIO_ROUTES,
  {
    path: "/api/export",
    method: "get",
    operationId: "exportData",
    summary: "Export metrics, series, shocks, distribution, sites, prices or a scenario",
    description:
      "Every number the app shows as a download (Content-Disposition: attachment): format=csv (default; RFC 4180, UTF-8, header row, formula-safe text cells, text/csv) or format=json ({ metadata, rows }, shown below); metadata=1 gives only the metadata JSON: column definitions, the datasets with URL, licence and retrieval date, app version, the query and a citation. Scenario parameters use the dashboard URL's syntax.",
    query: ExportQuery,
    response: ExportJsonResponse,
    csv: true,
    errors: [400, 404, 409, 422],
    example: "/api/export?what=series&format=json",
  },
  {
    path: "/api/import",
    method: "post",
    operationId: "importDataset",
    summary: "Import a dataset",
    description:
      "Create or replace a named dataset from a file: hashrate shares (the CBECI Mining Map download, period,country,share|hashrate_eh CSV, or JSON rows), mining sites or power prices (the seed files' column layout). Every row is validated first; if any is bad, nothing is written and the problems are listed (first 100) with line and column. One transaction; 10 MB limit, at most HASHATLAS_MAX_IMPORT_ROWS data rows (default 500 000), text cells of at most 500 characters (URLs 2 048) and every number within its physical range (shares 0–1, EH/s 0–10⁶, MW 0–10⁵, USD/kWh 0–10, coordinates), or a 422 naming line and column.",
    query: ImportQuery,
    upload: true,
    admin: true,
    response: ImportResponse,
    alsoSuccess: [{ status: 201, description: "Created: a new dataset of that name was written" }],
    errors: [400, 401, 403, 408, 409, 413, 415, 422, 429, 503, 507],
  },
  {
    path: "/api/sites",
    method: "get",
    operationId: "listSites",
    summary: "Mining sites",
    description:
      "Large named mining sites with operator, capacity, approximate location, the ISO 3166-2 region it was placed in (regionCode, by its point or its address: regionMethod), status and source, a page at a time in the order country, name, id: limit sites (default 500, at most 2 000), then pass the answer's nextCursor as cursor= for the next page (null on the last). Filters: country, status, dataset (a sites dataset), bbox=west,south,east,north (degrees; west > east crosses the antimeridian; sites without coordinates are left out).",
    query: SitesQuery,
    response: SitesResponse,
    errors: [400, 404],
    example: "/api/sites?bbox=-130,20,-60,55&limit=20",
  },
  {
    path: "/api/sites/clusters",
    method: "get",
    operationId: "getSiteClusters",
    summary: "Mining sites for a map view",
    description:
      "What a map at zoom showing bbox draws: every located site in the box (mode sites) when the grid cells it touches hold at most siteLimit (500), else those cells (mode clusters), each with its site count, summed capacity, centroid and extent. Cells are 360 / 2^level degrees, level = zoom + 3 (about 64 px on the map), coarser when the box would span more than 64 cells; the answer is bounded whatever the box, and up to level 9 it is read from per-dataset cells stored with every write, so it costs the same with 100 sites or 200 000.",
    query: SiteClustersQuery,
    response: SiteClustersResponse,
    errors: [400, 404],
    example: "/api/sites/clusters?bbox=-180,-85,180,85&zoom=1",
  },
  {
    path: "/api/power-prices",
    method: "get",
    operationId: "listPowerPrices",
    summary: "Electricity prices",
    description: "USD/kWh by country (and subdivision), price type, period and source.",
    query: PowerPricesQuery,
    response: PowerPricesResponse,
    errors: [400],
  },
];
