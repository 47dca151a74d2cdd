import { API_ROUTES } from "../api/api-routes";

/**
 * The methods each path answers, for the server's front (guard.ts) to refuse the others with 405
 * and an Allow header before Next sees them. Next dispatches only its own seven methods to a route
 * (TRACE reaches none and fails with a 500), answers 405 without Allow for the others, and renders
 * a page for any method at all (PUT / answers 200).
 *
 * - An API route: the methods API_ROUTES gives its path (the exports of its route.ts: the test
 *   checks), with HEAD beside GET and OPTIONS, which Next implements for every route (204 with Allow).
 * - Every other path — pages, static files, and paths nothing serves: GET, HEAD and OPTIONS. No page
 *   takes a POST: there are no server actions, and forms post to the API with fetch.
 */

/** Served as a route of its own, outside API_ROUTES: the document does not describe itself. */
export const OPENAPI_DOCUMENT_PATH = "/api/openapi.json";

export const PAGE_METHODS: readonly string[] = ["GET", "HEAD", "OPTIONS"];

/** Sorted, as Next writes the Allow header of its OPTIONS answers. */
function allowFor(methods: readonly ("get" | "post")[]): readonly string[] {
  const allow = new Set(["OPTIONS"]);
  for (const method of methods) for (const m of method === "get" ? ["GET", "HEAD"] : ["POST"]) allow.add(m);
  return [...allow].sort();
}

/** A path's methods: several routes of API_ROUTES may share a path (GET and POST /api/simulate). */
const API_METHODS = new Map<string, readonly string[]>([
  ...[...new Set(API_ROUTES.map((route) => route.path))].map(
    (path) => [path, allowFor(API_ROUTES.filter((route) => route.path === path).map((route) => route.method))] as const,
  ),
  [OPENAPI_DOCUMENT_PATH, allowFor(["get"])],
]);

/** Whether `path` is in the API's namespace: its refusals are JSON error bodies. */
export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/**
 * The methods `path` answers; undefined for a path under /api that no route serves (Next's 404,
 * whatever the method). A trailing slash is ignored: Next redirects it to the path without.
 */
export function allowedMethods(path: string): readonly string[] | undefined {
  const bare = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  if (!isApiPath(bare)) return PAGE_METHODS;
  return API_METHODS.get(bare);
}
