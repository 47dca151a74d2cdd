"use client";

import { useEffect, useState } from "react";
import { readAnswer } from "@/components/api/answers";
import type { RiskResult } from "@/lib/validation/responses";

/** Browser only (as in useJson): on the server a module outlives the request and the data version. */
const cache: Map<string, RiskResult> | null = typeof window === "undefined" ? null : new Map();

export type RiskState = { data: RiskResult | null; error: string | null; loading: boolean };

/**
 * POST /api/risk for a body (null: none), answers cached per body. A body not answered yet is sent
 * once it has stayed the same for `delayMs` (typing "50" asks once, not for "5" and then "50"); a
 * newer body aborts the request of an older one, so a late answer never replaces a newer one.
 */
export function useRisk(request: object | null, delayMs = 0): RiskState {
  const wanted = request ? JSON.stringify(request) : null;
  const [settled, setSettled] = useState(wanted);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(wanted), delayMs);
    return () => clearTimeout(timer);
  }, [wanted, delayMs]);
  // A cached body is shown at once; another waits until it settles.
  const key = wanted === null || cache?.has(wanted) ? wanted : settled;
  const [last, setLast] = useState<{ key: string | null; data: RiskResult | null; error: string | null }>({ key: null, data: null, error: null });

  useEffect(() => {
    if (key === null || cache?.has(key)) return;
    const controller = new AbortController();
    fetch("/api/risk", { method: "POST", headers: { "content-type": "application/json" }, body: key, signal: controller.signal })
      .then((response) => readAnswer(response, "RiskResponse"))
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

  if (wanted === null) return { data: null, error: null, loading: false };
  const hit = cache?.get(wanted);
  if (hit) return { data: hit, error: null, loading: false };
  // The previous answer stays on screen (marked loading) until this body's arrives, or its error.
  return last.key === wanted ? { data: last.data, error: last.error, loading: false } : { data: last.data, error: null, loading: true };
}
