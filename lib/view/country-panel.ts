import type { Country, Shocks } from "../validation/responses";
import { apiUrls } from "./api-urls";
import { pricesFor, type MetricsPrices } from "./dashboard";
import { formatDays, formatEh, formatInteger, formatMinutes, formatMw, formatShare, formatSignedPercent, formatUsdPerKwh } from "./format";

// A country's answer → what the country panel shows. Loaded with the panel (on demand), so it
// stays out of the dashboard's first load.

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
    sitesHeading: `Mining sites (${formatInteger(country.sitesTotal)})`,
    // The answer lists the first sites by name; the API pages through the rest.
    moreSites:
      country.sitesTotal > country.sites.length
        ? { text: `…and ${formatInteger(country.sitesTotal - country.sites.length)} more`, href: apiUrls.sites(country.iso2) }
        : null,
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
