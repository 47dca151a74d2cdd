import type { Metadata } from "next";
import { API_ROUTES, type ApiRoute } from "@/lib/api/api-routes";
import { openApiDocument } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API — HashAtlas" };

type JsonSchema = { type?: string; pattern?: string; enum?: unknown[]; default?: unknown; description?: string; minimum?: number; maximum?: number };

function describeSchema(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.enum) parts.push(`one of ${schema.enum.map(String).join(", ")}`);
  else if (schema.type) parts.push(schema.type);
  if (schema.pattern) parts.push(`pattern ${schema.pattern}`);
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (schema.default !== undefined) parts.push(`default ${typeof schema.default === "string" ? schema.default : JSON.stringify(schema.default)}`);
  return parts.join("; ");
}

/** A route's anchor: its path; a GET beside a POST of the same path (the query form) is get-<path>. */
function anchor(route: ApiRoute): string {
  const slug = route.path.replace(/\W+/g, "-");
  const twin = API_ROUTES.some((r) => r.path === route.path && r.method !== route.method);
  return twin && route.method === "get" ? `get${slug}` : slug;
}

/** The API reference, rendered from the same OpenAPI document that /api/openapi.json serves. */
export default function ApiDocsPage() {
  const doc = openApiDocument();
  return (
    <article className="prose">
      <h1>HashAtlas API</h1>
      <p className="lede">
        JSON over HTTP; shares are fractions 0–1 and HHI is on 0–10 000. Bad input gets a 4xx whose body names the field:{" "}
        <code>{`{ "error": { "status", "message", "field", "issues" } }`}</code>. The machine-readable description is{" "}
        <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1, generated from the zod schemas the server validates with).
      </p>
      <p>
        Besides each route&apos;s own errors listed below, any path answers <code>405</code> with an <code>Allow</code> header to a method it does not support,
        and <code>421</code> to a <code>Host</code> the server is not configured for (only when <code>HASHATLAS_ALLOWED_HOSTS</code> is set); a request body
        that stalls is cut off with <code>408</code>.
      </p>
      <p>
        Every GET answer but <code>/api/health</code> and <code>/api/export</code> carries a strong <code>ETag</code> — a digest of the release, the data
        version and the request, the same on every instance of one release — and{" "}
        <code>Cache-Control: public, max-age=0, s-maxage=…, stale-while-revalidate=…</code> (<code>HASHATLAS_CACHE_SECONDS</code>): a shared cache or CDN may
        keep it that long, a browser asks every time. A request whose <code>If-None-Match</code> names the current ETag gets <code>304</code> without a body; an
        import changes every ETag at once. Errors, health, imports and requests with an <code>Authorization</code> header are <code>no-store</code>.{" "}
        <code>POST /api/simulate</code> and <code>POST /api/risk</code> also have a GET form, the request in the query in the dashboard URL&apos;s grammar, for
        links a CDN can cache.
      </p>
      {API_ROUTES.map((route) => {
        const op = doc.paths?.[route.path]?.[route.method];
        const params = (op?.parameters ?? []).flatMap((p) => ("name" in p ? [p] : []));
        return (
          <section key={`${route.method} ${route.path}`} className="panel api-route" id={anchor(route)}>
            <h2>
              <code>
                {route.method.toUpperCase()} {route.path}
              </code>{" "}
              — {route.summary}
            </h2>
            <p>{route.description}</p>
            {params.length > 0 && (
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Parameter</th>
                    <th scope="col">Type</th>
                    <th scope="col">Meaning</th>
                  </tr>
                </thead>
                <tbody>
                  {params.map((p) => {
                    const schema = (p.schema ?? {}) as JsonSchema;
                    return (
                      <tr key={p.name}>
                        <td>
                          <code>{p.name}</code>
                        </td>
                        <td>{describeSchema(schema)}</td>
                        <td>{p.description ?? schema.description ?? ""}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {route.exampleBody !== undefined && (
              <>
                <p>
                  JSON body (schema <code>{route.body?.meta()?.id}</code> in the OpenAPI document), for example:
                </p>
                <pre className="example">{JSON.stringify(route.exampleBody, null, 2)}</pre>
              </>
            )}
            <p className="source">
              Errors: {route.errors.join(", ")}.{" "}
              {route.method === "get" && (
                <>
                  Try it: <a href={route.example ?? route.path}>{route.example ?? route.path}</a>
                </>
              )}
            </p>
          </section>
        );
      })}
    </article>
  );
}
