"use client";

import { createContext, useContext, useEffect, useState } from "react";
import { type Answer, readAnswer, type SchemaName } from "@/components/api/answers";

// Every answer is parsed with the API's own response schema, by name (components/api/answers.ts).

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

export type JsonState<T> = { data: T | null; error: string | null; loading: boolean };

/** The server's answer first (server and browser then render the same while hydrating), else one fetched here. */
function known(rendered: ReadonlyMap<string, unknown>, url: string | null): unknown {
  return url === null ? undefined : (rendered.get(url) ?? fetched?.get(url));
}

/** The last answer fetched by this hook (kept on screen while the next loads), and for which URL. */
type Fetched<T> = { url: string | null; data: T | null; error: string | null };

export function useJson<K extends SchemaName>(url: string | null, schemaName: K): JsonState<Answer<K>> {
  const rendered = useContext(RenderedAnswers);
  const [last, setLast] = useState<Fetched<Answer<K>>>({ url: null, data: null, error: null });
  // Rendered answers were built on the server from the same response types; fetched ones were parsed.
  const hit = known(rendered, url) as Answer<K> | undefined;

  useEffect(() => {
    if (url === null || known(rendered, url) !== undefined) return;
    const controller = new AbortController();
    // no-cache: revalidate every time (a 304 when nothing changed), never a stale copy that
    // stale-while-revalidate would allow (lib/http-cache): an import shows at once.
    fetch(url, { signal: controller.signal, cache: "no-cache" })
      .then((response) => readAnswer(response, schemaName))
      .then((data) => {
        fetched?.set(url, data);
        setLast({ url, data, error: null });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLast((s) => ({ url, data: s.data, error: error instanceof Error ? error.message : String(error) }));
      });
    return () => controller.abort();
  }, [url, schemaName, rendered]);

  // Derived, not stored: a known answer at once; else the last one fetched, marked loading until
  // this URL's arrives (no blank flash between months) or its error does.
  if (url === null) return { data: null, error: null, loading: false };
  if (hit !== undefined) return { data: hit, error: null, loading: false };
  return { data: last.data, error: last.url === url ? last.error : null, loading: last.url !== url };
}
