import type { SimulateResult as Result } from "../validation/responses";
import { formatShare } from "./format";

// The simulate answer → what the map needs during a scenario; the panel's text is scenario-panel.ts,
// which loads with the panel. (The scenario itself, and the request made from it, are lib/scenario's.)

/** The ISO codes that go dark (fully or partly), for hatching on the map. */
export function shutCountries(result: Result | null): string[] {
  return result ? [...new Set(result.shutdown.flatMap((s) => s.members))].sort() : [];
}

/** The share layer during a scenario: survivors' shares right after the shock (shut-down countries drop out). */
export function scenarioShareValues(r: Result, before: readonly { iso2: string; share: number }[]) {
  const was = new Map(before.map((c) => [c.iso2, c.share]));
  return r.after.shares.map((s) => ({
    iso2: s.country,
    value: s.share,
    tooltip: `${formatShare(s.share)} after the shutdown (was ${formatShare(was.get(s.country) ?? 0)})`,
  }));
}
