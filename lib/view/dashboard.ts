import { STALE_AFTER_MONTHS } from "../metrics/age";
import type { Distribution, Metrics, Shocks } from "../validation/responses";
import { formatDecimal, formatEh, formatInteger, formatMinutes, formatPeriod, formatShare, formatUsd, formatUsdPerKwh } from "./format";

// API answers → the text the dashboard shows. Pure; the components only lay it out.

const BAND_TEXT = { low: "low (< 1 000)", moderate: "moderate (1 000–1 800)", high: "high (> 1 800)" } as const;

export function summaryCards(m: Metrics, names: ReadonlyMap<string, string>) {
  const top = m.countries[0];
  return [
    {
      label: "HHI",
      value: formatInteger(m.hhi),
      detail: `concentration ${BAND_TEXT[m.concentration]}; ${formatInteger(m.hhiUpper)} if “Other” were one country`,
      testId: "card-hhi",
    },
    {
      label: "Nakamoto coefficient",
      value: m.nakamoto === null ? "none" : String(m.nakamoto),
      detail: m.nakamoto === null ? "attributed shares never pass 50 %" : `countr${m.nakamoto === 1 ? "y holds" : "ies hold"} over half the hashrate`,
      testId: "card-nakamoto",
    },
    { label: "Effective jurisdictions", value: formatDecimal(m.effectiveJurisdictions), detail: "10 000 ÷ HHI", testId: "card-effective" },
    {
      label: "Top country",
      value: m.topCountry ? (names.get(m.topCountry) ?? m.topCountry) : "—",
      detail: top ? `${formatShare(top.share)} of hashrate` : "",
      testId: "card-top",
    },
    { label: "Network hashrate", value: formatEh(m.networkHashrateEh), detail: `unattributed ${formatShare(m.unattributedShare)}`, testId: "card-network" },
  ];
}

export type CountryRow = {
  iso2: string;
  name: string;
  rank: number;
  share: number;
  shareText: string;
  hashrateEh: number | null;
  hashrateText: string;
  priceUsd: number | null;
  priceText: string;
  costUsd: number | null;
  costText: string;
  intervalMinutes: number | null;
  intervalText: string;
};

/** Each country's price and cost per BTC from the metrics answer, if it is the answer for `period`. */
export type MetricsPrices = Pick<Metrics, "period" | "powerPrices">;

export function pricesFor(metrics: MetricsPrices | null, period: string): ReadonlyMap<string, Metrics["powerPrices"][number]> {
  return new Map(metrics?.period === period ? metrics.powerPrices.map((p) => [p.iso2, p]) : []);
}

/** The table view: one row per country with a share; the same numbers as the API. */
export function countryRows(d: Distribution, metrics: MetricsPrices | null, shocks: Shocks | null): CountryRow[] {
  const prices = pricesFor(metrics, d.period);
  const shockById = new Map((shocks?.rows ?? []).filter((r) => r.kind === "country").map((r) => [r.id, r]));
  return d.countries.map((c, i) => {
    const price = prices.get(c.iso2)?.powerPrice ?? null;
    const cost = prices.get(c.iso2)?.energyCostPerBtcUsd ?? null;
    const interval = shockById.get(c.iso2)?.blockIntervalMinutes ?? null;
    return {
      iso2: c.iso2,
      name: c.name,
      rank: i + 1,
      share: c.share,
      shareText: formatShare(c.share),
      hashrateEh: c.hashrateEh,
      hashrateText: formatEh(c.hashrateEh),
      priceUsd: price?.usdPerKwh ?? null,
      priceText: price ? `${formatUsdPerKwh(price.usdPerKwh)} ${price.priceType.replace("_", " ")}` : "—",
      costUsd: cost,
      costText: cost === null ? "—" : formatUsd(cost),
      intervalMinutes: interval,
      intervalText: shockById.has(c.iso2) ? formatMinutes(interval) : "—",
    };
  });
}

export type SortKey = "rank" | "name" | "share" | "hashrateEh" | "priceUsd" | "costUsd" | "intervalMinutes";

export function sortRows(rows: readonly CountryRow[], key: SortKey, direction: "ascending" | "descending"): CountryRow[] {
  const sign = direction === "ascending" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    // Missing values sort last whatever the direction.
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    if (typeof x === "string" && typeof y === "string") return sign * x.localeCompare(y);
    return sign * (Number(x) - Number(y)) || a.rank - b.rank;
  });
}

type Dated = Pick<Distribution, "asOf" | "ageMonths" | "stale" | "source" | "networkHashrateSource" | "networkHashratePeriod" | "networkHashrateEh">;

/** "estimate of October 2025 — 13 months old", whether it is stale, and where the month's shares come from. */
export function estimateNote(d: Dated) {
  const age = d.ageMonths <= 0 ? "this month" : d.ageMonths === 1 ? "1 month old" : `${formatInteger(d.ageMonths)} months old`;
  return {
    age: `estimate of ${formatPeriod(d.asOf)} — ${age}`,
    stale: d.stale,
    staleTitle: `More than ${STALE_AFTER_MONTHS} months old: hash power moves faster than that`,
    source: `${d.source.publisher} — ${d.source.title}`,
    sourceUrl: d.source.url,
    method: d.source.method,
    network:
      d.networkHashrateSource === "latest-network" && d.networkHashratePeriod
        ? `EH/s at the latest network hashrate, ${formatPeriod(d.networkHashratePeriod)} (${formatEh(d.networkHashrateEh)})`
        : d.networkHashratePeriod
          ? `EH/s at the network hashrate of ${formatPeriod(d.networkHashratePeriod)} (${formatEh(d.networkHashrateEh)})`
          : "no network hashrate for this month: EH/s unavailable",
  };
}
