// Block subsidy by date. Halvings happen at block heights; these are the UTC dates those blocks
// were mined (630 000 on 2020-05-11, 840 000 on 2024-04-19). The next one (1 050 000) is expected
// around April 2028: until a date is known, 3.125 BTC applies.
const HALVINGS: { from: string; subsidyBtc: number }[] = [
  { from: "2016-07-09", subsidyBtc: 12.5 },
  { from: "2020-05-11", subsidyBtc: 6.25 },
  { from: "2024-04-19", subsidyBtc: 3.125 },
];

/** Subsidy in BTC of a block mined on `date` (YYYY-MM-DD); dates before 2016-07-09 are not supported. */
export function blockSubsidyOn(date: string): number {
  let subsidy = 25;
  for (const h of HALVINGS) if (date >= h.from) subsidy = h.subsidyBtc;
  return subsidy;
}

/** Day-weighted mean subsidy over a month (YYYY-MM): a halving month blends both subsidies. */
export function blockSubsidyForPeriod(period: string): number {
  const [year, month] = period.split("-").map(Number);
  if (!year || !month) throw new RangeError(`not a period: ${period}`);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  let sum = 0;
  for (let d = 1; d <= days; d++) sum += blockSubsidyOn(`${period}-${String(d).padStart(2, "0")}`);
  return sum / days;
}
