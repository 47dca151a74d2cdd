// Network figures from what a Bitcoin Core node or a mempool instance answers: pure arithmetic, no IO.
// The rules are those the seeded network data was derived by (docs/methodology.md#syncing-network-data).

/** Blocks between two difficulty retargets. */
export const BLOCKS_PER_RETARGET = 2016;
/** Expected hashes to find one block at difficulty 1. */
const HASHES_PER_DIFFICULTY = 2 ** 32;
const HASHES_PER_EH = 1e18;
export const SECONDS_PER_DAY = 86_400;
/**
 * A month of daily points counts only if the points start within its first day: a window that starts
 * mid-month (a mempool answer for the last 3 months) would otherwise give a mean of part of a month.
 */
const FIRST_POINT_SLACK_S = SECONDS_PER_DAY;

/** A block header as the derivation needs it; `time` in Unix seconds. */
export type Header = { height: number; time: number; difficulty: number };
/** A retarget block and its ratio new ÷ previous difficulty (null where the previous one is unknown). */
export type RetargetPoint = Header & { adjustment: number | null };
/** One daily hashrate point: Unix seconds, hashes per second. */
export type HashratePoint = { time: number; hashrate: number };

export type MonthFigures = { period: string; hashrateEh: number; difficulty: number };
export type RetargetFigures = {
  height: number;
  time: number;
  difficulty: number;
  changePct: number;
  /** Mean hashrate and length of the epoch this retarget opened; null while it is still open. */
  epochHashrateEh: number | null;
  epochDays: number | null;
};

/** The data cannot be derived from (headers out of order, a missing retarget): the source answered something wrong. */
export class DerivationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DerivationError";
  }
}

// About the precision of the seed files, so that synced rows read like seeded ones; hashrates keep
// significant digits, not decimals, so that the early chain's tiny figures do not round to 0.
const round = (x: number, decimals: number) => Number(x.toFixed(decimals));
const significant = (x: number) => Number(x.toPrecision(6));

/** "YYYY-MM" of a Unix time, in UTC. */
export function periodOf(time: number): string {
  return new Date(time * 1000).toISOString().slice(0, 7);
}

/** Unix time of the first second of a month (UTC). */
export function monthStart(period: string): number {
  const [year, month] = period.split("-").map(Number);
  if (!year || !month) throw new RangeError(`not a period: ${period}`);
  return Date.UTC(year, month - 1, 1) / 1000;
}

/** Unix time of the first second after a month. */
export function monthEnd(period: string): number {
  const [year, month] = period.split("-").map(Number);
  if (!year || !month) throw new RangeError(`not a period: ${period}`);
  return Date.UTC(year, month, 1) / 1000;
}

export function nextPeriod(period: string): string {
  return periodOf(monthEnd(period));
}

/** "YYYY-MM-DD HH:MM:SS" (UTC), the retarget files' date format. */
export function utcDateTime(time: number): string {
  return new Date(time * 1000).toISOString().replace("T", " ").slice(0, 19);
}

function checkOrder(headers: readonly Header[]): void {
  for (let i = 1; i < headers.length; i++) {
    const [prev, cur] = [headers[i - 1], headers[i]];
    if (!prev || !cur) continue;
    if (cur.height <= prev.height) throw new DerivationError(`retarget ${cur.height} comes after ${prev.height}`);
    if (cur.time <= prev.time) throw new DerivationError(`block ${cur.height} is not later than block ${prev.height}`);
  }
}

/** The ratio of each retarget's difficulty to the one before it, from consecutive retarget headers. */
export function withAdjustments(headers: readonly Header[]): RetargetPoint[] {
  return headers.map((h, i) => {
    const prev = headers[i - 1];
    return { ...h, adjustment: prev && prev.height + BLOCKS_PER_RETARGET === h.height ? h.difficulty / prev.difficulty : null };
  });
}

/**
 * Retarget rows: change = (adjustment − 1) · 100 %; the epoch a retarget opens has the mean
 * hashrate 2016 · D · 2³² hashes over the time to the next retarget, and that time in days. A
 * retarget whose previous one is unknown gives no row; the newest one's epoch stays open (null).
 */
export function retargetFigures(points: readonly RetargetPoint[]): RetargetFigures[] {
  const sorted = [...points].sort((a, b) => a.height - b.height);
  checkOrder(sorted);
  const rows: RetargetFigures[] = [];
  sorted.forEach((p, i) => {
    if (p.adjustment === null) return;
    const next = sorted[i + 1];
    const closed = next !== undefined && next.height === p.height + BLOCKS_PER_RETARGET;
    const seconds = closed ? next.time - p.time : 0;
    rows.push({
      height: p.height,
      time: p.time,
      difficulty: p.difficulty,
      changePct: round((p.adjustment - 1) * 100, 2),
      epochHashrateEh: closed ? significant((BLOCKS_PER_RETARGET * p.difficulty * HASHES_PER_DIFFICULTY) / seconds / HASHES_PER_EH) : null,
      epochDays: closed ? round(seconds / SECONDS_PER_DAY, 3) : null,
    });
  });
  return rows;
}

/** A stretch of time mined at one difficulty, with the hashes expected over it. */
type Segment = { start: number; end: number; difficulty: number; hashes: number };

/** Epochs between consecutive retargets, and the open one up to the tip. */
function segments(retargets: readonly Header[], tip: Header | null): Segment[] {
  const sorted = [...retargets].sort((a, b) => a.height - b.height);
  checkOrder(sorted);
  const out: Segment[] = [];
  sorted.forEach((r, i) => {
    const next = sorted[i + 1] ?? (tip && tip.height > r.height ? tip : undefined);
    if (!next) return;
    if (next !== tip && next.height !== r.height + BLOCKS_PER_RETARGET) {
      throw new DerivationError(`retargets between ${r.height} and ${next.height} are missing`);
    }
    if (next.time <= r.time) throw new DerivationError(`block ${next.height} is not later than block ${r.height}`);
    out.push({ start: r.time, end: next.time, difficulty: r.difficulty, hashes: (next.height - r.height) * r.difficulty * HASHES_PER_DIFFICULTY });
  });
  return out;
}

const overlap = (s: { start: number; end: number }, from: number, to: number) => Math.max(0, Math.min(s.end, to) - Math.max(s.start, from));

/**
 * Time-weighted mean difficulty over [from, to): the difficulty in force at a moment is that of the
 * latest retarget at or before it. Null when no retarget precedes `from`.
 */
export function meanDifficulty(retargets: readonly Header[], from: number, to: number): number | null {
  const sorted = [...retargets].sort((a, b) => a.time - b.time);
  if (!sorted[0] || sorted[0].time > from) return null;
  let sum = 0;
  sorted.forEach((r, i) => {
    const end = sorted[i + 1]?.time ?? Number.POSITIVE_INFINITY;
    sum += r.difficulty * overlap({ start: r.time, end }, from, to);
  });
  return sum / (to - from);
}

/** The months lying wholly within [from, to]. */
function monthsWithin(from: number, to: number): string[] {
  const months: string[] = [];
  let period = periodOf(from);
  if (monthStart(period) < from) period = nextPeriod(period);
  for (; monthEnd(period) <= to; period = nextPeriod(period)) months.push(period);
  return months;
}

/**
 * Monthly figures from retarget headers and the tip, as the seeded network data was derived: each
 * epoch's expected work (blocks · D · 2³² hashes) spread uniformly over its time and summed by
 * month; hashrate = the month's hashes ÷ its seconds; difficulty = the time-weighted mean. Only months
 * wholly between the first retarget and the tip are complete.
 */
export function monthsFromHeaders(retargets: readonly Header[], tip: Header): MonthFigures[] {
  const segs = segments(retargets, tip);
  const first = segs[0];
  const last = segs[segs.length - 1];
  if (!first || !last) return [];
  return monthsWithin(first.start, last.end).map((period) => {
    const [from, to] = [monthStart(period), monthEnd(period)];
    let hashes = 0;
    let difficultySeconds = 0;
    for (const s of segs) {
      const seconds = overlap(s, from, to);
      hashes += (s.hashes * seconds) / (s.end - s.start);
      difficultySeconds += s.difficulty * seconds;
    }
    const monthSeconds = to - from;
    return { period, hashrateEh: significant(hashes / monthSeconds / HASHES_PER_EH), difficulty: Math.round(difficultySeconds / monthSeconds) };
  });
}

/**
 * Monthly figures from daily hashrate points (a mempool instance): hashrate = the mean of the month's
 * points (UTC); difficulty = the time-weighted mean of the retargets in force. A month counts once
 * the newest point lies in a later month, if the points start within its first day and a retarget
 * precedes it.
 */
export function monthsFromDailyHashrate(points: readonly HashratePoint[], retargets: readonly Header[]): MonthFigures[] {
  if (points.length === 0) return [];
  const firstTime = Math.min(...points.map((p) => p.time));
  const newestPeriod = periodOf(Math.max(...points.map((p) => p.time)));
  const byMonth = new Map<string, number[]>();
  for (const p of points) {
    const period = periodOf(p.time);
    const list = byMonth.get(period);
    if (list) list.push(p.hashrate);
    else byMonth.set(period, [p.hashrate]);
  }
  const months: MonthFigures[] = [];
  for (const [period, values] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
    if (period >= newestPeriod || firstTime > monthStart(period) + FIRST_POINT_SLACK_S) continue;
    const difficulty = meanDifficulty(retargets, monthStart(period), monthEnd(period));
    if (difficulty === null) continue;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    months.push({ period, hashrateEh: significant(mean / HASHES_PER_EH), difficulty: Math.round(difficulty) });
  }
  return months;
}
