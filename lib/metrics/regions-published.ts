import { MetricsError } from "./errors";
import { byShare, type GivenShare, networkShareOf, type RegionsAnswer, type RegionShare, type ShareRange } from "./regions";

// The published basis (docs/methodology.md#regional-shares): one source's estimate of a country's regions
// for one period, never two sources mixed. Each region keeps the source's own figures; its share of the
// country is the source's where it gives one, else derived from its share of the network.

/** A published regional share as stored (lib/db/regions.ts PublishedRegionalShare). */
export type PublishedShareRow = {
  id: number;
  dataset: string;
  datasetTitle: string;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  regionCode: string;
  regionName: string;
  shareOfCountryLow: number | null;
  shareOfCountryHigh: number | null;
  shareOfNetworkLow: number | null;
  shareOfNetworkHigh: number | null;
  basis: string;
  sourceOrg: string;
  certainty: string;
  sourceUrl: string;
  note: string | null;
};

/** One source's figures for one period: the rows of a dataset with one period label and one source. */
export type PublishedEstimate = {
  dataset: string;
  datasetTitle: string;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  /** The organisation the rows credit (sourceOf). */
  source: string;
  /** What the shares are of, in the source's words (each distinct wording once, "; " between). */
  basis: string;
  /** The shares the source gives for at least one region. */
  given: GivenShare[];
  rows: PublishedShareRow[];
};

/**
 * The organisation a row credits, without its parenthesised qualifiers: one source's rows word them
 * differently ("Cambridge CCAF CBECI Mining Map (update of May 2022; …)" and "Cambridge CCAF CBECI Mining
 * Map"), while two sources of one period differ in the name itself ("Luxor (via The Block)", "Hashrate Index (via Atlas21)").
 */
export function sourceOf(org: string): string {
  return org.replace(/\s*\([^)]*\)/g, "").trim() || org.trim();
}

const givenOf = (r: PublishedShareRow): GivenShare[] => [
  ...(r.shareOfCountryLow !== null ? (["shareOfCountry"] as const) : []),
  ...(r.shareOfNetworkLow !== null ? (["shareOfNetwork"] as const) : []),
];

const range = (low: number | null, high: number | null): ShareRange | null => (low === null ? null : { low, high: high ?? low });
const middle = (r: ShareRange) => (r.low + r.high) / 2;

/** The published rows grouped into estimates (dataset, period label, source), newest first: by first month, then last, then more regions. */
export function publishedEstimates(rows: readonly PublishedShareRow[]): PublishedEstimate[] {
  const groups = new Map<string, PublishedShareRow[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.dataset, r.periodLabel, sourceOf(r.sourceOrg)]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const estimates = [...groups.values()].flatMap((group): (PublishedEstimate & { firstId: number })[] => {
    const sorted = [...group].sort((a, b) => a.id - b.id);
    const first = sorted[0];
    if (!first) return [];
    const given = new Set(sorted.flatMap(givenOf));
    const estimate = {
      dataset: first.dataset,
      datasetTitle: first.datasetTitle,
      periodLabel: first.periodLabel,
      periodStart: first.periodStart,
      periodEnd: first.periodEnd,
      source: sourceOf(first.sourceOrg),
      basis: [...new Set(sorted.map((r) => r.basis))].join("; "),
      given: (["shareOfCountry", "shareOfNetwork"] as const).filter((g) => given.has(g)),
      rows: sorted,
      firstId: first.id,
    };
    return [estimate];
  });
  const cmp = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
  estimates.sort((a, b) => cmp(a.periodStart, b.periodStart) || cmp(a.periodEnd, b.periodEnd) || b.rows.length - a.rows.length || a.firstId - b.firstId);
  return estimates.map(({ firstId: _f, ...e }) => e);
}

/** The newest estimate whose period starts at or before `period` (YYYY-MM). */
export function estimateAtOrBefore(estimates: readonly PublishedEstimate[], period: string): PublishedEstimate | undefined {
  return estimates.find((e) => e.periodStart <= period);
}

/** Some region's share of the country must be derived from its share of the network (the country's share in the source's period is needed). */
export const needsCountryShareAtSource = (e: PublishedEstimate): boolean => e.rows.some((r) => r.shareOfCountryLow === null);

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/**
 * The month to take the country's share from when deriving: of `months` (a shares dataset's), the one
 * within the estimate's period nearest its middle (the earlier of two as near); undefined when none is within it.
 */
export function derivationMonth(e: Pick<PublishedEstimate, "periodStart" | "periodEnd">, months: readonly string[]): string | undefined {
  const mid = (monthIndex(e.periodStart) + monthIndex(e.periodEnd)) / 2;
  let best: string | undefined;
  for (const m of months) {
    if (m < e.periodStart || m > e.periodEnd) continue;
    if (best === undefined || Math.abs(monthIndex(m) - mid) < Math.abs(monthIndex(best) - mid)) best = m;
  }
  return best;
}

/** A region an estimate names twice (it cannot be one region's figure); undefined when each is named once. */
export function repeatedRegion(e: PublishedEstimate): string | undefined {
  const seen = new Set<string>();
  for (const r of e.rows) {
    if (seen.has(r.regionCode)) return r.regionCode;
    seen.add(r.regionCode);
  }
  return undefined;
}

/**
 * The published basis: each region the estimate names, its share of the country being the source's
 * (the middle of a range), or where the source gives only a share of the network, that ÷ the country's
 * share in the source's period (at most 1: a source and a dataset can disagree). shareOfNetwork is the
 * country's share in the period asked for × shareOfCountry. What the regions leave of the country is the "unnamed" remainder.
 */
export function publishedRegions(
  e: PublishedEstimate,
  x: { countryShare: number | null; countryShareAtSource: number | null; regionName: (code: string) => string },
): RegionsAnswer & { derived: boolean } {
  const repeated = repeatedRegion(e);
  if (repeated) throw new MetricsError("duplicate-country", `${e.source} (${e.periodLabel}, dataset ${e.dataset}) names ${repeated} twice`, "basis");
  const atSource = x.countryShareAtSource;
  if (needsCountryShareAtSource(e) && !(atSource !== null && atSource > 0)) {
    throw new MetricsError(
      "empty-distribution",
      `${e.source} (${e.periodLabel}) gives shares of the network: the country's share in that period is needed`,
      "dataset",
    );
  }
  const regions = e.rows.map((r): RegionShare => {
    const ofCountry = range(r.shareOfCountryLow, r.shareOfCountryHigh);
    const ofNetwork = range(r.shareOfNetworkLow, r.shareOfNetworkHigh);
    const shareOfCountry = ofCountry ? middle(ofCountry) : Math.min(1, middle(ofNetwork ?? { low: 0, high: 0 }) / (atSource ?? 1));
    return {
      code: r.regionCode,
      name: x.regionName(r.regionCode),
      shareOfCountry,
      shareOfNetwork: networkShareOf(x.countryShare, shareOfCountry),
      capacityMw: null,
      hashrateEh: null,
      sites: null,
      source: {
        basis: "published",
        name: r.regionName,
        url: r.sourceUrl,
        given: givenOf(r),
        shareOfCountry: ofCountry,
        shareOfNetwork: ofNetwork,
        derived: ofCountry === null,
        certainty: r.certainty,
        note: r.note,
      },
    };
  });
  const named = regions.reduce((s, r) => s + r.shareOfCountry, 0);
  const rest = Math.max(0, 1 - named);
  return {
    regions: regions.sort(byShare),
    remainder: { kind: "unnamed", shareOfCountry: rest, shareOfNetwork: networkShareOf(x.countryShare, rest), capacityMw: null, hashrateEh: null, sites: null },
    derived: regions.some((r) => r.source.basis === "published" && r.source.derived),
  };
}
