"use client";

import { type PostState, usePostAnswer } from "@/components/api/usePostAnswer";
import type { SimulateResult as Result } from "@/lib/validation/responses";

/** POST /api/simulate for a scenario (null: none); answers cached per request body. */
export function useSimulation(request: object | null): PostState<Result> {
  return usePostAnswer("/api/simulate", "SimulateResponse", request ? JSON.stringify(request) : null);
}
