import type { Row } from "../io/export";
import type { NetworkBasis } from "../metrics/distribution";
import { everyMonth, type PeriodDistribution, periodDistribution } from "./distribution";
import { NotFound } from "./errors";
import type { RowSource } from "./export-stream";

// The months of a shares dataset an export is made of: one month, or every month. Every month of a
// large dataset (1 000 months × 200 countries) is ~30 MB of distributions, and the rows made of them
// more: they are never all in memory at once. Each month is read, checked and summarised before the
// file's first byte (what the metadata needs: the row count, the datasets drawn on), then read again,
// month by month, as the file is written — the rows of a month are made when the stream reaches it
// and dropped once written.

/** What the metadata needs of a month: the dataset it is taken from, and the network month whose hashrate it uses (none when its own). */
export type MonthSources = { dataset: string; network: string | null };

export type ExportMonths<U> = {
  /** Oldest first: each month's period, sources and what `gather` took of it. */
  months: { period: string; sources: MonthSources; gathered: U }[];
  /** The months' distributions, oldest first, produced one by one as the iteration reaches them. */
  each: () => AsyncIterable<PeriodDistribution>;
};

const monthSources = (d: PeriodDistribution): MonthSources => ({
  dataset: d.source.dataset,
  network: d.networkHashrateSource !== "dataset" ? d.networkHashratePeriod : null,
});

// eslint-disable-next-line @typescript-eslint/require-await -- the month is at hand; `each` is an async iterable as every month's is
async function* oneMonth(month: PeriodDistribution): AsyncGenerator<PeriodDistribution> {
  yield month;
}

/**
 * The months of a shares dataset asked for: every one (all), one, or the default; `gather` takes what
 * the file needs to know of each before its first byte. A month it lacks (or a dataset that is
 * unknown or holds no shares) is refused by the distribution lookup.
 */
export async function monthsOf<U>(
  slug: string,
  period: string | undefined,
  fallback: "all" | "latest",
  network: NetworkBasis | undefined,
  gather: (d: PeriodDistribution) => U,
): Promise<ExportMonths<U>> {
  const summary = (d: PeriodDistribution) => ({ period: d.period, sources: monthSources(d), gathered: gather(d) });
  const wanted = period ?? fallback;
  if (wanted !== "all") {
    const month = await periodDistribution(slug, wanted === "latest" ? undefined : wanted, network);
    return { months: [summary(month)], each: () => oneMonth(month) };
  }
  const { gathered, each } = await everyMonth(slug, network ?? "period", summary);
  if (gathered.length === 0) throw new NotFound(`dataset "${slug}" has no periods`, "period");
  return { months: gathered, each };
}

/** One part per month, made as the stream reaches it; the count is what `count` says of each month's gathered summary. */
export function rowsPerMonth<U>(months: ExportMonths<U>, count: (gathered: U) => number, rows: (d: PeriodDistribution) => readonly Row[]): RowSource {
  return {
    count: () => Promise.resolve(months.months.reduce((sum, m) => sum + count(m.gathered), 0)),
    parts: async function* () {
      for await (const d of months.each()) yield rows(d);
    },
  };
}
