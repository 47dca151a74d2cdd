import { costPerBtcUsd } from "../metrics/energy";
import { chosenPrices, type PriceRow } from "../metrics/prices";

export { chosenPrices };
import { formatEh, formatShare, formatUsd, formatUsdPerKwh } from "./format";
import { energyCategory, type Scale } from "./palette";
import type { Layer } from "./url-state-core";
import type { Distribution, Site } from "../validation/responses";

// API answers → what the map paints for each layer. The map component does no arithmetic.

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

const priceLabel = (p: PriceRow) =>
  `${formatUsdPerKwh(p.usdPerKwh)} (${p.priceType.replace("_", " ")}${p.subdivision ? `, ${p.subdivision}` : ""}, ${p.period})`;

export function priceLayer(prices: readonly PriceRow[], period: string, scale: Scale): LayerView {
  const chosen = chosenPrices(prices, period);
  return {
    scale,
    values: [...chosen.values()].map((p) => ({ iso2: p.countryIso2, value: p.usdPerKwh, tooltip: priceLabel(p) })),
    noDataLabel: "No price on record",
    note: "Industrial price where there is one, else business, miner tariff, wholesale, household — the type is in the tooltip.",
  };
}

export function costLayer(prices: readonly PriceRow[], period: string, kwhPerBtc: number | null, btcPriceUsd: number, scale: Scale): LayerView {
  const chosen = chosenPrices(prices, period);
  const values: MapValue[] = [];
  if (kwhPerBtc !== null) {
    for (const p of chosen.values()) {
      const cost = costPerBtcUsd(kwhPerBtc, p.usdPerKwh);
      const ratio = cost / btcPriceUsd;
      values.push({
        iso2: p.countryIso2,
        value: ratio,
        tooltip: `electricity ${formatUsd(cost)} per BTC at ${formatUsdPerKwh(p.usdPerKwh)} — ${ratio < 1 ? "mines at a profit" : "mines at a loss"} at ${formatUsd(btcPriceUsd)}`,
      });
    }
  }
  return {
    scale,
    values,
    noDataLabel: "No price on record",
    note: kwhPerBtc === null ? "The network hashrate of this period is unknown." : "Electricity only: no hardware, hosting or fees counted.",
  };
}

export type LayerScales = { share: Scale; price: Scale; cost: Scale };

export function layerView(
  layer: Layer,
  input: { distribution: DistributionView; prices: readonly PriceRow[]; kwhPerBtc: number | null; btcPriceUsd: number },
  scales: LayerScales,
): LayerView {
  switch (layer) {
    case "price":
      return priceLayer(input.prices, input.distribution.period, scales.price);
    case "cost":
      return costLayer(input.prices, input.distribution.period, input.kwhPerBtc, input.btcPriceUsd, scales.cost);
    default:
      return shareLayer(input.distribution, scales.share);
  }
}

/** What the sites layer reads of a site in GET /api/sites' answer. */
export type SiteView = Pick<
  Site,
  "id" | "name" | "operator" | "countryIso2" | "lat" | "lon" | "capacityMw" | "hashrateEh" | "energySource" | "status" | "sourceUrl"
>;

/** Sites with a location as GeoJSON points for the sites layer; properties are what the popup shows. */
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
