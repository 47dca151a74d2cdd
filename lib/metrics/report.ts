import { type Concentration, concentration, type MetricDistribution } from "./concentration";
import { costPerBtcUsd, kwhPerBtc } from "./energy";
import { choosePrice, type PriceRow } from "./prices";
import { shock, type ShockResult } from "./shock";

// Assembles the metrics, series and shock tables the API serves, from plain inputs. Pure.

export type Basis = "estimate" | "sites";

export type CountryMetrics = {
  iso2: string;
  name: string;
  share: number;
  hashrateEh: number | null;
  powerPrice: Omit<PriceRow, "countryIso2"> | null;
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
};

export type ReportInput = {
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
  const pricesByCountry = new Map<string, PriceRow[]>();
  for (const p of input.prices) pricesByCountry.set(p.countryIso2, [...(pricesByCountry.get(p.countryIso2) ?? []), p]);
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
    countries: shares.countries.map(({ country, share }) => {
      const chosen = choosePrice(pricesByCountry.get(country) ?? [], input.period);
      return {
        iso2: country,
        name: input.names.get(country) ?? country,
        share,
        hashrateEh: input.networkHashrateEh === null ? null : share * input.networkHashrateEh,
        powerPrice: chosen ? withoutCountry(chosen) : null,
        energyCostPerBtcUsd: chosen && kwh !== null ? costPerBtcUsd(kwh, chosen.usdPerKwh) : null,
      };
    }),
  };
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

/** Every country with a non-zero share and every bloc, shut down one at a time; biggest loss first. */
export function shockTable(input: {
  distribution: MetricDistribution;
  names: ReadonlyMap<string, string>;
  blocs: readonly { id: string; name: string; members: readonly string[] }[];
  networkHashrateEh: number | null;
  blocksIntoEpoch: number;
}): ShockRow[] {
  const options = { blocksIntoEpoch: input.blocksIntoEpoch, networkHashrateEh: input.networkHashrateEh };
  const row = (kind: ShockRow["kind"], id: string, name: string, members: string[]): ShockRow => {
    const { survivors: _s, ...result } = shock(
      input.distribution,
      members.map((country) => ({ country, fraction: 1 })),
      options,
    );
    return { kind, id, name, members, ...result };
  };
  const countries = input.distribution.countries
    .filter((c) => c.weight > 0)
    .map((c) => row("country", c.country, input.names.get(c.country) ?? c.country, [c.country]));
  const blocs = input.blocs.map((b) => row("bloc", b.id, b.name, [...b.members]));
  return [...countries, ...blocs].sort((a, b) => b.lostShare - a.lostShare || (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === "country" ? -1 : 1));
}
