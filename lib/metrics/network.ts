// The network's retargets as the API states them: an ISO 8601 UTC time and the change as a fraction.
// Pure: the service reads the records, these only restate them.

/** Decimals a retarget's change keeps: the stored percent has two, so six lose nothing and drop float noise (−10.09 % → −0.1009, not −0.10089999…). */
export const CHANGE_DECIMALS = 6;

/** A stored percent change (−27.94) → the fraction (−0.2794), rounded to CHANGE_DECIMALS. */
export function changeFraction(changePct: number): number {
  const scale = 10 ** CHANGE_DECIMALS;
  return Math.round((changePct / 100) * scale) / scale || 0;
}

/** The stored UTC time "2021-07-03 06:34:06" → "2021-07-03T06:34:06Z". */
export function isoUtc(dateUtc: string): string {
  return `${dateUtc.replace(" ", "T")}Z`;
}

/** Whether a month (YYYY-MM) lies in [from, to]; an open end is unbounded. */
export function inMonthRange(period: string, range: { from?: string; to?: string }): boolean {
  return (range.from === undefined || period >= range.from) && (range.to === undefined || period <= range.to);
}
