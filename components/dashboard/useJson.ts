"use client";

import { createContext, useContext, useEffect, useState } from "react";
import type { z } from "zod";
import type * as Responses from "@/lib/validation/responses";

// Every answer is parsed with the API's own response schema; the schemas (and zod) are loaded on the
// first fetch, so they stay out of the page's first-load JavaScript.

/**
 * The answers the server rendered this page with, keyed by the URL the client would fetch them
 * from. They travel with the render (a context value per Dashboard), never through module state:
 * on the server a module lives as long as the process and is shared by every request and every data
 * version, so an answer remembered there outlives the next import and the server would render stale
 * numbers the browser then hydrates differently (React error #418).
 */
export const RenderedAnswers = createContext<ReadonlyMap<string, unknown>>(new Map());

/**
 * Answers fetched in this browser tab, per URL, for the page's lifetime (reference data only changes
 * on import, and then the page is reloaded). Browser only: null on the server, where nothing may be
 * remembered between requests; written only after a fetch, never during a render.
 */
const fetched: Map<string, unknown> | null = typeof window === "undefined" ? null : new Map();

type SchemaName = { [K in keyof typeof Responses]: (typeof Responses)[K] extends z.ZodType ? K : never }[keyof typeof Responses];
type Output<K extends SchemaName> = z.output<(typeof Responses)[K]>;

export type JsonState<T> = { data: T | null; error: string | null; loading: boolean };

/** The server's answer first (server and browser then render the same while hydrating), else one fetched here. */
function known(rendered: ReadonlyMap<string, unknown>, url: string | null): unknown {
  return url === null ? undefined : (rendered.get(url) ?? fetched?.get(url));
}

export function useJson<K extends SchemaName>(url: string | null, schemaName: K): JsonState<Output<K>> {
  const rendered = useContext(RenderedAnswers);
  const [state, setState] = useState<JsonState<Output<K>>>(() => {
    // Rendered answers were built on the server from the same response types; fetched ones were parsed.
    const cached = known(rendered, url) as Output<K> | undefined;
    return { data: cached ?? null, error: null, loading: url !== null && cached === undefined };
  });

  useEffect(() => {
    if (!url) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const hit = known(rendered, url) as Output<K> | undefined;
    if (hit !== undefined) {
      setState({ data: hit, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    // Keep showing the previous answer while the next one loads (no blank flash between months).
    setState((s) => ({ ...s, loading: true, error: null }));
    fetch(url, { signal: controller.signal })
      .then(async (response) => {
        const body: unknown = await response.json();
        if (!response.ok) {
          const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`;
          throw new Error(message);
        }
        const schemas = await import("@/lib/validation/responses");
        // The schema is looked up by name; TypeScript cannot relate the union of schemas to K.
        const schema: z.ZodType = schemas[schemaName];
        const data = schema.parse(body) as Output<K>;
        fetched?.set(url, data);
        setState({ data, error: null, loading: false });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error.message : String(error) }));
      });
    return () => controller.abort();
  }, [url, schemaName, rendered]);

  return state;
}
