import { expect } from "vitest";

/** Call a route handler as Next would, with a GET request for `url` (path and query). */
export async function get(handler: (request: Request) => Promise<Response>, url: string) {
  const response = await handler(new Request(`http://127.0.0.1${url}`));
  const body: unknown = await response.json();
  return { status: response.status, body, headers: response.headers };
}

/** A 4xx answer must say which field is wrong and why, in the API's error shape. */
export function expectFieldError(result: { status: number; body: unknown }, status: number, field: string, message?: RegExp) {
  expect(result.status).toBe(status);
  expect(result.body).toMatchObject({ error: { status, field } });
  if (message) expect(JSON.stringify(result.body)).toMatch(message);
}

/** Call a route handler with a POST of `body` as JSON (or as given text with a content type). */
export async function post(handler: (request: Request) => Promise<Response>, url: string, body: unknown, init: { contentType?: string; raw?: string } = {}) {
  const response = await handler(
    new Request(`http://127.0.0.1${url}`, {
      method: "POST",
      headers: { "content-type": init.contentType ?? "application/json" },
      body: init.raw ?? JSON.stringify(body),
    }),
  );
  const parsed: unknown = await response.json();
  return { status: response.status, body: parsed, headers: response.headers };
}
