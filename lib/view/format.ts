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
