"use client";

import { useEffect, useState } from "react";
import { readAnswer } from "@/components/api/answers";
import type { SimulateResult as Result } from "@/lib/validation/responses";

/** Browser only (as in useJson): on the server a module outlives the request and the data version. */
const cache: Map<string, Result> | null = typeof window === "undefined" ? null : new Map();

/** POST /api/simulate for a scenario (null: none); answers cached per request body. */
export function useSimulation(request: object | null): { data: Result | null; error: string | null; loading: boolean } {
  const key = request ? JSON.stringify(request) : null;
  const [state, setState] = useState<{ data: Result | null; error: string | null; loading: boolean }>({
    data: key ? (cache?.get(key) ?? null) : null,
    error: null,
    loading: false,
  });

  useEffect(() => {
    if (!key) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const hit = cache?.get(key);
    if (hit) {
      setState({ data: hit, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    fetch("/api/simulate", { method: "POST", headers: { "content-type": "application/json" }, body: key, signal: controller.signal })
      .then((response) => readAnswer(response, "SimulateResponse"))
      .then((data) => {
        cache?.set(key, data);
        setState({ data, error: null, loading: false });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ data: null, loading: false, error: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [key]);

  return state;
}
