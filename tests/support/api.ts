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
