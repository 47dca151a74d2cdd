"use client";

import { useEffect, useState } from "react";
import { type Answer, readAnswer, type SchemaName } from "./answers";

/** Browser only (as in useJson): on the server a module outlives the request and the data version. */
const caches: Map<string, Map<string, unknown>> | null = typeof window === "undefined" ? null : new Map();

export type PostState<T> = { data: T | null; error: string | null; loading: boolean };

/**
 * POST a JSON body (`key`, null: none) to a route and read the answer by its response schema; answers
 * are cached per route and body. A newer body aborts the request of an older one, so a late answer
 * never replaces a newer one; the previous answer stays on screen (marked loading) meanwhile.
 * `shown` is the body the caller shows, when it sends `key` later than it asks (a debounce).
 */
export function usePostAnswer<K extends SchemaName>(route: string, schemaName: K, key: string | null, shown: string | null = key): PostState<Answer<K>> {
  let cache = caches?.get(route);
  if (caches && !cache) caches.set(route, (cache = new Map<string, unknown>()));
  const [last, setLast] = useState<{ key: string | null; data: Answer<K> | null; error: string | null }>({ key: null, data: null, error: null });

  useEffect(() => {
    if (key === null || cache?.has(key)) return;
    const controller = new AbortController();
    fetch(route, { method: "POST", headers: { "content-type": "application/json" }, body: key, signal: controller.signal })
      .then((response) => readAnswer(response, schemaName))
      .then((data) => {
        cache?.set(key, data);
        setLast({ key, data, error: null });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLast({ key, data: null, error: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [route, schemaName, key, cache]);

  if (shown === null) return { data: null, error: null, loading: false };
  // Stored by this hook under this route and schema, so it is that schema's answer.
  const hit = cache?.get(shown) as Answer<K> | undefined;
  if (hit) return { data: hit, error: null, loading: false };
  return last.key === shown ? { data: last.data, error: last.error, loading: false } : { data: last.data, error: null, loading: true };
}

/** Whether an answer for this body is already cached (a caller may then skip its debounce). */
export function hasPostAnswer(route: string, key: string): boolean {
  return caches?.get(route)?.has(key) ?? false;
}
