// The best-estimate history: for each month, the shares of the highest-ranked source that covers
// it. Pure: it ranks what it is given (docs/methodology.md#best-estimate).

/** Slug of the composite dataset; the default of every page, route and export. */
export const BEST_ESTIMATE_DATASET = "best-estimate";

/** A month must name at least this many countries to be a distribution rather than a point estimate. */
export const MIN_NAMED_COUNTRIES = 3;

export type Coverage = "network" | "partial";

export type CandidateRow = { countryIso2: string | null; share: number };

export type Candidate = {
  slug: string;
  /** partial: shares of a sample (e.g. a survey of some firms), never entered in the composite. */
  coverage: Coverage;
  /** YYYY-MM-DD */
  retrievedAt: string;
  months: ReadonlyMap<string, readonly CandidateRow[]>;
};

export type MonthChoice = {
  period: string;
  /** The slug of the dataset the month is taken from. */
  source: string;
  /** Share of the network the chosen source names a country for. */
  attributedShare: number;
  /** Other usable sources for the month, best first (they lost the ranking). */
  alsoCovered: string[];
};

/** Why a dataset's month is not in the composite, or null when it may enter. */
export function exclusion(candidate: Pick<Candidate, "coverage">, rows: readonly CandidateRow[]): "partial-coverage" | "too-few-countries" | null {
  if (candidate.coverage === "partial") return "partial-coverage";
  const named = rows.filter((r) => r.countryIso2 !== null && r.share > 0).length;
  return named < MIN_NAMED_COUNTRIES ? "too-few-countries" : null;
}

export function attributedShare(rows: readonly CandidateRow[]): number {
  return rows.reduce((sum, r) => (r.countryIso2 === null ? sum : sum + r.share), 0);
}

type Ranked = { slug: string; retrievedAt: string; attributed: number };

/** Ranking within a month: most of the network named, then the latest retrieval, then the slug. */
function compareRanked(a: Ranked, b: Ranked): number {
  // Attributed shares closer than 1e-9 are the same figure written differently.
  if (Math.abs(a.attributed - b.attributed) > 1e-9) return b.attributed - a.attributed;
  if (a.retrievedAt !== b.retrievedAt) return a.retrievedAt < b.retrievedAt ? 1 : -1;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/**
 * For every month some whole-network source covers with a usable distribution, the source the
 * composite takes it from. Months no source covers are left out: gaps stay gaps. Oldest first.
 */
export function chooseMonths(candidates: readonly Candidate[]): MonthChoice[] {
  const byMonth = new Map<string, Ranked[]>();
  for (const candidate of candidates) {
    for (const [period, rows] of candidate.months) {
      if (exclusion(candidate, rows) !== null) continue;
      const ranked = { slug: candidate.slug, retrievedAt: candidate.retrievedAt, attributed: attributedShare(rows) };
      const list = byMonth.get(period);
      if (list) list.push(ranked);
      else byMonth.set(period, [ranked]);
    }
  }
  return [...byMonth.keys()].sort().map((period) => {
    const [best, ...rest] = (byMonth.get(period) ?? []).sort(compareRanked);
    if (!best) throw new Error(`no source for ${period}`);
    return { period, source: best.slug, attributedShare: best.attributed, alsoCovered: rest.map((r) => r.slug) };
  });
}
