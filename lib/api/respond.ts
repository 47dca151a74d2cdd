import { NextResponse } from "next/server";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { log } from "../log";
import type { ErrorAnswer } from "../validation/responses";
import { queryIssues } from "../validation/query-issues";
import { refusalOf } from "./errors";

/** Every 4xx/5xx body is an ErrorBody: the first offending field and a reason a person can act on. */
type ApiIssue = NonNullable<ErrorAnswer["error"]["issues"]>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorResponse(status: number, message: string, field?: string, issues?: ApiIssue[], totalIssues?: number) {
  const body: ErrorAnswer = {
    error: { status, message, ...(field ? { field } : {}), ...(issues ? { issues } : {}), ...(totalIssues !== undefined ? { totalIssues } : {}) },
  };
  return NextResponse.json(body, { status, headers: { "cache-control": "no-store" } });
}

export function json<T>(data: T, init?: { status?: number; headers?: Record<string, string> }) {
  return NextResponse.json(data, { status: init?.status ?? 200, headers: { "cache-control": "no-store", ...init?.headers } });
}

/** A JSON answer whose body is already serialised and encoded (cached responses skip both). */
export function jsonText(body: Uint8Array<ArrayBuffer>, init?: { status?: number }) {
  return new Response(body, { status: init?.status ?? 200, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}

/**
 * The client went away before its request body had arrived: nothing to answer, nobody to answer
 * to, and nothing wrong with the server. `handler` logs it at info level as an abort, in one line.
 */
export class ClientAbort extends Error {
  constructor(cause: unknown) {
    super("the client closed the connection before its request body had arrived", { cause });
    this.name = "ClientAbort";
  }
}

/** nginx's "client closed request": the status an abort is logged with (no answer is sent). */
export const CLIENT_CLOSED_REQUEST = 499;

/** Validate a request's query string; the error names the first bad parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request): z.output<S> {
  const params = new URL(request.url).searchParams;
  // A Set, not `key in object`: a plain object already "has" constructor, toString, __proto__…
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) throw new ApiError(400, `query parameter "${key}" is given more than once`, key);
    seen.add(key);
  }
  const parsed = schema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const issues = queryIssues(parsed.error);
    const first = issues[0] ?? { field: "(query)", message: "invalid query" };
    throw new ApiQueryError(first.field, `${first.field}: ${first.message}`, issues);
  }
  return parsed.data;
}

export class ApiQueryError extends ApiError {
  constructor(
    field: string,
    message: string,
    readonly issues: { field: string; message: string }[],
  ) {
    super(400, message, field);
  }
}

/** A request id from the caller (x-request-id, sanitised) or a new one. */
function requestId(request: Request): string {
  const given = request.headers
    .get("x-request-id")
    ?.replace(/[^\w.-]/g, "")
    .slice(0, 64);
  return given || randomUUID();
}

async function respond(fn: (request: Request) => Promise<Response> | Response, request: Request, reqId: string): Promise<Response> {
  try {
    return await fn(request);
  } catch (error) {
    if (error instanceof ClientAbort) return new Response(null, { status: CLIENT_CLOSED_REQUEST });
    if (error instanceof ApiQueryError) return errorResponse(error.status, error.message, error.field, error.issues);
    if (error instanceof ApiError) {
      const response = errorResponse(error.status, error.message, error.field);
      // The rest of a body that timed out (408) or is too large (413) is not read: the connection
      // ends with the answer, rather than wait for a body nobody will read.
      if (error.status === 408 || error.status === 413) response.headers.set("connection", "close");
      return response;
    }
    const refusal = refusalOf(error);
    if (refusal) {
      const response = errorResponse(refusal.status, refusal.message, refusal.field);
      if (refusal.retryAfterSeconds !== undefined) response.headers.set("retry-after", String(refusal.retryAfterSeconds));
      return response;
    }
    log().error({ reqId, err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, "unhandled error in route");
    return errorResponse(500, "internal error");
  }
}

/**
 * Wrap a route handler: ApiErrors, and the services' and engine's refusals (lib/api/errors.ts),
 * become their 4xx answer; anything else is logged and becomes a 500 without internals (a 500 is
 * always a bug to fix, never an answer to bad input). Every request is logged as one structured
 * line: request id, method, route, status, duration — a client that went away mid-body as an abort
 * (info, status 499), since nothing went wrong on this side.
 */
export function handler(fn: (request: Request) => Promise<Response> | Response) {
  return async (request: Request): Promise<Response> => {
    const started = performance.now();
    const reqId = requestId(request);
    const response = await respond(fn, request, reqId);
    response.headers.set("x-request-id", reqId);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const line = { reqId, method: request.method, route: new URL(request.url).pathname, status: response.status, ms };
    if (response.status === CLIENT_CLOSED_REQUEST) log().info({ ...line, aborted: true }, "request aborted by the client");
    else log().info(line, "request");
    return response;
  };
}
