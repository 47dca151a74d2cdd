// Every bound on an input value, named once. Import files, the seed, `npm run sync` and the checks
// of stored data (lib/services/stored-data.ts) all read them from here, so a value one of them
// accepts, none of the others refuses. This module imports nothing.

/** A text cell (a name, a note, a label, a number written as text). */
export const MAX_TEXT_CHARS = 500;
/** A URL cell: long enough for query strings of archive and filing links. */
export const MAX_URL_CHARS = 2_048;
/** A title or publisher of a dataset. */
export const MAX_TITLE_CHARS = 200;
/** A dataset's method or caveats: a paragraph. */
export const MAX_NOTE_CHARS = 2_000;
/** An error message quotes at most this much of a bad cell, so that a huge cell cannot make a huge answer. */
export const MAX_QUOTED_CHARS = 100;

/**
 * The values a number may take. `aboveMin`: the minimum itself is excluded (a hashrate of 0 is not a
 * network). `whole`: messages state both bounds, for a range whose both ends matter (coordinates, a
 * percentage); otherwise they name the bound that was crossed. `why`: the reason for bounds that are
 * not self-evident, for the message.
 */
export type Range = { min: number; max: number; unit: string; aboveMin?: boolean; whole?: boolean; why?: string };

/** A hashrate share as a fraction of the network. */
export const SHARE_FRACTION: Range = { min: 0, max: 1, unit: "", whole: true };
/** A share in percent (CBECI's monthly_hashrate_%, the estimates' share_pct). */
export const SHARE_PERCENT: Range = { min: 0, max: 100, unit: "%", whole: true };
/** Hashrate in EH/s: today's network is about 10³ EH/s; 10⁶ leaves room for a thousandfold growth, not for 1e308. */
export const HASHRATE_EH: Range = { min: 0, max: 1e6, unit: "EH/s" };
/** The network's own hashrate: a month without hashrate is not a month of the network. */
export const NETWORK_HASHRATE_EH: Range = { ...HASHRATE_EH, aboveMin: true };
/** Power in MW: the largest sites are about 10³ MW. */
export const POWER_MW: Range = { min: 0, max: 1e5, unit: "MW" };
/** An electricity price in USD/kWh: retail prices stay below 1; 10 catches cents written as dollars. */
export const PRICE_USD_PER_KWH: Range = { min: 0, max: 10, unit: "USD/kWh", aboveMin: true, whole: true };
/** An EIA price cell in cents per kWh: the USD/kWh range in cents. */
export const PRICE_CENTS_PER_KWH: Range = { ...PRICE_USD_PER_KWH, max: PRICE_USD_PER_KWH.max * 100, unit: "cents/kWh" };
export const LATITUDE: Range = { min: -90, max: 90, unit: "", whole: true };
export const LONGITUDE: Range = { min: -180, max: 180, unit: "", whole: true };
/** Difficulty: 10⁶ EH/s finding a block every 10 minutes is a difficulty of about 1.4·10¹⁷. */
export const DIFFICULTY: Range = { min: 0, max: 1e18, unit: "", aboveMin: true };
/** A retarget changes the difficulty by at most a factor of 4 either way. */
export const RETARGET_CHANGE_PCT: Range = { min: -75, max: 300, unit: "%", whole: true, why: "the retarget clamp" };
/** Length of a difficulty epoch in days: the first one (2009) took 361 days. */
export const EPOCH_DAYS: Range = { min: 0, max: 400, unit: "days", aboveMin: true };
/** A retarget height: about 190 years of blocks. */
export const BLOCK_HEIGHT: Range = { min: 0, max: 1e7, unit: "", aboveMin: true };
/** A change in percent: a fall takes at most everything; a rise of more than a hundredfold is a typo. */
export const CHANGE_PCT: Range = { min: -100, max: 10_000, unit: "%" };
/** A change in EH/s, either way. */
export const HASHRATE_CHANGE_EH: Range = { min: -HASHRATE_EH.max, max: HASHRATE_EH.max, unit: "EH/s" };
/** An average block time in minutes: a week per block would be a chain that has stopped. */
export const BLOCK_TIME_MINUTES: Range = { min: 0, max: 10_080, unit: "min", aboveMin: true };

export function inRange(n: number, range: Range): boolean {
  return Number.isFinite(n) && (range.aboveMin ? n > range.min : n >= range.min) && n <= range.max;
}

/** "0…100 %", "above 0 and at most 10 USD/kWh". */
export function rangeText(range: Range): string {
  const unit = range.unit ? ` ${range.unit}` : "";
  return range.aboveMin ? `above ${range.min} and at most ${range.max}${unit}` : `within ${range.min}…${range.max}${unit}`;
}

/**
 * What is wrong with a number, in the one wording every check uses; null when it is in range. It
 * names the bound that was crossed ("must be ≥ 0", "must be ≤ 1000000 EH/s"; zero needs no unit),
 * or the whole range where both ends matter ("must be within -90…90").
 */
export function rangeProblem(n: number, range: Range): string | null {
  if (inRange(n, range)) return null;
  const why = range.why ? ` (${range.why})` : "";
  if (range.whole || Number.isNaN(n)) return `must be ${rangeText(range)}${why}`;
  const unit = (value: number) => (range.unit && value !== 0 ? ` ${range.unit}` : "");
  if (n > range.max) return `must be ≤ ${range.max}${unit(range.max)}${why}`;
  return `must be ${range.aboveMin ? ">" : "≥"} ${range.min}${unit(range.min)}${why}`;
}
