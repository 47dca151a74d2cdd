// A risk request in a link (the dashboard URL, the export query): its parameters' names, and the
// events' text form "CN:0.1,EAEU:0.02:0.5", each id:probability[:fraction], the fraction 1 when left
// out (as in the request body). No zod and no imports, so the dashboard can write links in its first
// load; reading them (strictly or leniently) is schema.ts.

/**
 * The short names of a risk request's settings in a dashboard link and in the export query
 * (risk=CN:0.1,EAEU:0.02:0.5&draws=…&seed=…&horizon=…&bie=…); horizon and bie are the scenario's names.
 */
export const RISK_PARAMS = { events: "risk", draws: "draws", seed: "seed", horizonDays: "horizon", blocksIntoEpoch: "bie" } as const;

/** A number as the link's syntax reads it: as JavaScript writes it, but never in exponent form (1e-7 → 0.0000001). */
function plain(x: number): string {
  const text = String(x);
  return text.includes("e") ? x.toFixed(20).replace(/\.?0+$/, "") : text;
}

/** "CN:0.1,EAEU:0.02:0.5": the events' text form (a fraction of 1 is left out). */
export function formatRiskEvents(list: readonly { id: string; probability: number; fraction: number }[]): string {
  return list.map((e) => (e.fraction === 1 ? `${e.id}:${plain(e.probability)}` : `${e.id}:${plain(e.probability)}:${plain(e.fraction)}`)).join(",");
}
