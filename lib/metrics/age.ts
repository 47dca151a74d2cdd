// How old an estimate is, in whole calendar months (docs/methodology.md#age). Pure: today is given.

/** An estimate more than this many months old is marked stale. */
export const STALE_AFTER_MONTHS = 6;

/** The calendar month (YYYY-MM, UTC) of an instant. */
export function monthOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/** Whole months from `period` to `today` (both YYYY-MM): 2025-10 → 2026-11 is 13; negative if `period` is later. */
export function monthsBetween(period: string, today: string): number {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  return index(today) - index(period);
}

export type Age = {
  /** The month the estimate describes. */
  asOf: string;
  /** Whole months between asOf and the current month. */
  ageMonths: number;
  /** More than STALE_AFTER_MONTHS old. */
  stale: boolean;
};

export function ageOf(period: string, today: string): Age {
  const ageMonths = monthsBetween(period, today);
  return { asOf: period, ageMonths, stale: ageMonths > STALE_AFTER_MONTHS };
}
