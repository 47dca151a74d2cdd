import type { LayerScales } from "../colors/layer-scales";
import type { Scale } from "../colors/scale";
import { energyCategory } from "../colors/energy";
import { formatEh, formatShare, formatUsd, formatUsdPerKwh } from "./format";
import type { Layer } from "./url-state-core";
import type { Distribution, Metrics, Site } from "../validation/responses";

// API answers → what the map paints for each layer. The map component does no arithmetic; prices
// and the electricity cost per BTC are the server's (/api/metrics), only the ratio to the bitcoin
// price the user typed in is divided here.

export type CountryPrice = Metrics["powerPrices"][number];

export type MapValue = { iso2: string; value: number; tooltip: string };
export type LayerView = { values: MapValue[]; scale: Scale; noDataLabel: string; note: string };

/** What the share layer reads of GET /api/distribution's answer. */
export type DistributionView = Pick<Distribution, "period" | "unattributedShare" | "countries">;

export function shareLayer(d: DistributionView, scale: Scale): LayerView {
  return {
    scale,
    values: d.countries.map((c) => ({ iso2: c.iso2, value: c.share, tooltip: `${formatShare(c.share)} of hashrate · ${formatEh(c.hashrateEh)}` })),
    noDataLabel: "No estimate for this country (not 0 %)",
    note: `Unattributed by the source (“Other”): ${formatShare(d.unattributedShare)}`,
  };
}

/** "$0.040/kWh (miner tariff, Quebec, 2024-04)" */
const priceLabel = (p: CountryPrice["powerPrice"]) =>
  `${formatUsdPerKwh(p.usdPerKwh)} (${p.priceType.replace("_", " ")}${p.subdivision ? `, ${p.subdivision}` : ""}, ${p.period})`;

export function priceLayer(prices: readonly CountryPrice[], scale: Scale): LayerView {
  return {
    scale,
    values: prices.map((p) => ({ iso2: p.iso2, value: p.powerPrice.usdPerKwh, tooltip: priceLabel(p.powerPrice) })),
    noDataLabel: "No price on record",
    note: "Industrial price where there is one, else business, miner tariff, wholesale, household — the type is in the tooltip.",
  };
}

export function costLayer(prices: readonly CountryPrice[], kwhPerBtc: number | null, btcPriceUsd: number, scale: Scale): LayerView {
  const values: MapValue[] = [];
  for (const p of prices) {
    const cost = p.energyCostPerBtcUsd;
    if (cost === null) continue;
    const ratio = cost / btcPriceUsd;
    values.push({
      iso2: p.iso2,
      value: ratio,
      tooltip: `electricity ${formatUsd(cost)} per BTC at ${formatUsdPerKwh(p.powerPrice.usdPerKwh)} — ${ratio < 1 ? "mines at a profit" : "mines at a loss"} at ${formatUsd(btcPriceUsd)}`,
    });
  }
  return {
    scale,
    values,
    noDataLabel: "No price on record",
    note: kwhPerBtc === null ? "The network hashrate of this period is unknown." : "Electricity only: no hardware, hosting or fees counted.",
  };
}

/**
 * The layer's values (the risk layer's are the risk panel's: riskLayer, lib/view/risk.ts). Prices and costs come from the metrics answer of the same period; while that
 * answer is still the previous period's, those layers show nothing rather than last month's prices.
 */
export function layerView(
  layer: Layer,
  input: { distribution: DistributionView; metrics: Pick<Metrics, "period" | "kwhPerBtc" | "powerPrices"> | null; btcPriceUsd: number },
  scales: LayerScales,
): LayerView {
  const metrics = input.metrics?.period === input.distribution.period ? input.metrics : null;
  switch (layer) {
    case "price":
      return priceLayer(metrics?.powerPrices ?? [], scales.price);
    case "cost":
      return costLayer(metrics?.powerPrices ?? [], metrics?.kwhPerBtc ?? null, input.btcPriceUsd, scales.cost);
    default:
      return shareLayer(input.distribution, scales.share);
  }
}

/** What the sites layer reads of a site in GET /api/sites' answer. */
export type SiteView = Pick<
  Site,
  "id" | "name" | "operator" | "countryIso2" | "lat" | "lon" | "capacityMw" | "hashrateEh" | "energySource" | "status" | "sourceUrl"
>;

/** Sites with a location as GeoJSON points for the sites layer; properties are what the popup shows (and `sites: 1`, which the map's clusters sum). */
export function sitesGeoJson(sites: readonly SiteView[]): GeoJSON.FeatureCollection<GeoJSON.Point> {
  return {
    type: "FeatureCollection",
    features: sites.flatMap((s) =>
      s.lat === null || s.lon === null
        ? []
        : [
            {
              type: "Feature" as const,
              geometry: { type: "Point" as const, coordinates: [s.lon, s.lat] },
              properties: {
                sites: 1,
                id: s.id,
                name: s.name,
                operator: s.operator,
                capacityMw: s.capacityMw ?? 0,
                capacityKnown: s.capacityMw !== null,
                hashrateEh: s.hashrateEh,
                status: s.status,
                energy: energyCategory(s.energySource),
                energySource: s.energySource ?? "",
                sourceUrl: s.sourceUrl,
              },
            },
          ],
    ),
  };
}
