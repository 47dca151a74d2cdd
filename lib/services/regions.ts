import { regionByCode } from "../geo/regions";
import type { Age } from "../metrics/age";
import { DEFAULT_EFFICIENCY_J_PER_TH } from "../metrics/energy";
import {
  coverageOf,
  hasSitesBasis,
  type RegionBasis,
  type RegionShare,
  type Remainder,
  sitesRegions,
  type SitesSummary,
  sitesSummary,
} from "../metrics/regions";
import {
  derivationMonth,
  estimateAtOrBefore,
  needsCountryShareAtSource,
  type PublishedEstimate,
  publishedEstimates,
  publishedRegions,
} from "../metrics/regions-published";
import { memo } from "../db/data-version";
import { listRegionalShares, listSitesWithRegions } from "../db/regions";
import { findCountry } from "../db/reference";
import { DEFAULT_SITES_DATASET } from "./datasets";
import { type PeriodDistribution, periodDistribution, type PeriodSource, sharesPeriods } from "./distribution";
import { NotFound, Unprocessable } from "./errors";

// GET /api/regions and the regions export: a country's regions and their shares of it and of the network,
// on the sites basis or the published one (docs/methodology.md#regional-shares). Reads the country's
// share for the period from the shares dataset (the one lookup every share-based answer uses), its sites
// and published estimates (lib/db/regions.ts); the figures are lib/metrics/regions*.ts's.

export type RegionsRequest = { country: string; dataset: string; period?: string; basis?: RegionBasis };

/** The estimate the published basis answers with, as the answer states it. */
export type PublishedInfo = Omit<PublishedEstimate, "rows"> & {
  /** Some region's share of the country was derived from the source's share of the network. */
  derived: boolean;
  /** The country's share the derivation divides by: the shares dataset's month within the source's period; null when nothing was derived. */
  countryShareAtSource: { period: string; share: number; source: string } | null;
};

/** A published estimate of the country's regions, as listed beside the answer. */
export type EstimateRef = Pick<PublishedEstimate, "dataset" | "periodLabel" | "periodStart" | "periodEnd" | "source" | "given"> & {
  regions: number;
  /** The one the published basis answers with (at or before the period, newest). */
  chosen: boolean;
};

export type Regions = Age & {
  country: string;
  countryName: string;
  period: string;
  dataset: string;
  source: PeriodSource;
  countryShare: number | null;
  networkHashrateEh: number | null;
  networkHashrateSource: PeriodDistribution["networkHashrateSource"];
  networkHashratePeriod: string | null;
  basis: RegionBasis;
  availableBases: RegionBasis[];
  coverage: number | null;
  sites: SitesSummary;
  published: PublishedInfo | null;
  estimates: EstimateRef[];
  regions: RegionShare[];
  remainder: Remainder;
};

const regionName = (code: string) => regionByCode(code)?.name ?? code;
const span = (e: Pick<PublishedEstimate, "periodStart" | "periodEnd">) => (e.periodStart === e.periodEnd ? e.periodStart : `${e.periodStart} … ${e.periodEnd}`);

/** The regions of a country on the basis asked for (default: sites where it has located sites, else published). */
export function countryRegions(q: RegionsRequest): Promise<Regions> {
  return memo(`regions:${q.country}:${q.dataset}:${q.period ?? ""}:${q.basis ?? ""}`, async () => {
    const country = await findCountry(q.country);
    if (!country) throw new NotFound(`no country with ISO code ${q.country}`, "country");
    const iso2 = country.iso2;
    const [d, sites, rows] = await Promise.all([
      periodDistribution(q.dataset, q.period),
      listSitesWithRegions({ country: iso2, dataset: DEFAULT_SITES_DATASET }),
      listRegionalShares({ country: iso2 }),
    ]);
    const countryShare = d.countries.find((c) => c.iso2 === iso2)?.share ?? null;
    const summary = sitesSummary(sites, DEFAULT_EFFICIENCY_J_PER_TH, DEFAULT_SITES_DATASET);
    const estimates = publishedEstimates(rows);
    const estimate = estimateAtOrBefore(estimates, d.period);
    const availableBases: RegionBasis[] = [...(hasSitesBasis(summary) ? (["sites"] as const) : []), ...(estimate ? (["published"] as const) : [])];
    const basis = chooseBasis(q.basis, availableBases, { name: country.name, period: d.period, estimates });
    const answer = {
      country: iso2,
      countryName: country.name,
      period: d.period,
      dataset: d.dataset,
      asOf: d.asOf,
      ageMonths: d.ageMonths,
      stale: d.stale,
      source: d.source,
      countryShare,
      networkHashrateEh: d.networkHashrateEh,
      networkHashrateSource: d.networkHashrateSource,
      networkHashratePeriod: d.networkHashratePeriod,
      basis,
      availableBases,
      coverage: coverageOf(summary, countryShare, d.networkHashrateEh),
      sites: summary,
      estimates: estimates.filter((e) => e.periodStart <= d.period).map((e) => ({ ...pickRef(e), regions: e.rows.length, chosen: e === estimate })),
    };
    if (basis === "sites" || !estimate) {
      return {
        ...answer,
        published: null,
        ...sitesRegions({ sites, efficiencyJPerTh: DEFAULT_EFFICIENCY_J_PER_TH, dataset: DEFAULT_SITES_DATASET, countryShare, regionName }),
      };
    }
    const atSource = needsCountryShareAtSource(estimate) ? await countryShareAtSource(estimate, q.dataset, iso2) : null;
    const { derived, ...regions } = publishedRegions(estimate, { countryShare, countryShareAtSource: atSource?.share ?? null, regionName });
    const { rows: _rows, ...info } = estimate;
    return { ...answer, published: { ...info, derived, countryShareAtSource: atSource }, ...regions };
  });
}

function pickRef(e: PublishedEstimate): Omit<EstimateRef, "regions" | "chosen"> {
  return { dataset: e.dataset, periodLabel: e.periodLabel, periodStart: e.periodStart, periodEnd: e.periodEnd, source: e.source, given: e.given };
}

/** The basis asked for if the country has it, else a refusal naming what to ask instead; no basis asked: sites, else published. */
function chooseBasis(
  asked: RegionBasis | undefined,
  available: readonly RegionBasis[],
  c: { name: string; period: string; estimates: PublishedEstimate[] },
): RegionBasis {
  if (asked !== undefined && available.includes(asked)) return asked;
  if (asked === undefined && available[0] !== undefined) return available[0];
  const other = available[0] ? `; basis=${available[0]} is available` : "";
  const first = c.estimates.at(-1);
  if (asked !== "sites" && first) {
    throw new Unprocessable(
      `${c.name}'s published regional estimates all start after ${c.period}: the first is ${first.source} for ${first.periodLabel} (${span(first)})${other}`,
      "period",
    );
  }
  if (asked === "sites") throw new Unprocessable(`${c.name} has no operating mining site of known size placed in a region${other}`, "basis");
  if (asked === "published") throw new Unprocessable(`${c.name} has no published regional estimate${other}`, "basis");
  throw new NotFound(
    `no regional data for ${c.name}: no operating mining site of known size placed in a region, and no published regional estimate`,
    "country",
  );
}

/** The country's share the estimate's shares of the network are divided by: the shares dataset's month within the estimate's period. */
async function countryShareAtSource(e: PublishedEstimate, dataset: string, iso2: string): Promise<{ period: string; share: number; source: string }> {
  const { periods } = await sharesPeriods(dataset);
  const needs = `${e.source} gives ${iso2}'s regions for ${e.periodLabel} as shares of the network; their share of ${iso2} is derived with ${iso2}'s share in ${span(e)}`;
  const month = derivationMonth(e, periods);
  if (!month) {
    const covers = periods.length ? `${periods[0]} … ${periods.at(-1)}` : "no month";
    throw new Unprocessable(`${needs}, which dataset "${dataset}" does not have (it covers ${covers})`, "dataset");
  }
  const d = await periodDistribution(dataset, month);
  const share = d.countries.find((c) => c.iso2 === iso2)?.share ?? 0;
  if (!(share > 0)) throw new Unprocessable(`${needs}, and dataset "${dataset}" has no share for ${iso2} in ${month}`, "dataset");
  return { period: month, share, source: d.source.dataset };
}
