import { type Concentration, concentration, concentrationOf, type MetricDistribution, type Shares, toShares } from "../metrics/concentration";
import { MetricsError } from "../metrics/errors";
import { BLOCKS_PER_EPOCH, clampRetargetFactor, mergeShutdown, shockShares, type ShockResult, type ShutdownItem, TARGET_BLOCK_MINUTES } from "../metrics/shock";

// The shutdown simulation (docs/methodology.md#simulator, with migration): a set of jurisdictions
// goes dark on day 0; optionally part of the lost hashrate comes back elsewhere over some days.
// The network steps day by day through 2016-block epochs with Bitcoin's retarget rule and clamp.
// Pure and deterministic: expected values, no randomness.

export const MAX_HORIZON_DAYS = 3650;
export const DEFAULT_HORIZON_DAYS = 180;
const MINUTES_PER_DAY = 1440;
/** Recovery: the expected block interval within 1 % of 10 minutes. */
const RECOVERY_TOLERANCE = 0.01;

export type Migration = {
  /** Fraction of the lost hashrate that comes back (0–1). */
  fraction: number;
  /** Days over which it comes back, linearly (0: at once). */
  days: number;
  /** Days before it starts coming back. */
  delayDays: number;
  /** proportional: in proportion to survivors' shares; cheap-power: to share ÷ power price. */
  weighting: "proportional" | "cheap-power";
  /** Only these countries receive it (default: every surviving country). */
  destinations?: readonly string[];
};

export type SimulationInput = {
  distribution: MetricDistribution;
  shutdown: readonly ShutdownItem[];
  networkHashrateEh: number;
  blocksIntoEpoch?: number;
  migration?: Migration | null;
  /** USD/kWh by country, for cheap-power migration. */
  powerPrices?: ReadonlyMap<string, number>;
  horizonDays?: number;
};

export type TimelineRow = {
  /** Days since the shock; row 0 is the moment right after it. */
  day: number;
  hashrateEh: number;
  /** Expected interval at the start of the day; null while no hash power is left. */
  blockIntervalMinutes: number | null;
  /** Relative to the difficulty before the shock (= 1). */
  difficulty: number;
  /** Expected blocks mined during this day. */
  blocksMined: number;
};

export type Retarget = { day: number; blocksFromStart: number; difficultyChange: number };

export type EndState = {
  hashrateEh: number;
  shares: { country: string; share: number }[];
  unattributedShare: number;
  hhi: number | null;
  nakamoto: number | null;
  topCountry: string | null;
};

export type SimulationResult = {
  shock: ShockResult;
  /** Concentration of the distribution before the shock and of the survivors right after it (null when halted). */
  before: Concentration;
  after: Concentration | null;
  horizonDays: number;
  timeline: TimelineRow[];
  retargets: Retarget[];
  end: EndState;
  /** First day from which the block interval stays within 1 % of 10 minutes to the horizon; null if never. */
  recoveryDay: number | null;
  /** EH/s that had migrated by the horizon. */
  migratedEh: number;
};

function check(condition: boolean, field: string, message: string) {
  if (!condition) throw new MetricsError("invalid-parameter", `${field} ${message}`, field);
}

function validate(input: SimulationInput) {
  const horizon = input.horizonDays ?? DEFAULT_HORIZON_DAYS;
  check(Number.isInteger(horizon) && horizon >= 1 && horizon <= MAX_HORIZON_DAYS, "horizonDays", `must be an integer from 1 to ${MAX_HORIZON_DAYS}`);
  check(Number.isFinite(input.networkHashrateEh) && input.networkHashrateEh > 0, "networkHashrateEh", "must be a finite number above 0");
  const m = input.migration;
  if (m) {
    check(Number.isFinite(m.fraction) && m.fraction >= 0 && m.fraction <= 1, "migration.fraction", "must be within 0–1");
    check(Number.isFinite(m.days) && m.days >= 0 && m.days <= MAX_HORIZON_DAYS, "migration.days", `must be within 0–${MAX_HORIZON_DAYS}`);
    check(Number.isFinite(m.delayDays) && m.delayDays >= 0 && m.delayDays <= MAX_HORIZON_DAYS, "migration.delayDays", `must be within 0–${MAX_HORIZON_DAYS}`);
  }
  return horizon;
}

/** Fraction of the migrating hashrate that has arrived at the start of `day`. */
function arrived(m: Migration, day: number): number {
  if (day < m.delayDays) return 0;
  if (m.days === 0) return 1;
  return Math.min(1, (day - m.delayDays) / m.days);
}

/** Where migrating hashrate goes: weights over surviving countries, summing to 1 (empty if none qualify). */
export function migrationWeights(
  survivors: readonly { country: string; share: number }[],
  migration: Migration,
  prices: ReadonlyMap<string, number> | undefined,
): Map<string, number> {
  const allowed = migration.destinations ? new Set(migration.destinations) : null;
  const pool = survivors.filter((s) => s.share > 0 && (!allowed || allowed.has(s.country)));
  const known = pool
    .map((s) => prices?.get(s.country))
    .filter((p): p is number => p !== undefined && p > 0)
    .sort((a, b) => a - b);
  // Countries without a price are weighted at the median price of those with one.
  const median = known.length ? (known[Math.floor((known.length - 1) / 2)] ?? 1) : 1;
  const raw = pool.map((s) => {
    const price = prices?.get(s.country);
    const weight = migration.weighting === "cheap-power" ? s.share / (price !== undefined && price > 0 ? price : median) : s.share;
    return [s.country, weight] as const;
  });
  const total = raw.reduce((sum, [, w]) => sum + w, 0);
  return new Map(total > 0 ? raw.map(([c, w]) => [c, w / total]) : []);
}

export function simulate(input: SimulationInput): SimulationResult {
  const horizon = validate(input);
  // Normalised and merged once; the shock, the end state and the before/after summaries share them.
  const shares = toShares(input.distribution);
  const fractions = mergeShutdown(input.shutdown);
  const { result: immediate, after } = shockShares(shares, fractions, {
    blocksIntoEpoch: input.blocksIntoEpoch ?? 0,
    networkHashrateEh: input.networkHashrateEh,
  });
  const h0 = input.networkHashrateEh;
  const lostEh = immediate.lostShare * h0;
  const migration = input.migration && input.migration.fraction > 0 && !immediate.halted ? input.migration : null;
  const weights = migration ? migrationWeights(immediate.survivors.countries, migration, input.powerPrices) : new Map<string, number>();
  // With nowhere to go, nothing migrates.
  const migratingEh = migration && weights.size > 0 ? migration.fraction * lostEh : 0;

  let difficulty = 1;
  let blocksInEpoch = input.blocksIntoEpoch ?? 0;
  let epochMinutes = blocksInEpoch * TARGET_BLOCK_MINUTES;
  let blocksFromStart = 0;
  const timeline: TimelineRow[] = [];
  const retargets: Retarget[] = [];

  for (let day = 0; day <= horizon; day++) {
    const hashrate = h0 - lostEh + (migration ? migratingEh * arrived(migration, day) : 0);
    const ratio = hashrate / h0;
    const row: TimelineRow = {
      day,
      hashrateEh: hashrate,
      blockIntervalMinutes: ratio > 0 ? (TARGET_BLOCK_MINUTES * difficulty) / ratio : null,
      difficulty,
      blocksMined: 0,
    };
    timeline.push(row);
    if (day === horizon) break; // the last row is the state at the horizon
    let minutesLeft = MINUTES_PER_DAY;
    // Within a day the hashrate is constant; a retarget may fall inside the day (even several).
    while (ratio > 0 && minutesLeft > 0) {
      const interval = (TARGET_BLOCK_MINUTES * difficulty) / ratio;
      const toRetarget = (BLOCKS_PER_EPOCH - blocksInEpoch) * interval;
      if (toRetarget > minutesLeft) {
        const blocks = minutesLeft / interval;
        blocksInEpoch += blocks;
        epochMinutes += minutesLeft;
        row.blocksMined += blocks;
        minutesLeft = 0;
      } else {
        row.blocksMined += BLOCKS_PER_EPOCH - blocksInEpoch;
        epochMinutes += toRetarget;
        minutesLeft -= toRetarget;
        const factor = clampRetargetFactor((BLOCKS_PER_EPOCH * TARGET_BLOCK_MINUTES) / epochMinutes);
        difficulty *= factor;
        retargets.push({
          day: day + (MINUTES_PER_DAY - minutesLeft) / MINUTES_PER_DAY,
          blocksFromStart: Math.round(blocksFromStart + row.blocksMined),
          difficultyChange: factor - 1,
        });
        blocksInEpoch = 0;
        epochMinutes = 0;
      }
    }
    blocksFromStart += row.blocksMined;
  }

  let recoveryDay: number | null = null;
  for (let i = timeline.length - 1; i >= 0; i--) {
    const interval = timeline[i]?.blockIntervalMinutes ?? null;
    if (interval === null || Math.abs(interval / TARGET_BLOCK_MINUTES - 1) > RECOVERY_TOLERANCE) break;
    recoveryDay = i;
  }

  const migratedEh = migration ? migratingEh * arrived(migration, horizon) : 0;
  return {
    shock: immediate,
    before: concentrationOf(shares),
    after,
    horizonDays: horizon,
    timeline,
    retargets,
    end: endState(shares, fractions, h0, weights, migratedEh),
    recoveryDay,
    migratedEh,
  };
}

/** The network at the horizon: survivors as they were, plus what migrated to them. */
function endState(before: Shares, dark: ReadonlyMap<string, number>, h0: number, weights: ReadonlyMap<string, number>, migratedEh: number): EndState {
  const eh = new Map<string, number>();
  for (const c of before.countries) eh.set(c.country, c.share * h0 * (1 - (dark.get(c.country) ?? 0)));
  for (const [country, w] of weights) eh.set(country, (eh.get(country) ?? 0) + w * migratedEh);
  const unattributedEh = before.unattributed * h0;
  const total = [...eh.values()].reduce((a, b) => a + b, unattributedEh);
  if (total <= 0) return { hashrateEh: 0, shares: [], unattributedShare: 0, hhi: null, nakamoto: null, topCountry: null };
  const m = concentration({ countries: [...eh].map(([country, weight]) => ({ country, weight })), unattributed: unattributedEh });
  return {
    hashrateEh: total,
    shares: m.shares.countries.filter((c) => c.share > 0),
    unattributedShare: m.shares.unattributed,
    hhi: m.hhi,
    nakamoto: m.nakamoto,
    topCountry: m.topCountry,
  };
}
