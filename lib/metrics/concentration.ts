import { MetricsError } from "./errors";

// Concentration of hashrate by jurisdiction, exactly as docs/methodology.md#metrics defines it.
// Pure: no IO, no globals. Every output is finite or null; bad input is a MetricsError.

/** What the metrics consume: absolute weights (EH/s, shares, MW…) per country plus the unattributed weight. */
export type MetricDistribution = { countries: readonly { country: string; weight: number }[]; unattributed: number };

export type Shares = { countries: { country: string; share: number }[]; unattributed: number };

type ConcentrationBand = "low" | "moderate" | "high";

export type Concentration = {
  hhi: number;
  hhiUpper: number;
  /** 10 000 / hhi; null when nothing is attributed (hhi = 0). */
  effectiveJurisdictions: number | null;
  concentration: ConcentrationBand;
  /** Fewest countries holding more than half; null if the attributed shares never pass 0.5. */
  nakamoto: number | null;
  top1: number;
  top3: number;
  entropyBits: number;
  /** The largest country, null when nothing is attributed. */
  topCountry: string | null;
};

/** Shares are compared with this tolerance so that rounding cannot move a threshold (e.g. 3 × 1/6 vs 0.5). */
const EPS = 1e-12;

function checkWeight(weight: number, field: string) {
  if (!Number.isFinite(weight) || weight < 0) throw new MetricsError("invalid-weight", `${field} must be a finite number ≥ 0, got ${weight}`, field);
}

/**
 * Normalise to fractions of the total including the unattributed bucket; largest first (ties by
 * code, so the result does not depend on input order). Countries with zero weight are kept.
 */
export function toShares(distribution: MetricDistribution): Shares {
  checkWeight(distribution.unattributed, "unattributed");
  const seen = new Set<string>();
  let total = distribution.unattributed;
  for (const { country, weight } of distribution.countries) {
    checkWeight(weight, `countries.${country}`);
    if (seen.has(country)) throw new MetricsError("duplicate-country", `${country} appears more than once`, "countries");
    seen.add(country);
    total += weight;
  }
  if (!(total > 0) || !Number.isFinite(total)) throw new MetricsError("empty-distribution", "the distribution has no weight (every share is 0)", "countries");
  return {
    countries: distribution.countries
      .map(({ country, weight }) => ({ country, share: weight / total }))
      .sort((a, b) => b.share - a.share || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0)),
    unattributed: distribution.unattributed / total,
  };
}

/**
 * HHI on 0–10 000 of weights given with their total: 10 000 · Σ (w / total)², from Σ w² (the risk
 * model keeps that sum in typed arrays, outcome by outcome).
 */
export function hhiOfSquares(sumOfSquaredWeights: number, total: number): number {
  return (10_000 * sumOfSquaredWeights) / (total * total);
}

function hhiOf(shares: Shares): number {
  return hhiOfSquares(
    shares.countries.reduce((sum, { share }) => sum + share * share, 0),
    1,
  );
}

export function bandOf(hhi: number): ConcentrationBand {
  if (hhi < 1000) return "low";
  if (hhi <= 1800) return "moderate";
  return "high";
}

/** Smallest k whose k largest attributed shares sum to more than 0.5. Expects shares sorted largest first. */
function nakamotoOf(shares: Shares): number | null {
  let cumulative = 0;
  for (let k = 0; k < shares.countries.length; k++) {
    cumulative += shares.countries[k]?.share ?? 0;
    if (cumulative > 0.5 + EPS) return k + 1;
  }
  return null;
}

export function concentrationOf(shares: Shares): Concentration {
  const hhi = hhiOf(shares);
  const top = shares.countries;
  return {
    hhi,
    hhiUpper: hhi + 10_000 * shares.unattributed * shares.unattributed,
    effectiveJurisdictions: hhi > EPS ? 10_000 / hhi : null,
    concentration: bandOf(hhi),
    nakamoto: nakamotoOf(shares),
    top1: top[0]?.share ?? 0,
    top3: top.slice(0, 3).reduce((s, c) => s + c.share, 0),
    entropyBits: 0 - top.reduce((s, { share }) => (share > 0 ? s + share * Math.log2(share) : s), 0),
    topCountry: top[0] && top[0].share > 0 ? top[0].country : null,
  };
}

/** All concentration metrics of a distribution. */
export function concentration(distribution: MetricDistribution): Concentration & { shares: Shares } {
  const shares = toShares(distribution);
  return { ...concentrationOf(shares), shares };
}
