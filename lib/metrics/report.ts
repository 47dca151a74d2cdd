import { type Concentration, concentration, type MetricDistribution, type Shares, toShares } from "./concentration";
import { costPerBtcUsd, kwhPerBtc } from "./energy";
import { chosenPrices, type PriceRow } from "./prices";
import { mergeShutdown, type ShockResult, shockShares } from "./shock";

// Assembles the metrics, series and shock tables the API serves, from plain inputs. Pure.

type Basis = "estimate" | "sites";

/** A country's comparable power price for the period (prices.ts) and what one BTC's electricity costs at it. */
type CountryPrice = {
  iso2: string;
  name: string;
  powerPrice: Omit<PriceRow, "countryIso2">;
  energyCostPerBtcUsd: number | null;
};

type CountryMetrics = {
  iso2: string;
  name: string;
  share: number;
  hashrateEh: number | null;
  powerPrice: CountryPrice["powerPrice"] | null;
  energyCostPerBtcUsd: number | null;
};

export type MetricsReport = Omit<Concentration, "topCountry"> & {
  period: string;
  dataset: string;
  basis: Basis;
  networkHashrateEh: number | null;
  unattributedShare: number;
  topCountry: string | null;
  efficiencyJPerTh: number;
  blockSubsidyBtc: number;
  kwhPerBtc: number | null;
  countries: CountryMetrics[];
  /** Every country with a price on record, with a share or not (the price map shows them all); by ISO code. */
  powerPrices: CountryPrice[];
};

type ReportInput = {
  dataset: string;
  period: string;
  basis: Basis;
  distribution: MetricDistribution;
  names: ReadonlyMap<string, string>;
  networkHashrateEh: number | null;
  prices: readonly PriceRow[];
  efficiencyJPerTh: number;
  blockSubsidyBtc: number;
};

export function metricsReport(input: ReportInput): MetricsReport {
  const { shares, topCountry, ...metrics } = concentration(input.distribution);
  const kwh = input.networkHashrateEh === null ? null : kwhPerBtc(input.networkHashrateEh, input.efficiencyJPerTh, input.blockSubsidyBtc);
  const powerPrices = countryPrices(input.prices, input.period, kwh, input.names);
  const priced = new Map(powerPrices.map((p) => [p.iso2, p]));
  return {
    period: input.period,
    dataset: input.dataset,
    basis: input.basis,
    networkHashrateEh: input.networkHashrateEh,
    unattributedShare: shares.unattributed,
    ...metrics,
    topCountry,
    efficiencyJPerTh: input.efficiencyJPerTh,
    blockSubsidyBtc: input.blockSubsidyBtc,
    kwhPerBtc: kwh,
    countries: shares.countries.map(({ country, share }) => ({
      iso2: country,
      name: input.names.get(country) ?? country,
      share,
      hashrateEh: input.networkHashrateEh === null ? null : share * input.networkHashrateEh,
      powerPrice: priced.get(country)?.powerPrice ?? null,
      energyCostPerBtcUsd: priced.get(country)?.energyCostPerBtcUsd ?? null,
    })),
    powerPrices,
  };
}

/** One comparable price per country for the period, and the electricity cost of one BTC at it. */
function countryPrices(prices: readonly PriceRow[], period: string, kwh: number | null, names: ReadonlyMap<string, string>): CountryPrice[] {
  return [...chosenPrices(prices, period).values()]
    .map((chosen) => ({
      iso2: chosen.countryIso2,
      name: names.get(chosen.countryIso2) ?? chosen.countryIso2,
      powerPrice: withoutCountry(chosen),
      energyCostPerBtcUsd: kwh === null ? null : costPerBtcUsd(kwh, chosen.usdPerKwh),
    }))
    .sort((a, b) => (a.iso2 < b.iso2 ? -1 : a.iso2 > b.iso2 ? 1 : 0));
}

function withoutCountry({ countryIso2: _country, ...price }: PriceRow): Omit<PriceRow, "countryIso2"> {
  return price;
}

export type SeriesRow = {
  period: string;
  hhi: number;
  hhiUpper: number;
  concentration: Concentration["concentration"];
  nakamoto: number | null;
  effectiveJurisdictions: number | null;
  top1: number;
  topCountry: string | null;
  unattributedShare: number;
  networkHashrateEh: number | null;
};

export function seriesRow(period: string, distribution: MetricDistribution, networkHashrateEh: number | null): SeriesRow {
  const m = concentration(distribution);
  return {
    period,
    hhi: m.hhi,
    hhiUpper: m.hhiUpper,
    concentration: m.concentration,
    nakamoto: m.nakamoto,
    effectiveJurisdictions: m.effectiveJurisdictions,
    top1: m.top1,
    topCountry: m.topCountry,
    unattributedShare: m.shares.unattributed,
    networkHashrateEh,
  };
}

export type ShockRow = Omit<ShockResult, "survivors"> & {
  kind: "country" | "bloc";
  id: string;
  name: string;
  members: string[];
};

type ShockSet = Pick<ShockRow, "kind" | "id" | "name" | "members">;
type Blocs = readonly { id: string; name: string; members: readonly string[] }[];

/** What a shock table shuts down, one row each: every country with a non-zero share, and every bloc. */
export function shockSets(distribution: MetricDistribution, names: ReadonlyMap<string, string>, blocs: Blocs): ShockSet[] {
  return [
    ...distribution.countries
      .filter((c) => c.weight > 0)
      .map((c): ShockSet => ({ kind: "country", id: c.country, name: names.get(c.country) ?? c.country, members: [c.country] })),
    ...blocs.map((b): ShockSet => ({ kind: "bloc", id: b.id, name: b.name, members: [...b.members] })),
  ];
}

/** Every country with a non-zero share and every bloc, shut down one at a time; biggest loss first. */
export function shockTable(input: {
  distribution: MetricDistribution;
  names: ReadonlyMap<string, string>;
  blocs: Blocs;
  networkHashrateEh: number | null;
  blocksIntoEpoch: number;
}): ShockRow[] {
  const options = { blocksIntoEpoch: input.blocksIntoEpoch, networkHashrateEh: input.networkHashrateEh };
  // shock() of each set, with the shares normalised once for the whole table rather than once per set
  // (a table of every month of a large dataset made ~70 KB of garbage per row that way).
  let shares: Shares | undefined;
  return shockSets(input.distribution, input.names, input.blocs)
    .map((set): ShockRow => {
      shares ??= toShares(input.distribution);
      const fractions = mergeShutdown(set.members.map((country) => ({ country, fraction: 1 })));
      const r = shockShares(shares, fractions, options).result;
      // Written out, not spread ({ ...set, ...result }): objects made by spreading outlived the young
      // generation (measured: ~1 MB promoted per scavenge on a table of every month of a large dataset).
      return {
        kind: set.kind,
        id: set.id,
        name: set.name,
        members: set.members,
        lostShare: r.lostShare,
        hashrateLostEh: r.hashrateLostEh,
        hhiAfter: r.hhiAfter,
        nakamotoAfter: r.nakamotoAfter,
        blockIntervalMinutes: r.blockIntervalMinutes,
        daysToRetarget: r.daysToRetarget,
        difficultyChange: r.difficultyChange,
        majority: r.majority,
        halted: r.halted,
      };
    })
    .sort((a, b) => b.lostShare - a.lostShare || (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === "country" ? -1 : 1));
}
