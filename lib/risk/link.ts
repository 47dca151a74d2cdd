import type { RiskEvent } from "./schema";

// Risk events in a link (the dashboard URL, the export query): "CN:0.1,EAEU:0.02:0.5", each
// id:probability[:fraction], the fraction 1 when left out (as in the request body). No zod, so the
// dashboard can write links in its first load; reading them (strictly or leniently) is schema.ts.

/** The query parameter that carries the events. */
export const RISK_PARAM = "risk";

/** Digits enough for a probability typed as a percentage with decimals, or a heuristic's fraction. */
const DIGITS = 6;
const short = (x: number) => String(Number(x.toFixed(DIGITS)));

/** [{ id: "CN", probability: 0.1, fraction: 1 }, { id: "EAEU", probability: 0.02, fraction: 0.5 }] → "CN:0.1,EAEU:0.02:0.5" */
export function formatRiskEvents(events: readonly RiskEvent[]): string {
  return events.map((e) => `${e.id}:${short(e.probability)}${e.fraction === 1 ? "" : `:${short(e.fraction)}`}`).join(",");
}
