import { isoUtc } from "../metrics/network";
import { BLOCKS_PER_EPOCH, TARGET_BLOCK_MINUTES } from "../metrics/shock";
import { median } from "./figures";
import type { Observation, RetargetFact, SharesCandidate } from "./types";

// The simulator input that stands for a real shock (docs/methodology.md#backtests): which month's
// shares, which fraction of each country, when in the epoch it struck, and which real retargets
// to set beside the simulated ones. Pure.

const DAY_MS = 86_400_000;

/** How many retargets to compare from the first one dated on or after the shock's end: that one and the rebound after it. */
export const RETARGETS_AFTER_END = 2;

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** YYYY-MM-DD of `day` (fractional) days after `start`. */
export function dayAfter(start: string, day: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + day * DAY_MS).toISOString().slice(0, 10);
}

const utc = (dateUtc: string) => Date.parse(isoUtc(dateUtc));

export type PeriodChoice = { dataset: string; period: string; fallback: boolean };

/**
 * The shares of the newest month before the one the shock starts in (that month's average already
 * holds the shock): from the first candidate (the default dataset) if it has such a month, else the
 * nearest earlier month of any of the others (earlier candidates win ties). null if none has one.
 */
export function choosePeriod(start: string, candidates: readonly SharesCandidate[]): PeriodChoice | null {
  const month = start.slice(0, 7);
  const before = (c: SharesCandidate) =>
    c.periods
      .filter((p) => p < month)
      .sort()
      .at(-1);
  const [first, ...rest] = candidates;
  const own = first ? before(first) : undefined;
  if (first && own) return { dataset: first.dataset, period: own, fallback: false };
  let best: PeriodChoice | null = null;
  for (const c of rest) {
    const p = before(c);
    if (p && (best === null || p > best.period)) best = { dataset: c.dataset, period: p, fallback: true };
  }
  return best;
}

/**
 * Blocks of the epoch already mined when the shock starts (00:00 UTC of its first day), at the
 * simulator's 10 minutes a block since the retarget before it; 0 when no retarget precedes it.
 */
export function blocksIntoEpochAt(start: string, retargets: readonly RetargetFact[]): number {
  const at = Date.parse(`${start}T00:00:00Z`);
  const previous = retargets.filter((r) => utc(r.dateUtc) <= at).at(-1);
  if (!previous) return 0;
  const blocks = Math.floor((at - utc(previous.dateUtc)) / 60_000 / TARGET_BLOCK_MINUTES);
  return Math.min(BLOCKS_PER_EPOCH - 1, Math.max(0, blocks));
}

/** The real retargets to compare: from the shock's start up to the first dated on or after its end, and RETARGETS_AFTER_END − 1 more. */
export function retargetsAround(start: string, end: string, retargets: readonly RetargetFact[]): RetargetFact[] {
  const after = retargets.filter((r) => r.dateUtc.slice(0, 10) >= start);
  const first = after.findIndex((r) => r.dateUtc.slice(0, 10) >= end);
  return first === -1 ? after : after.slice(0, first + RETARGETS_AFTER_END);
}

const pct = (fraction: number, digits = 1) => `${(fraction * 100).toFixed(digits)} %`;
const list = (values: readonly number[]) => values.map((v) => pct(v)).join(", ");

/** A fraction and how it was derived, or why it could not be. */
export type Fraction = { fraction: number; basis: string; sources: string[] } | { fraction: null; reason: string };

/** The share offline the sources report for the whole country (one % row each; a range counts at its middle); their median. */
export function shareOfflineFraction(rows: readonly Observation[], country: string, name: string = country): Fraction {
  const found = rows.filter((r) => r.metric === "share_offline" && r.jurisdiction === country && r.valueLow !== null && r.valueHigh !== null);
  const values = found.map((r) => ((r.valueLow ?? 0) + (r.valueHigh ?? 0)) / 200);
  const fraction = median(values);
  if (fraction === null) return { fraction: null, reason: `no source reports the share of the mining in ${name} that went offline` };
  const who = found.map((r) => r.certainty).join("; ");
  return {
    fraction,
    basis: `${list(values)} of the mining in ${name} offline (${who})${values.length > 1 ? `; their median ${pct(fraction)}` : ""}`,
    sources: found.map((r) => r.sourceUrl),
  };
}

/** A pool of the country, its relative drop standing for the country's: the median of the reports of that pool's fall. */
export function poolProxyFraction(rows: readonly Observation[], pool: string): Fraction {
  const found = rows.filter(
    (r) => r.metric === "pool_hashrate_change" && r.unit === "%" && r.valueLow !== null && r.valueLow < 0 && (r.note ?? "").startsWith(pool),
  );
  const values = found.map((r) => -(r.valueLow ?? 0) / 100);
  const fraction = median(values);
  if (fraction === null) return { fraction: null, reason: `no source reports how much of its hashrate ${pool} lost` };
  return {
    fraction,
    basis: `${pool} lost ${list(values)} of its hashrate (${values.length} report${values.length > 1 ? `s; median ${pct(fraction)}` : ""})`,
    sources: found.map((r) => r.sourceUrl),
  };
}

/**
 * Curtailed power as a fraction of the country's mining power: MW ÷ (share × H × ε), with H the
 * network hashrate (EH/s) of the month before the shock and ε the fleet efficiency (1 EH/s at
 * 1 J/TH is 1 MW). Several reports of one curtailment: their median. Capped at 1.
 */
export function powerFraction(
  rows: readonly Observation[],
  country: string,
  name: string,
  share: number,
  network: { period: string; hashrateEh: number } | null,
  efficiencyJPerTh: number,
): Fraction {
  const found = rows.filter((r) => r.metric === "curtailed_power" && r.countries.includes(country) && r.valueLow !== null);
  const mw = median(found.map((r) => ((r.valueLow ?? 0) + (r.valueHigh ?? r.valueLow ?? 0)) / 2));
  if (mw === null) return { fraction: null, reason: `no source reports the power curtailed in ${name}` };
  if (!network || share <= 0)
    return { fraction: null, reason: `the mining power of ${name} cannot be estimated (its share or the network hashrate before the shock is unknown)` };
  const countryMw = share * network.hashrateEh * efficiencyJPerTh;
  const fraction = Math.min(1, mw / countryMw);
  const basis =
    `${Math.round(mw)} MW curtailed ÷ the mining power of ${name} (${pct(share, 2)} × ${network.hashrateEh} EH/s in ${network.period} × ${efficiencyJPerTh} J/TH = ` +
    `${Math.round(countryMw)} MW) = ${pct(fraction)}${fraction === 1 ? " (capped)" : ""}`;
  return { fraction, basis, sources: found.map((r) => r.sourceUrl) };
}
