import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiRequestBodyObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { z } from "zod";
import pkg from "../../package.json";
import { isCacheable } from "../http-cache/http-cache";
import { ErrorBody } from "../validation/responses";
import { API_ROUTES, type ApiRoute } from "./api-routes";

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed input: the body names the parameter and why",
  401: "No or wrong admin token",
  403: "Writes disabled (no HASHATLAS_ADMIN_TOKEN on the server) or a cross-site request",
  404: "No such dataset, period or country",
  405: "Method not allowed on this path: the Allow header lists the methods it answers",
  408: "The request body did not arrive in full within HASHATLAS_BODY_TIMEOUT_SECONDS: nothing was done",
  409: "A dataset of that name holds another kind of data (import), or the stored data the answer needs breaks a limit (a database written before the limits were checked): the message names the dataset and what is wrong; re-import it",
  413: "Body larger than the limit",
  415: "Content type not accepted by this route",
  421: "Misdirected request: the Host names a host this server does not answer for (HASHATLAS_ALLOWED_HOSTS)",
  422: "The data cannot be used: every bad row is listed with its line and column, or the metric cannot be computed",
  429: "Too many requests from this client: retry after the Retry-After header's seconds",
  503: "Not healthy (/api/health, with its usual body), or the database is busy with another write: nothing was written; retry after the Retry-After header's seconds",
  507: "The disk holding the database is full: nothing was written",
};

/**
 * Answered by the server's front (lib/edge/guard.ts) before any route handler, on every path: a
 * method the path does not answer (405, with Allow) and, with HASHATLAS_ALLOWED_HOSTS, another Host (421).
 */
const FRONT_ERRORS = [405, 421];

const ALLOW = { Allow: { description: "The methods this path answers", schema: { type: "string" as const } } };

/** /api/health answers 503 with its usual body, which says what is wrong; other routes with the error body. */
const HEALTH_BODY_ON_503 = new Set(["/api/health"]);

const RETRY_AFTER = { "Retry-After": { description: "Seconds until the next request is accepted", schema: { type: "integer" as const, minimum: 1 } } };

/** The validators and caching of a cacheable GET (lib/http-cache: the rule the server's front applies). */
const CACHE_HEADERS = {
  ETag: {
    description:
      "Strong entity tag of this answer: a digest of the release, the data version and the request. The same in every instance of one release on one database; it changes at once with an import.",
    schema: { type: "string" as const },
  },
  "Cache-Control": {
    description:
      "public, max-age=0, s-maxage=HASHATLAS_CACHE_SECONDS, stale-while-revalidate: a shared cache may serve it that long; a browser revalidates every time (304).",
    schema: { type: "string" as const },
  },
};

const IF_NONE_MATCH = z.object({
  "If-None-Match": z
    .string()
    .optional()
    .describe("ETag(s) of an answer held (a list, W/ ignored, or *): when one is current, the answer is 304 without a body"),
});

/** Every answer a route documents: its success schema, and each error status with the error body. */
function responses(route: ApiRoute): ZodOpenApiResponsesObject {
  const json = { "application/json": { schema: route.response } };
  const cacheable = isCacheable(route.method.toUpperCase(), route.path);
  return {
    200: {
      description: "OK",
      ...(cacheable ? { headers: CACHE_HEADERS } : {}),
      content: route.csv ? { "text/csv": { schema: { type: "string" } }, ...json } : json,
    },
    ...(cacheable ? { 304: { description: "Not Modified: If-None-Match names the current ETag; no body", headers: CACHE_HEADERS } } : {}),
    ...Object.fromEntries((route.alsoSuccess ?? []).map(({ status, description }) => [status, { description, content: json }])),
    ...Object.fromEntries(
      [...route.errors, ...FRONT_ERRORS].map((status) => [
        status,
        {
          description: ERROR_TEXT[status] ?? "Error",
          ...(status === 429 || (status === 503 && !HEALTH_BODY_ON_503.has(route.path)) ? { headers: RETRY_AFTER } : {}),
          ...(status === 405 ? { headers: ALLOW } : {}),
          content: { "application/json": { schema: status === 503 && HEALTH_BODY_ON_503.has(route.path) ? route.response : ErrorBody } },
        },
      ]),
    ),
  };
}

const UPLOAD_BODY: ZodOpenApiRequestBodyObject = {
  required: true,
  content: {
    "text/csv": { schema: { type: "string" } },
    "application/json": { schema: { type: "array", items: { type: "object" } } },
    "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] } },
  },
};

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const cacheable = isCacheable(route.method.toUpperCase(), route.path);
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    // Writes need the admin token; reads need nothing (an empty list overrides any default).
    security: route.admin ? [{ adminToken: [] }] : [],
    ...(route.query || cacheable ? { requestParams: { ...(route.query ? { query: route.query } : {}), ...(cacheable ? { header: IF_NONE_MATCH } : {}) } } : {}),
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: route.body } } } } : {}),
    ...(route.upload ? { requestBody: UPLOAD_BODY } : {}),
    responses: responses(route),
  };
}

let document: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document, generated from the zod schemas of API_ROUTES (built once per process). */
export function openApiDocument() {
  document ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "HashAtlas API",
      version: pkg.version,
      description:
        "Where Bitcoin's hash power lives, how concentrated it is by jurisdiction, and what a shutdown would do. JSON; shares are fractions 0–1; HHI on 0–10 000. Bad input gets a 4xx naming the field.",
      // The application declares no licence of its own; what the API serves is its sources' data,
      // each dataset under the licence /api/datasets and the /data page name (README "Data and licences").
      license: { name: "Data under each dataset's own licence (see GET /api/datasets)", url: "/data" },
    },
    // Relative: the API is served by whichever HashAtlas answers this document.
    servers: [{ url: "/", description: "The HashAtlas server that serves this document" }],
    components: { securitySchemes: { adminToken: { type: "http", scheme: "bearer", description: "The value of HASHATLAS_ADMIN_TOKEN" } } },
    // GET and POST of one path (e.g. /api/simulate) are two operations of one path item.
    paths: Object.fromEntries(
      [...new Set(API_ROUTES.map((route) => route.path))].map((path) => [
        path,
        Object.fromEntries(API_ROUTES.filter((route) => route.path === path).map((route) => [route.method, operation(route)])),
      ]),
    ),
  });
  return document;
}
