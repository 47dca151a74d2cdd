import { type Age, ageOf, monthOf } from "../metrics/age";
import { buildDistribution, type Distribution, type ShareRow } from "../metrics/distribution";
import { type DatasetRef, findDataset } from "../db/datasets";
import { memo } from "../db/data-version";
import { networkMonths } from "../db/network";
import { sharePeriods, shareRowsBetween } from "../db/shares";
import { requireSharesDataset } from "./datasets";
import { Busy } from "./errors";
import { refuseStored, shareMonthProblem } from "./stored-data";
import { pacer } from "../give-way";

// The months of a shares dataset, read as they are needed. A dataset can hold 100 000s of rows
// (1 000 months × 200 countries), and the server reads SQLite on its one JavaScript thread (and
// builds the distributions on it, whichever the database): the
// months a dataset covers are known at once (an index walk), a month's rows are read when that
// month is asked for, and a read of every month goes a slice of months at a time, giving way to
// other requests in between. The months and their sources are kept per data version, shared by every
// caller, and so are months read one at a time (up to KEPT_ROWS rows); a read of every month builds
// each month as it goes and drops it, so an export of a large dataset never holds them all. A month
// whose stored figures break the limits of lib/validation/limits.ts (an old database) is refused
// with StoredDataInvalid naming the dataset, the row and the limit, when it is read.

/** Where a month's shares come from: the dataset itself, or for the best estimate the dataset it took the month from. */
export type PeriodSource = { dataset: string; title: string; publisher: string; method: string | null; url: string; retrievedAt: string };

/** A month's distribution with its source and its age (docs/methodology.md#age). */
export type PeriodDistribution = Distribution & Age & { source: PeriodSource };

export type SharesData = {
  dataset: DatasetRef;
  /** The months the dataset covers, oldest first. */
  periods: readonly string[];
  /** Where each month is taken from. */
  sources: ReadonlyMap<string, PeriodSource>;
  /** The distribution of one of `periods`, read on first use (one small statement). */
  month(period: string): Promise<PeriodDistribution>;
  /** `fn` of every month's distribution, oldest first, read a slice at a time, giving way between months: only fn's results are gathered. */
  walk<U>(fn: (d: PeriodDistribution) => U | Promise<U>): Promise<U[]>;
  /**
   * `fn` of every month's distribution, oldest first, read a slice at a time as the iteration reaches
   * it (a file written as it is read): the months are never all in memory at once. Replaced meanwhile: Busy.
   */
  each<U>(fn: (d: PeriodDistribution) => U | Promise<U>): AsyncIterable<U>;
  /** The rows of one of `periods`, read afresh (they are not kept: 100 000s of objects, seldom needed again). */
  rows(period: string): Promise<ShareRow[]>;
};

/** Rows read at once when every month is read: a few milliseconds of the thread per slice. */
const ROWS_PER_SLICE = 1_000;
/**
 * Months asked for one at a time are kept for the next reader while the months kept hold at most
 * this many rows (a few MB: every real dataset fits whole); beyond that they are built for each read.
 */
const KEPT_ROWS = 20_000;
/** Reads of a dataset that is replaced while it is read start again, this many times at most. */
const READ_ATTEMPTS = 3;

/** The dataset's rows went away between two reads: it was replaced (a new import) or removed. */
class DatasetReplaced extends Error {}

const sourceOf = (d: DatasetRef): PeriodSource => ({
  dataset: d.slug,
  title: d.title,
  publisher: d.publisher,
  method: d.method,
  url: d.url,
  retrievedAt: d.retrievedAt,
});

function sharesData(slug: string): Promise<SharesData> {
  return memo(`shares:${slug}`, async () => {
    const dataset = await requireSharesDataset(slug);
    const index = await sharePeriods(dataset.id);
    const network = new Map((await networkMonths()).map((m) => [m.period, m]));
    const sourceSlugs = [...new Set(index.map((p) => p.sourceDataset).filter((s): s is string => s !== null))];
    const sourceRefs = new Map<string, PeriodSource>();
    for (const ref of await Promise.all(sourceSlugs.map((s) => findDataset(s)))) if (ref) sourceRefs.set(ref.slug, sourceOf(ref));
    const own = sourceOf(dataset);
    const sources = new Map(index.map((p) => [p.period, (p.sourceDataset !== null ? sourceRefs.get(p.sourceDataset) : undefined) ?? own]));
    const periods = index.map((p) => p.period);
    const today = monthOf(new Date());

    const build = (period: string, rows: ShareRow[]): PeriodDistribution => {
      const source = sources.get(period) ?? own;
      const networkMonth = network.get(period);
      const distribution = buildDistribution(dataset.slug, period, rows, networkMonth?.hashrateEh ?? null);
      refuseStored(shareMonthProblem(dataset.slug, period, rows, distribution, networkMonth, source.dataset));
      return { ...distribution, ...ageOf(period, today), source };
    };
    /** The rows of `months` (consecutive, oldest first), in one statement. */
    const read = async (months: readonly string[]): Promise<Map<string, ShareRow[]>> => {
      const byMonth = new Map<string, ShareRow[]>(months.map((p) => [p, []]));
      for (const row of await shareRowsBetween(dataset.id, months[0] ?? "", months.at(-1) ?? "")) byMonth.get(row.period)?.push(row);
      // Rows of a dataset are written once, with the dataset: a month without rows means it was replaced since the index was read.
      for (const [period, rows] of byMonth) if (rows.length === 0) throw new DatasetReplaced(`dataset "${slug}" lost month ${period} while it was read`);
      return byMonth;
    };

    const rows = async (period: string): Promise<ShareRow[]> => (await read([period])).get(period) ?? [];
    const loaded = new Map<string, PeriodDistribution>();
    let keptRows = 0;
    const month = async (period: string): Promise<PeriodDistribution> => {
      const found = loaded.get(period);
      if (found) return found;
      const list = await rows(period);
      const distribution = build(period, list);
      if (!loaded.has(period) && keptRows + list.length <= KEPT_ROWS) {
        loaded.set(period, distribution);
        keptRows += list.length;
      }
      return distribution;
    };
    // A read of every month keeps none of them: kept, every month of a large dataset stays for the
    // data version, and while they pile up the engine allocates what builds them straight into its
    // long-lived heap (measured: the heap of an export of every month then peaked 50–80 MB higher).
    const built = (period: string, list: ShareRow[]): PeriodDistribution => loaded.get(period) ?? build(period, list);
    /** Every month's rows, oldest first: the first slice one month, then as many months as `perSlice` rows hold at the size seen so far. */
    async function* slices(perSlice: number): AsyncGenerator<Map<string, ShareRow[]>> {
      let rowsRead = 0;
      for (let done = 0; done < periods.length;) {
        const perMonth = done === 0 ? perSlice : rowsRead / done;
        const slice = periods.slice(done, done + Math.max(1, Math.floor(perSlice / Math.max(1, perMonth))));
        const byMonth = await read(slice);
        for (const list of byMonth.values()) rowsRead += list.length;
        yield byMonth;
        done += slice.length;
      }
    }
    return {
      dataset,
      periods,
      sources,
      rows,
      month,
      async walk(fn) {
        const out = [];
        const pace = pacer();
        for await (const slice of slices(ROWS_PER_SLICE)) {
          for (const [period, list] of slice) {
            out.push(await fn(built(period, list)));
            await pace();
          }
        }
        return out;
      },
      async *each(fn) {
        try {
          // A month per statement: the file's rows are made between two months, and rows read ahead of them would outlive the young generation.
          for await (const slice of slices(1)) for (const [period, list] of slice) yield await fn(built(period, list));
        } catch (error) {
          // Outside withShares (a file being written): it cannot start again on the new data, so it says so.
          if (error instanceof DatasetReplaced) throw new Busy(`dataset "${slug}" was replaced while it was read; try again`, "dataset");
          throw error;
        }
      },
    };
  });
}

/**
 * Every read of a shares dataset goes through here. Its data is read once per data version; a read
 * that finds the dataset replaced meanwhile (an import landed) starts again on the data as it now
 * stands, so an answer is always made of one version of the dataset.
 */
export async function withShares<T>(slug: string, read: (data: SharesData) => T | Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read(await sharesData(slug));
    } catch (error) {
      if (!(error instanceof DatasetReplaced)) throw error;
      if (attempt >= READ_ATTEMPTS) throw new Busy(`dataset "${slug}" was replaced ${attempt} times while it was being read; try again`, "dataset");
    }
  }
}
