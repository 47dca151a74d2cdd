// Number formatting for display, one place for every page (Intl, fixed locale for stable output).
const LOCALE = "en-US";

const percent = new Intl.NumberFormat(LOCALE, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percentShort = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 0 });
const decimal1 = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatShare = (share: number) => percent.format(share);
export const formatShareShort = (share: number) => percentShort.format(share);
export const formatEh = (eh: number | null) => (eh === null ? "n/a" : `${decimal1.format(eh)} EH/s`);

export function formatPeriod(period: string): string {
  const [y, m] = period.split("-").map(Number);
  if (!y || !m) return period;
  return new Intl.DateTimeFormat(LOCALE, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

const usd0 = new Intl.NumberFormat(LOCALE, { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const usd3 = new Intl.NumberFormat(LOCALE, { style: "currency", currency: "USD", minimumFractionDigits: 3, maximumFractionDigits: 3 });
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimal2 = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatUsd = (x: number) => usd0.format(x);
export const formatUsdPerKwh = (x: number) => `${usd3.format(x)}/kWh`;
export const formatInteger = (x: number) => integer.format(x);
export const formatDecimal = (x: number | null) => (x === null ? "—" : decimal2.format(x));
export const formatMinutes = (x: number | null) => (x === null ? "never (halted)" : `${decimal1.format(x)} min`);
export const formatDays = (x: number | null) => (x === null ? "never" : `${decimal1.format(x)} days`);
export const formatSignedPercent = (x: number | null) => (x === null ? "—" : `${x > 0 ? "+" : ""}${percent.format(x)}`);
export const formatMw = (x: number | null) => (x === null ? "undisclosed" : `${integer.format(x)} MW`);
