import { STALE_AFTER_MONTHS } from "../metrics/age";
import type { Country, Distribution, Metrics, Shocks } from "../validation/responses";
import {
  formatDays,
  formatDecimal,
  formatEh,
  formatInteger,
  formatMinutes,
  formatMw,
  formatPeriod,
  formatShare,
  formatSignedPercent,
  formatUsd,
  formatUsdPerKwh,
} from "./format";

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
type MetricsPrices = Pick<Metrics, "period" | "powerPrices">;

function pricesFor(metrics: MetricsPrices | null, period: string): ReadonlyMap<string, Metrics["powerPrices"][number]> {
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

export function countryPanel(country: Country, period: string, shocks: Shocks | null, metrics: MetricsPrices | null) {
  const now = country.history.find((h) => h.period === period) ?? null;
  const shock = shocks?.rows.find((r) => r.kind === "country" && r.id === country.iso2) ?? null;
  // Until the metrics answer for this period is in, the price is not known to be missing either.
  const price = metrics?.period === period ? (pricesFor(metrics, period).get(country.iso2)?.powerPrice ?? null) : ("loading" as const);
  return {
    iso2: country.iso2,
    title: country.name,
    facts: [
      { label: "Share", value: now?.share === null || !now ? "no estimate" : formatShare(now.share), testId: "panel-share" },
      { label: "Hashrate", value: formatEh(now?.hashrateEh ?? null), testId: "panel-hashrate" },
      { label: "Rank", value: now?.rank ? `#${now.rank}` : "—", testId: "panel-rank" },
      { label: "Blocs", value: country.blocs.length ? country.blocs.join(", ") : "none", testId: "panel-blocs" },
    ],
    price:
      price === "loading" || price === null
        ? price
        : {
            text: `${formatUsdPerKwh(price.usdPerKwh)} · ${price.priceType.replace("_", " ")}${price.subdivision ? ` (${price.subdivision})` : ""} · ${price.period}`,
            sourceUrl: price.sourceUrl,
          },
    shutdown: shock
      ? [
          { label: "Hashrate lost", value: `${formatShare(shock.lostShare)} (${formatEh(shock.hashrateLostEh)})` },
          { label: "Block interval", value: formatMinutes(shock.blockIntervalMinutes) },
          { label: "Next retarget in", value: formatDays(shock.daysToRetarget) },
          { label: "Difficulty change", value: formatSignedPercent(shock.difficultyChange) },
          { label: "HHI after", value: shock.hhiAfter === null ? "—" : formatInteger(shock.hhiAfter) },
          { label: "Majority after", value: shock.majority ? `${shock.majority.country} ${formatShare(shock.majority.share)}` : "none" },
        ]
      : null,
    history: {
      periods: country.history.map((h) => h.period),
      share: country.history.map((h) => (h.share === null ? null : h.share * 100)),
      eh: country.history.map((h) => h.hashrateEh),
    },
    sites: country.sites.map((s) => ({
      id: s.id,
      name: s.name,
      operator: s.operator,
      capacity: formatMw(s.capacityMw),
      status: s.status,
      sourceUrl: s.sourceUrl,
    })),
  };
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
