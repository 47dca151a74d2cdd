"use client";

import { useEffect, useState } from "react";
import type { z } from "zod";
import type * as Responses from "@/lib/validation/responses";

// Answers are cached per URL for the page's lifetime: reference data only changes on import, and
// then the page is reloaded. Every answer is parsed with the API's own response schema; the schemas
// (and zod) are loaded on the first fetch, so they stay out of the page's first-load JavaScript.
const cache = new Map<string, unknown>();

type SchemaName = { [K in keyof typeof Responses]: (typeof Responses)[K] extends z.ZodType ? K : never }[keyof typeof Responses];
type Output<K extends SchemaName> = z.output<(typeof Responses)[K]>;

export type JsonState<T> = { data: T | null; error: string | null; loading: boolean };

export function seedJsonCache(url: string, data: unknown) {
  if (!cache.has(url)) cache.set(url, data);
}

export function useJson<K extends SchemaName>(url: string | null, schemaName: K): JsonState<Output<K>> {
  const cached = url ? (cache.get(url) as Output<K> | undefined) : undefined;
  const [state, setState] = useState<JsonState<Output<K>>>({ data: cached ?? null, error: null, loading: url !== null && cached === undefined });

  useEffect(() => {
    if (!url) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const hit = cache.get(url) as Output<K> | undefined;
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
        cache.set(url, data);
        setState({ data, error: null, loading: false });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error.message : String(error) }));
      });
    return () => controller.abort();
  }, [url, schemaName]);

  return state;
}
