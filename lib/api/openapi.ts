import type { z } from "zod";
import { createDocument } from "zod-openapi";
import pkg from "../../package.json";
import {
  CountryQuery,
  DatasetsQuery,
  DistributionQuery,
  MetricsQuery,
  PeriodsQuery,
  PowerPricesQuery,
  SeriesQuery,
  ShockEventsQuery,
  ShocksQuery,
  SitesQuery,
} from "../validation/api";
import {
  CountryResponse,
  DatasetsResponse,
  DistributionResponse,
  ErrorBody,
  HealthResponse,
  ImportResponse,
  MetricsResponse,
  PeriodsResponse,
  PowerPricesResponse,
  SeriesResponse,
  ShockEventsResponse,
  ShocksResponse,
  SimulateResponse,
  SitesResponse,
  VersionResponse,
} from "../validation/responses";
import { ExportJsonResponse, ExportQuery } from "../validation/export";
import { ImportQuery } from "../validation/import";
import { SimulateBody } from "../validation/simulate";

/** Every route of the API: the single list the OpenAPI document and the API page are made from. */
export const API_ROUTES: {
  path: string;
  method: "get" | "post";
  summary: string;
  description: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body is an uploaded file (CSV/JSON raw, or multipart field "file"), not a JSON document. */
  upload?: boolean;
  /** Needs Authorization: Bearer <HASHATLAS_ADMIN_TOKEN>. */
  admin?: boolean;
  response: z.ZodType;
  errors: number[];
  /** A working request, for the API page's "try it" link and the shape test (default: the bare path). */
  example?: string;
  /** A working request body (POST routes). */
  exampleBody?: unknown;
}[] = [
  {
    path: "/api/health",
    method: "get",
    summary: "Service health",
    description: "Database reachable, WAL mode, migrations applied, row counts. 503 when not healthy.",
    response: HealthResponse,
    errors: [503],
  },
  {
    path: "/api/version",
    method: "get",
    summary: "Application version",
    description: "Name and version; no database access.",
    response: VersionResponse,
    errors: [],
  },
  {
    path: "/api/datasets",
    method: "get",
    summary: "Datasets and their provenance",
    description: "Every dataset with publisher, URL, licence, retrieval date, method and caveats.",
    query: DatasetsQuery,
    response: DatasetsResponse,
    errors: [400],
  },
  {
    path: "/api/periods",
    method: "get",
    summary: "Months of a shares dataset",
    description: "The periods (YYYY-MM) for which a dataset has hashrate shares.",
    query: PeriodsQuery,
    response: PeriodsResponse,
    errors: [400, 404],
  },
  {
    path: "/api/distribution",
    method: "get",
    summary: "Hashrate share by country for one month",
    description:
      "Shares as the source gives them (fractions), the unattributed bucket, and EH/s from the dataset's own totals or the month's network hashrate.",
    query: DistributionQuery,
    response: DistributionResponse,
    errors: [400, 404],
  },
  {
    path: "/api/metrics",
    method: "get",
    summary: "Concentration metrics for one month",
    description:
      "HHI, HHI upper bound, effective jurisdictions, concentration band, Nakamoto coefficient, top-1/top-3, entropy; per country its share, EH/s, comparable power price and electricity cost per BTC.",
    query: MetricsQuery,
    response: MetricsResponse,
    errors: [400, 404, 422],
  },
  {
    path: "/api/metrics/series",
    method: "get",
    summary: "Concentration over time",
    description: "One row per period of a shares dataset, for the time chart.",
    query: SeriesQuery,
    response: SeriesResponse,
    errors: [400, 404],
  },
  {
    path: "/api/shocks",
    method: "get",
    summary: "Which shutdown hurts most",
    description:
      "Every country with a non-zero share and every bloc shut down alone: lost share, slower blocks, next retarget, concentration after. Sorted by lost share.",
    query: ShocksQuery,
    response: ShocksResponse,
    errors: [400, 404],
  },
  {
    path: "/api/country",
    method: "get",
    summary: "One country",
    description: "Its share, EH/s and rank in every period of a dataset, its mining sites, power prices and blocs.",
    query: CountryQuery,
    response: CountryResponse,
    errors: [400, 404],
    example: "/api/country?iso2=US",
  },
  {
    path: "/api/shock-events",
    method: "get",
    summary: "Historical shocks",
    description: "Bans, restrictions and blackouts with a documented effect on hashrate, with sources.",
    query: ShockEventsQuery,
    response: ShockEventsResponse,
    errors: [400],
  },
  {
    path: "/api/simulate",
    method: "post",
    summary: "Simulate a shutdown",
    description:
      "Shut down countries and blocs (optionally a fraction of each) in a month's distribution and step the network day by day through retargets, optionally with the lost hashrate migrating elsewhere. Returns before/after/end metrics, every retarget and the daily timeline.",
    body: SimulateBody,
    exampleBody: {
      period: "2021-05",
      shutdown: ["CN", { id: "KZ", fraction: 0.5 }],
      blocksIntoEpoch: 1150,
      migration: { fraction: 0.5, days: 90, delayDays: 30 },
    },
    response: SimulateResponse,
    errors: [400, 404, 413, 415, 422, 429],
  },
  {
    path: "/api/export",
    method: "get",
    summary: "Export metrics, series, shocks, distribution, sites, prices or a scenario",
    description:
      "Every number the app shows as a download (Content-Disposition: attachment): format=csv (default; RFC 4180, UTF-8, header row, formula-safe text cells, text/csv) or format=json ({ metadata, rows }, shown below); metadata=1 gives only the metadata JSON: column definitions, the datasets with URL, licence and retrieval date, app version, the query and a citation. Scenario parameters use the dashboard URL's syntax.",
    query: ExportQuery,
    response: ExportJsonResponse,
    errors: [400, 404, 422],
    example: "/api/export?what=series&format=json",
  },
  {
    path: "/api/import",
    method: "post",
    summary: "Import a dataset",
    description:
      "Create or replace a named dataset from a file: hashrate shares (the CBECI Mining Map download, period,country,share|hashrate_eh CSV, or JSON rows), mining sites or power prices (the seed files' column layout). Every row is validated first; if any is bad, nothing is written and the problems are listed (first 100) with line and column. One transaction; 10 MB limit.",
    query: ImportQuery,
    upload: true,
    admin: true,
    response: ImportResponse,
    errors: [400, 401, 403, 409, 413, 415, 422, 429, 507],
  },
  {
    path: "/api/sites",
    method: "get",
    summary: "Mining sites",
    description: "Large named mining sites with operator, capacity, approximate location, status and source.",
    query: SitesQuery,
    response: SitesResponse,
    errors: [400],
  },
  {
    path: "/api/power-prices",
    method: "get",
    summary: "Electricity prices",
    description: "USD/kWh by country (and subdivision), price type, period and source.",
    query: PowerPricesQuery,
    response: PowerPricesResponse,
    errors: [400],
  },
];

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed input: the body names the parameter and why",
  413: "Body larger than the limit",
  415: "Content type is not application/json",
  404: "No such dataset or period",
  401: "No or wrong admin token",
  403: "Writes disabled (no HASHATLAS_ADMIN_TOKEN on the server) or a cross-site request",
  409: "A dataset of that name holds another kind of data",
  429: "Too many requests from this client: retry after the Retry-After header's seconds",
  507: "The disk holding the database is full: nothing was written",
  422: "The data cannot be used: every bad row is listed with its line and column, or the metric cannot be computed",
  503: "Not healthy",
};

let document: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document, generated from the zod schemas above (built once per process). */
export function openApiDocument() {
  document ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "HashAtlas API",
      version: pkg.version,
      description:
        "Where Bitcoin's hash power lives, how concentrated it is by jurisdiction, and what a shutdown would do. JSON; shares are fractions 0–1; HHI on 0–10 000. Bad input gets a 4xx naming the field.",
    },
    components: { securitySchemes: { adminToken: { type: "http", scheme: "bearer", description: "The value of HASHATLAS_ADMIN_TOKEN" } } },
    paths: Object.fromEntries(
      API_ROUTES.map((route) => [
        route.path,
        {
          [route.method]: {
            summary: route.summary,
            description: route.description,
            ...(route.query ? { requestParams: { query: route.query } } : {}),
            ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: route.body } } } } : {}),
            ...(route.upload
              ? {
                  requestBody: {
                    required: true,
                    content: {
                      "text/csv": { schema: { type: "string" } },
                      "application/json": { schema: { type: "array", items: { type: "object" } } },
                      "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] } },
                    },
                  },
                }
              : {}),
            ...(route.admin ? { security: [{ adminToken: [] }] } : {}),
            responses: {
              200: { description: "OK", content: { "application/json": { schema: route.response } } },
              ...Object.fromEntries(
                route.errors.map((status) => [
                  status,
                  { description: ERROR_TEXT[status] ?? "Error", content: { "application/json": { schema: status === 503 ? route.response : ErrorBody } } },
                ]),
              ),
            },
          },
        },
      ]),
    ),
  });
  return document;
}
