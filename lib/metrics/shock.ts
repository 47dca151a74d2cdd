import { type Concentration, concentrationOf, type MetricDistribution, type Shares, toShares } from "./concentration";
import { MetricsError } from "./errors";

// The shutdown (shock) model, docs/methodology.md#shock-model: a set of jurisdictions goes dark at once.

export const BLOCKS_PER_EPOCH = 2016;
export const TARGET_BLOCK_MINUTES = 10;
/** Bitcoin's retarget clamp: difficulty moves by at most ×4 or ÷4 per retarget. */
export const MAX_RETARGET_FACTOR = 4;

export type ShutdownItem = { country: string; fraction: number };

type ShockOptions = {
  /** Blocks of the current epoch already mined at 10 minutes when the shock hits (0–2015). */
  blocksIntoEpoch?: number;
  /** Network hashrate of the period, EH/s; null if unknown (then hashrateLostEh is null). */
  networkHashrateEh?: number | null;
};

export type ShockResult = {
  lostShare: number;
  hashrateLostEh: number | null;
  /** Survivors renormalised: s'_c = s_c · (1 − f_c) / (1 − L); empty when halted. */
  survivors: Shares;
  hhiAfter: number | null;
  nakamotoAfter: number | null;
  /** Expected block interval until the next retarget; null when halted. */
  blockIntervalMinutes: number | null;
  daysToRetarget: number | null;
  /** factor − 1 with factor = clamp(2016·10 / A, 1/4, 4); null when halted (the retarget never comes). */
  difficultyChange: number | null;
  /** A surviving country with more than half of the remaining hashrate. */
  majority: { country: string; share: number } | null;
  halted: boolean;
};

/** Losses this close to 100 % halt the chain: the next block would take longer than the age of the universe. */
export const HALT_EPS = 1e-12;

/** A surviving country above this share of the remaining hashrate holds a majority. */
export const MAJORITY_SHARE = 0.5;

export function clampRetargetFactor(factor: number): number {
  return Math.min(MAX_RETARGET_FACTOR, Math.max(1 / MAX_RETARGET_FACTOR, factor));
}

/**
 * Timespan and retarget for an epoch in which `blocksIntoEpoch` blocks came at 10 minutes and the
 * rest at 10 / (1 − L). Bitcoin Core measures 2015 intervals per epoch; we use 2016 (docs/methodology.md#retarget-rule).
 */
export function retargetAfterLoss(lostShare: number, blocksIntoEpoch: number) {
  const interval = TARGET_BLOCK_MINUTES / (1 - lostShare);
  const remaining = BLOCKS_PER_EPOCH - blocksIntoEpoch;
  const actualMinutes = blocksIntoEpoch * TARGET_BLOCK_MINUTES + remaining * interval;
  const factor = clampRetargetFactor((BLOCKS_PER_EPOCH * TARGET_BLOCK_MINUTES) / actualMinutes);
  return { blockIntervalMinutes: interval, daysToRetarget: (remaining * interval) / 1440, difficultyChange: factor - 1 };
}

function checkOptions(options: ShockOptions) {
  const b = options.blocksIntoEpoch ?? 0;
  if (!Number.isInteger(b) || b < 0 || b >= BLOCKS_PER_EPOCH) {
    throw new MetricsError("invalid-parameter", `blocksIntoEpoch must be an integer from 0 to ${BLOCKS_PER_EPOCH - 1}, got ${b}`, "blocksIntoEpoch");
  }
  const h = options.networkHashrateEh;
  if (h !== undefined && h !== null && (!Number.isFinite(h) || h < 0)) {
    throw new MetricsError("invalid-parameter", `networkHashrateEh must be a finite number ≥ 0, got ${h}`, "networkHashrateEh");
  }
  return b;
}

/** A fraction of something's hashrate that goes dark: finite, 0–1, else refused naming `what`. */
export function checkFraction(fraction: number, what: string): number {
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new MetricsError("invalid-fraction", `fraction for ${what} must be within 0–1, got ${fraction}`, "shutdown");
  }
  return fraction;
}

/** Two outages of the same thing, independent of each other: f = 1 − (1 − a)(1 − b), capped at 1. */
export const independentOutages = (a: number, b: number) => Math.min(1, 1 - (1 - a) * (1 - b));

/** Merge repeated items (a country named alone and inside a bloc): fractions combine as independent outages, capped at 1. */
export function mergeShutdown(items: readonly ShutdownItem[]): Map<string, number> {
  const merged = new Map<string, number>();
  for (const { country, fraction } of items) {
    merged.set(country, independentOutages(merged.get(country) ?? 0, checkFraction(fraction, country)));
  }
  return merged;
}

/** The immediate effect of shutting down `shutdown` on a distribution. */
export function shock(distribution: MetricDistribution, shutdown: readonly ShutdownItem[], options: ShockOptions = {}): ShockResult {
  return shockShares(toShares(distribution), mergeShutdown(shutdown), options).result;
}

/**
 * The immediate effect on shares already normalised (toShares) of a shutdown already merged
 * (mergeShutdown), with the survivors' full concentration (null when halted): a caller that needs
 * the shares, the merged fractions or the metrics after the shock again (the simulation) computes
 * each once.
 */
export function shockShares(
  shares: Shares,
  fractions: ReadonlyMap<string, number>,
  options: ShockOptions = {},
): { result: ShockResult; after: Concentration | null } {
  const blocksIntoEpoch = checkOptions(options);
  const lostShare = Math.min(
    1,
    shares.countries.reduce((sum, { country, share }) => sum + share * (fractions.get(country) ?? 0), 0),
  );
  const network = options.networkHashrateEh ?? null;
  const hashrateLostEh = network === null ? null : lostShare * network;
  if (lostShare >= 1 - HALT_EPS) {
    const result: ShockResult = {
      lostShare: 1,
      hashrateLostEh: network,
      survivors: { countries: [], unattributed: 0 },
      hhiAfter: null,
      nakamotoAfter: null,
      blockIntervalMinutes: null,
      daysToRetarget: null,
      difficultyChange: null,
      majority: null,
      halted: true,
    };
    return { result, after: null };
  }
  const keep = 1 - lostShare;
  const survivors: Shares = {
    countries: shares.countries
      // min(1, …): renormalising can overshoot 1 by a rounding error when one survivor is left.
      .map(({ country, share }) => ({ country, share: Math.min(1, (share * (1 - (fractions.get(country) ?? 0))) / keep) }))
      .filter((c) => c.share > 0)
      .sort((a, b) => b.share - a.share || (a.country < b.country ? -1 : 1)),
    unattributed: Math.min(1, shares.unattributed / keep),
  };
  const after = concentrationOf(survivors);
  const top = survivors.countries[0];
  const result: ShockResult = {
    lostShare,
    hashrateLostEh,
    survivors,
    hhiAfter: after.hhi,
    nakamotoAfter: after.nakamoto,
    ...retargetAfterLoss(lostShare, blocksIntoEpoch),
    majority: top && top.share > MAJORITY_SHARE ? { country: top.country, share: top.share } : null,
    halted: false,
  };
  return { result, after };
}
