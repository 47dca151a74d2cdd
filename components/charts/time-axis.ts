/**
 * Pure helpers behind TimeChart: "YYYY-MM" months or "YYYY-MM-DD" days on a unix-seconds x axis
 * (UTC month / day starts), tick placement and labels, nearest-period lookup, and number formatting
 * for axes, tooltips and the screen-reader table. No DOM, no uPlot: unit-tested on their own.
 * Everything is computed in UTC, so the results do not depend on the local time zone.
 */

const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2021-05" → unix seconds of 2021-05-01T00:00:00Z. Throws a RangeError for anything else. */
export function periodToUnix(period: string): number {
  const m = PERIOD_RE.exec(period);
  if (!m) throw new RangeError(`Not a "YYYY-MM" period: ${JSON.stringify(period)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) / 1000;
}

/** Unix seconds → the "YYYY-MM" month (UTC) that contains it. */
export function unixToPeriod(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

const MONTH_FORMAT = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

/** Unix seconds → "Jan 2022" (the UTC month). */
export function formatMonth(seconds: number): string {
  return MONTH_FORMAT.format(new Date(seconds * 1000));
}

/** "2022-01" → "Jan 2022". */
export function formatPeriod(period: string): string {
  return formatMonth(periodToUnix(period));
}

/** Seconds in a day (UTC days have no DST shifts or leap seconds in unix time). */
export const DAY_SECONDS = 86_400;

/** What a chart's x strings are: "YYYY-MM" months or "YYYY-MM-DD" days. */
export type PeriodKind = "month" | "day";

const DAY_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Unix seconds of 00:00 UTC of a real calendar day "YYYY-MM-DD", or undefined. */
function parseDay(day: string): number | undefined {
  const m = DAY_RE.exec(day);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  const date = Number(m[3]);
  // setUTCFullYear, not Date.UTC: the latter maps years 0–99 to 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month, date);
  if (d.getUTCMonth() !== month || d.getUTCDate() !== date) return undefined; // e.g. 2021-02-30
  return d.getTime() / 1000;
}

/** "2021-07-12" → unix seconds of 2021-07-12T00:00:00Z. Throws a RangeError for anything else (also for 2021-02-30). */
export function dayToUnix(day: string): number {
  const t = parseDay(day);
  if (t === undefined) throw new RangeError(`Not a "YYYY-MM-DD" day: ${JSON.stringify(day)}`);
  return t;
}

/** Unix seconds → the "YYYY-MM-DD" day (UTC) that contains it. */
export function unixToDay(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

// Fixed English abbreviations (the same as en-US "short" months in formatMonth); spelled out rather
// than asked of Intl because some locales' data gives "Sept".
const MONTH_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** Unix seconds → "12 Jul" (the UTC day, no year): day-axis tick labels. */
export function formatDayShort(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${d.getUTCDate()} ${MONTH_SHORT[d.getUTCMonth()] ?? "?"}`;
}

/** Unix seconds → "12 Jul 2021" (the UTC day). */
export function formatDay(seconds: number): string {
  return `${formatDayShort(seconds)} ${new Date(seconds * 1000).getUTCFullYear()}`;
}

function kindOf(s: string): PeriodKind | undefined {
  if (PERIOD_RE.test(s)) return "month";
  if (parseDay(s) !== undefined) return "day";
  return undefined;
}

/**
 * The kind of every string in `periods`: "month" when all are "YYYY-MM", "day" when all are
 * "YYYY-MM-DD" ("month" for an empty list). Throws a RangeError when they mix the two or when one
 * is neither.
 */
export function periodKind(periods: readonly string[]): PeriodKind {
  let month: string | undefined;
  let day: string | undefined;
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i] as string;
    const kind = kindOf(p);
    if (kind === undefined) {
      throw new RangeError(`periods[${i}] is neither a "YYYY-MM" month nor a "YYYY-MM-DD" day: ${JSON.stringify(p)}`);
    }
    if (kind === "month") month ??= p;
    else day ??= p;
    if (month !== undefined && day !== undefined) {
      throw new RangeError(`periods mix "YYYY-MM" months and "YYYY-MM-DD" days (${JSON.stringify(month)} and ${JSON.stringify(day)}); use one kind throughout`);
    }
  }
  return day !== undefined ? "day" : "month";
}

/** A period of the given kind → unix seconds of its UTC start. Throws a RangeError when it is not of that kind. */
export function toUnix(kind: PeriodKind, period: string): number {
  return kind === "day" ? dayToUnix(period) : periodToUnix(period);
}

/** The kind of `periods` (see periodKind, which throws on mixed input) and their x values. */
export function parsePeriods(periods: readonly string[]): { kind: PeriodKind; xs: number[] } {
  const kind = periodKind(periods);
  return { kind, xs: periods.map(kind === "day" ? dayToUnix : periodToUnix) };
}

/**
 * The plotted data with a break wherever months are missing: one x at the first missing month with
 * every series null, so that uPlot (spanGaps false) lifts the pen instead of drawing a line across
 * months no source covers. Daily data and consecutive months come back as they are.
 */
export function withMonthGaps(
  kind: PeriodKind,
  periods: readonly string[],
  values: readonly (readonly (number | null)[])[],
): [number[], ...(number | null)[][]] {
  const xs: number[] = [];
  const ys: (number | null)[][] = values.map(() => []);
  periods.forEach((period, i) => {
    const previous = periods[i - 1];
    if (kind === "month" && previous !== undefined && monthOfPeriod(period) - monthOfPeriod(previous) > 1) {
      xs.push(periodToUnix(nextMonth(previous)));
      for (const y of ys) y.push(null);
    }
    xs.push(toUnix(kind, period));
    ys.forEach((y, j) => y.push(values[j]?.[i] ?? null));
  });
  return [xs, ...ys];
}

const monthOfPeriod = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;

function nextMonth(period: string): string {
  const n = monthOfPeriod(period) + 1;
  return `${String(Math.floor(n / 12))}-${String((n % 12) + 1).padStart(2, "0")}`;
}

/** The hover / legend / table label of an x value: "Jan 2022" for months, "12 Jul 2021" for days. */
export function formatX(kind: PeriodKind, seconds: number): string {
  return kind === "day" ? formatDay(seconds) : formatMonth(seconds);
}

/**
 * Index of the x value closest to `x` in ascending `xs` (ties go to the earlier one);
 * -1 when `xs` is empty or `x` is not a finite number.
 */
export function nearestIndex(xs: readonly number[], x: number): number {
  if (xs.length === 0 || !Number.isFinite(x)) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  const a = xs[lo] as number;
  const b = xs[hi] as number;
  return Math.abs(x - a) <= Math.abs(b - x) ? lo : hi;
}

/**
 * The period (of ascending `periods`, all months or all days) whose start is closest to `x` (unix
 * seconds). O(n): when the x values are at hand, use nearestIndex on them instead.
 */
export function nearestPeriod(periods: readonly string[], x: number): string | undefined {
  const i = nearestIndex(parsePeriods(periods).xs, x);
  return i < 0 ? undefined : periods[i];
}

/** Month counts between ticks, smallest first: 3, 6 and 12 line up on quarters and on January. */
const MONTH_STRIDES = [1, 2, 3, 6, 12, 24, 60, 120] as const;

function monthNumber(seconds: number): number {
  const d = new Date(seconds * 1000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function monthNumberToUnix(n: number): number {
  return Date.UTC(Math.floor(n / 12), n % 12, 1) / 1000;
}

/**
 * Tick positions (unix seconds of UTC month starts) for an x range of `minSec`…`maxSec` drawn over
 * `widthPx` CSS pixels, at least `minSpacePx` apart: the smallest stride of MONTH_STRIDES that
 * fits, aligned so that a 12-month stride ticks every January and a 3-month one every quarter.
 * Never empty for a valid range: when no aligned month falls inside it, its first month is used.
 */
export function monthTicks(minSec: number, maxSec: number, widthPx: number, minSpacePx = 72): number[] {
  if (!Number.isFinite(minSec) || !Number.isFinite(maxSec) || maxSec < minSec) return [];
  // The first month start at or after minSec.
  let first = monthNumber(minSec);
  if (monthNumberToUnix(first) < minSec) first += 1;
  const last = monthNumber(maxSec);
  if (last < first) return [];
  const spanMonths = Math.max(1, (maxSec - minSec) / (30.44 * 86400));
  const pxPerMonth = widthPx > 0 ? widthPx / spanMonths : 0;
  const stride = MONTH_STRIDES.find((s) => s * pxPerMonth >= minSpacePx) ?? Math.max(...MONTH_STRIDES);
  const ticks: number[] = [];
  for (let n = Math.ceil(first / stride) * stride; n <= last; n += stride) ticks.push(monthNumberToUnix(n));
  return ticks.length > 0 ? ticks : [monthNumberToUnix(first)];
}

/** Day counts between day ticks, smallest first; 7 and up line up on Mondays. */
const DAY_STRIDES = [1, 2, 7, 14, 28] as const;
/** Epoch day 4 (1970-01-05) was a Monday. */
const MONDAY_EPOCH_DAY = 4;
/** Ranges at least this many days long get month ticks ("Jul 2021"); shorter ones day ticks ("12 Jul"). */
export const DAY_TICKS_MAX_SPAN_DAYS = 122;
/** Least room between day ticks ("12 Jul" is narrower than "Jul 2021", whose ticks keep monthTicks' 72 px). */
export const DAY_TICK_SPACE_PX = 60;

function dayStride(minSec: number, maxSec: number, widthPx: number, minSpacePx: number): number | undefined {
  const spanDays = Math.max(1, (maxSec - minSec) / DAY_SECONDS);
  const pxPerDay = widthPx > 0 ? widthPx / spanDays : 0;
  return DAY_STRIDES.find((s) => s * pxPerDay >= minSpacePx);
}

/**
 * How a day axis over `minSec`…`maxSec` drawn over `widthPx` CSS pixels is ticked and labelled:
 * "day" ("12 Jul") for ranges shorter than DAY_TICKS_MAX_SPAN_DAYS (about four months) where some
 * day stride fits, otherwise "month" ("Jul 2021", placed by monthTicks).
 */
export function dayTickUnit(minSec: number, maxSec: number, widthPx: number, minSpacePx = DAY_TICK_SPACE_PX): PeriodKind {
  if (!Number.isFinite(minSec) || !Number.isFinite(maxSec) || maxSec < minSec) return "month";
  if ((maxSec - minSec) / DAY_SECONDS >= DAY_TICKS_MAX_SPAN_DAYS) return "month";
  return dayStride(minSec, maxSec, widthPx, minSpacePx) === undefined ? "month" : "day";
}

/**
 * Tick positions (unix seconds of UTC day starts) for a day axis: when dayTickUnit says "day", the
 * smallest stride of DAY_STRIDES keeping ticks `minSpacePx` apart (every day, every other day, or
 * Mondays every 1, 2 or 4 weeks); when it says "month", monthTicks with `monthMinSpacePx`.
 * O(number of ticks). Never empty when a day start falls inside a valid range.
 */
export function dayTicks(minSec: number, maxSec: number, widthPx: number, minSpacePx = DAY_TICK_SPACE_PX, monthMinSpacePx = 72): number[] {
  if (!Number.isFinite(minSec) || !Number.isFinite(maxSec) || maxSec < minSec) return [];
  if (dayTickUnit(minSec, maxSec, widthPx, minSpacePx) === "month") return monthTicks(minSec, maxSec, widthPx, monthMinSpacePx);
  const stride = dayStride(minSec, maxSec, widthPx, minSpacePx) ?? 1;
  const first = Math.ceil(minSec / DAY_SECONDS);
  const last = Math.floor(maxSec / DAY_SECONDS);
  if (last < first) return [];
  const anchor = stride >= 7 ? MONDAY_EPOCH_DAY : 0;
  const start = first + ((((anchor - first) % stride) + stride) % stride);
  const ticks: number[] = [];
  for (let n = start; n <= last; n += stride) ticks.push(n * DAY_SECONDS);
  return ticks.length > 0 ? ticks : [first * DAY_SECONDS];
}

/** A day-axis tick label for the unit dayTickUnit chose: "12 Jul" or "Jul 2021". */
export function dayTickLabel(seconds: number, unit: PeriodKind): string {
  return unit === "day" ? formatDayShort(seconds) : formatMonth(seconds);
}

const valueFormats = new Map<number, Intl.NumberFormat>();
function numberFormat(decimals: number): Intl.NumberFormat {
  let f = valueFormats.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { maximumFractionDigits: decimals });
    valueFormats.set(decimals, f);
  }
  return f;
}

/** A data value for tooltips and the table: 4512.3 → "4,512", 12.34 → "12.3", 2 → "2", 0.123 → "0.12"; null → "no data". */
export function formatValue(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return "no data";
  const abs = Math.abs(v);
  return numberFormat(abs >= 100 ? 0 : abs >= 10 ? 1 : 2).format(v);
}

/** An axis tick value with as many decimals as the tick increment needs: (2500, 500) → "2,500", (1.5, 0.5) → "1.5", (0.75, 0.25) → "0.75". */
export function formatTick(v: number, incr: number): string {
  let decimals = 0;
  while (decimals < 6 && incr > 0 && Math.abs(incr * 10 ** decimals - Math.round(incr * 10 ** decimals)) > 1e-6) decimals++;
  return new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
}

/** True when every non-null value is a whole number (so the axis ticks only whole numbers). */
export function isWholeNumberSeries(values: readonly (number | null)[]): boolean {
  return values.some((v) => v != null) && values.every((v) => v == null || Number.isInteger(v));
}
