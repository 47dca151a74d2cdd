"use client";

import { useEffect, useState } from "react";
import { hasPostAnswer, type PostState, usePostAnswer } from "@/components/api/usePostAnswer";
import type { RiskResult } from "@/lib/validation/responses";

export type RiskState = PostState<RiskResult>;

const ROUTE = "/api/risk";

/**
 * POST /api/risk for a body (null: none), answers cached per body. A body not answered yet is sent
 * once it has stayed the same for `delayMs` (typing "50" asks once, not for "5" and then "50").
 */
export function useRisk(request: object | null, delayMs = 0): RiskState {
  const wanted = request ? JSON.stringify(request) : null;
  const [settled, setSettled] = useState(wanted);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(wanted), delayMs);
    return () => clearTimeout(timer);
  }, [wanted, delayMs]);
  // A cached body is shown at once; another waits until it settles.
  const key = wanted === null || hasPostAnswer(ROUTE, wanted) ? wanted : settled;
  return usePostAnswer(ROUTE, "RiskResponse", key, wanted);
}
