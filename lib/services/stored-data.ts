import type { MetricDistribution } from "../metrics/concentration";
import type { Distribution } from "../metrics/distribution";
import type { PriceRow } from "../metrics/prices";
import { memo } from "../db/data-version";
import type { NetworkMonth } from "../db/network";
import { allPriceRows } from "../db/reference";
import { clipped, quoted } from "../validation/cells";
import { HASHRATE_EH, NETWORK_HASHRATE_EH, PRICE_USD_PER_KWH, type Range, rangeProblem, SHARE_FRACTION } from "../validation/limits";
import { StoredDataInvalid } from "./errors";

// Stored data checked against the limits imports obey (lib/validation/limits.ts) before a metric
// uses it. A database written before those limits, or edited by hand, can hold a hashrate of
// 1e308 EH/s or a negative share: the pure engine then refuses its input (a 400 that blamed the
// query) or overflows. Here such a value becomes StoredDataInvalid (409), naming the dataset, the
// row and the limit. The checks are only of what a metric reads; the pure cores stay unaware.

const REPAIR = "it was stored before this limit was checked (or edited by hand): re-import the dataset to repair it";

/** "1e+308 EH/s", "-5". */
function amount(value: number, range: Range): string {
  return `${value}${range.unit ? ` ${range.unit}` : ""}`;
}

/**
 * The message for a stored value outside its range; null when it is in range. The value is as read:
 * SQLite keeps text in a REAL column, and a plain-SQL read hands it over as it is.
 */
function outOfRange(dataset: string, what: string, value: unknown, range: Range, where: string): string | null {
  if (typeof value !== "number") return `dataset "${dataset}" holds ${what} of ${quoted(String(value))} ${where}, which is not a number; ${REPAIR}`;
  const problem = rangeProblem(value, range);
  return problem === null ? null : `dataset "${dataset}" holds ${what} of ${amount(value, range)} ${where}, which ${problem}; ${REPAIR}`;
}

/** One stored share row: its share, and its hashrate where it has one. */
export type StoredShare = { iso2: string | null; share: number; hashrateEh: number | null };

/** What is wrong with a share row of `dataset` in `period` (`takenFrom`: the dataset the best estimate took the month from), or null. */
export function shareRowProblem(dataset: string, period: string, row: StoredShare, takenFrom?: string): string | null {
  const where = `for ${row.iso2 ?? "the unattributed bucket"} in ${period}${takenFrom && takenFrom !== dataset ? ` (taken from "${takenFrom}")` : ""}`;
  return (
    outOfRange(dataset, "a share", row.share, SHARE_FRACTION, where) ??
    (row.hashrateEh === null ? null : outOfRange(dataset, "a hashrate", row.hashrateEh, HASHRATE_EH, where))
  );
}

/**
 * What is wrong with a month of a shares dataset, or null: a row, or the network hashrate its
 * distribution `d` is applied to (its rows' own sum, or `networkMonth` of the network data).
 */
export function shareMonthProblem(
  dataset: string,
  period: string,
  rows: readonly StoredShare[],
  d: Distribution,
  networkMonth: NetworkMonth | undefined,
  takenFrom?: string,
): string | null {
  for (const row of rows) {
    const problem = shareRowProblem(dataset, period, row, takenFrom);
    if (problem) return problem;
  }
  if (d.networkHashrateSource === "dataset") return monthTotalProblem(dataset, period, d.networkHashrateEh ?? 0);
  if (d.networkHashrateSource === "network" && networkMonth) return networkMonthProblem(networkMonth);
  return null;
}

/** What is wrong with the month of network data a distribution is applied to, or null. */
export function networkMonthProblem(month: NetworkMonth): string | null {
  return outOfRange(month.source, "a network hashrate", month.hashrateEh, NETWORK_HASHRATE_EH, `for ${month.period}`);
}

/** What is wrong with the network hashrate a shares month adds up to from its own figures, or null. */
export function monthTotalProblem(dataset: string, period: string, totalEh: number): string | null {
  const problem = rangeProblem(totalEh, HASHRATE_EH);
  return problem === null ? null : `the hashrates of dataset "${dataset}" for ${period} add up to ${amount(totalEh, HASHRATE_EH)}, which ${problem}; ${REPAIR}`;
}

/** The sites of a basis=sites distribution, country by country: their EH/s must add up to a possible hashrate. */
export function sitesBasisProblem(dataset: string, distribution: MetricDistribution): string | null {
  for (const { country, weight } of distribution.countries) {
    const problem = rangeProblem(weight, HASHRATE_EH);
    if (problem) return `the sites of dataset "${dataset}" in ${country} add up to ${amount(weight, HASHRATE_EH)}, which ${problem}; ${REPAIR}`;
  }
  return null;
}

/** Throw StoredDataInvalid with this message, if there is one. */
export function refuseStored(problem: string | null): void {
  if (problem !== null) throw new StoredDataInvalid(problem, "dataset");
}

/**
 * Read stored rows; a value SQLite holds in a column of another type (text where a number belongs,
 * which Prisma cannot convert: P2023) is the data's fault, not a bug, and says so.
 */
export async function readStored<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error && error.code === "P2023") {
      const detail = error instanceof Error ? (/Expected [^\n]*/.exec(error.message)?.[0] ?? "a value of the wrong type") : "a value of the wrong type";
      throw new StoredDataInvalid(`${what}: a value of the wrong type is stored (${clipped(detail)}); ${REPAIR}`, "dataset");
    }
    throw error;
  }
}

/** Every power price, each within PRICE_USD_PER_KWH: the metrics and the simulator price every country with them. */
export function storedPriceRows(): Promise<PriceRow[]> {
  return memo("stored-price-rows", async () => {
    const rows = await readStored("the power prices", allPriceRows);
    for (const row of rows) {
      const where = `for ${row.countryIso2}${row.subdivision ? ` (${row.subdivision})` : ""} in ${row.period}`;
      refuseStored(outOfRange(row.dataset, "a power price", row.usdPerKwh, PRICE_USD_PER_KWH, where));
    }
    return rows;
  });
}
