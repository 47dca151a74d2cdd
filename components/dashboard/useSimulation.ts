"use client";

import { useEffect, useState } from "react";
import { readAnswer } from "@/components/api/answers";
import type { SimulateResult as Result } from "@/lib/validation/responses";

/** Browser only (as in useJson): on the server a module outlives the request and the data version. */
const cache: Map<string, Result> | null = typeof window === "undefined" ? null : new Map();

type SimulationState = { data: Result | null; error: string | null; loading: boolean };

/** POST /api/simulate for a scenario (null: none); answers cached per request body. */
export function useSimulation(request: object | null): SimulationState {
  const key = request ? JSON.stringify(request) : null;
  // The last settled answer and the body it answered; what is shown is derived from it (as in useJson).
  const [last, setLast] = useState<{ key: string | null; data: Result | null; error: string | null }>({ key: null, data: null, error: null });
  const hit = key === null ? undefined : cache?.get(key);

  useEffect(() => {
    if (key === null || cache?.has(key)) return;
    const controller = new AbortController();
    fetch("/api/simulate", { method: "POST", headers: { "content-type": "application/json" }, body: key, signal: controller.signal })
      .then((response) => readAnswer(response, "SimulateResponse"))
      .then((data) => {
        cache?.set(key, data);
        setLast({ key, data, error: null });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLast({ key, data: null, error: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [key]);

  if (key === null) return { data: null, error: null, loading: false };
  if (hit) return { data: hit, error: null, loading: false };
  // The previous result stays on screen while this scenario computes.
  return last.key === key ? { data: last.data, error: last.error, loading: false } : { data: last.data, error: null, loading: true };
}
