"use client";

import { useEffect, useState } from "react";
import { type Answer, readAnswer, type SchemaName } from "@/components/api/answers";

// Answers are cached per URL for the page's lifetime: reference data only changes on import, and
// then the page is reloaded. Every answer is parsed with the API's own response schema, by name.
const cache = new Map<string, unknown>();

export type JsonState<T> = { data: T | null; error: string | null; loading: boolean };

export function seedJsonCache(url: string, data: unknown) {
  if (!cache.has(url)) cache.set(url, data);
}

export function useJson<K extends SchemaName>(url: string | null, schemaName: K): JsonState<Answer<K>> {
  const cached = url ? (cache.get(url) as Answer<K> | undefined) : undefined;
  const [state, setState] = useState<JsonState<Answer<K>>>({ data: cached ?? null, error: null, loading: url !== null && cached === undefined });

  useEffect(() => {
    if (!url) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const hit = cache.get(url) as Answer<K> | undefined;
    if (hit !== undefined) {
      setState({ data: hit, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    // Keep showing the previous answer while the next one loads (no blank flash between months).
    setState((s) => ({ ...s, loading: true, error: null }));
    fetch(url, { signal: controller.signal })
      .then((response) => readAnswer(response, schemaName))
      .then((data) => {
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
