/**
 * Pure helpers behind TimeChart: "YYYY-MM" periods on a unix-seconds x axis (UTC month starts),
 * month tick placement and labels, nearest-period lookup, and number formatting for axes,
 * tooltips and the screen-reader table. No DOM, no uPlot: unit-tested on their own.
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

/** The period (of ascending `periods`) whose month start is closest to `x` (unix seconds). */
export function nearestPeriod(periods: readonly string[], x: number): string | undefined {
  const i = nearestIndex(periods.map(periodToUnix), x);
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
  const stride =
    MONTH_STRIDES.find((s) => s * pxPerMonth >= minSpacePx) ?? (MONTH_STRIDES[MONTH_STRIDES.length - 1] as number);
  const ticks: number[] = [];
  for (let n = Math.ceil(first / stride) * stride; n <= last; n += stride) ticks.push(monthNumberToUnix(n));
  return ticks.length > 0 ? ticks : [monthNumberToUnix(first)];
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
