import type { Metadata } from "next";
import { API_ROUTES } from "@/lib/api/api-routes";
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
      {API_ROUTES.map((route) => {
        const op = doc.paths?.[route.path]?.[route.method];
        const params = (op?.parameters ?? []).flatMap((p) => ("name" in p ? [p] : []));
        return (
          <section key={route.path} className="panel api-route" id={route.path.replace(/\W+/g, "-")}>
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
                  JSON body (schema <code>SimulateRequest</code> in the OpenAPI document), for example:
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
