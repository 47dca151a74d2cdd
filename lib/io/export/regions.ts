import type { Regions } from "../../validation/responses";
import type { Column } from "./columns";
import type { Row } from "./csv";

// The regions export (what=regions): the rows of /api/regions — one per region, then the remainder — each
// with the source of its figures. The answer's basis, coverage and estimate go in the metadata. Pure.

const FRACTION = "fraction (0–1)";
const col = (name: string, type: Column["type"], unit: string | null, description: string): Column => ({ name, type, unit, description });

export const REGION_COLUMNS: readonly Column[] = [
  col(
    "record",
    "text",
    null,
    "region: a region of the country; unlocated: its operating sites placed in no region (sites basis); unnamed: what the source names no region for (published basis)",
  ),
  col("country_iso2", "text", null, "ISO 3166-1 alpha-2 code of the country"),
  col("period", "text", null, "Month (YYYY-MM) of the country's share"),
  col(
    "basis",
    "text",
    null,
    "sites: the seeded sites placed in each region; published: one source's sub-national estimate (docs/methodology.md#regional-shares)",
  ),
  col("region_code", "text", null, "ISO 3166-2 code; empty on the remainder row"),
  col("region_name", "text", null, "ISO 3166-2 name; empty on the remainder row"),
  col(
    "share_of_country",
    "number",
    FRACTION,
    "Share of the country's hashrate: sites — the region's sited EH/s ÷ the country's; published — the source's figure (the middle of a range), or its share of the network ÷ the country's share in its period (derived)",
  ),
  col("country_share", "number", FRACTION, "The country's share of the network in the period; empty when the dataset has no figure for it"),
  col("share_of_network", "number", FRACTION, "country_share × share_of_country"),
  col("capacity_mw", "number", "MW", "Sites basis: the operating sites' capacity (sites without one add 0)"),
  col("hashrate_eh", "number", "EH/s", "Sites basis: the operating sites' hashrate, stated, else capacity ÷ the efficiency in the metadata (MW ÷ J/TH)"),
  col("sites", "integer", "sites", "Sites basis: how many operating sites"),
  col("placed_by_polygon", "integer", "sites", "Sites basis: of those, placed in the region by their point (inside its outline)"),
  col("placed_by_address", "integer", "sites", "Sites basis: placed by their address"),
  col("source", "text", null, "Published basis: who published the estimate"),
  col("source_period", "text", null, "Published basis: the estimate's period as the source gives it"),
  col("source_region_name", "text", null, "Published basis: the region as the source names it"),
  col("source_share_of_country_low", "number", FRACTION, "Published basis: the source's share of the country (low end of a range); empty when it gives none"),
  col("source_share_of_country_high", "number", FRACTION, "Published basis: high end"),
  col("source_share_of_network_low", "number", FRACTION, "Published basis: the source's share of the network (low end of a range); empty when it gives none"),
  col("source_share_of_network_high", "number", FRACTION, "Published basis: high end"),
  col("derived", "boolean", null, "Published basis: share_of_country was derived from the source's share of the network"),
  col("certainty", "text", null, "Published basis: how certain the source's figure is, in the dataset's words"),
  col("source_url", "text", null, "Published basis: where the figure is published"),
  col("dataset", "text", null, "The dataset the row's figures come from: the sites dataset or the published estimate's (see the metadata's datasets)"),
];

export function regionRows(r: Regions): Row[] {
  const common = { country_iso2: r.country, period: r.period, basis: r.basis };
  const dataset = r.published?.dataset ?? r.sites.dataset;
  const regions = r.regions.map((x): Row => {
    const s = x.source;
    const published = s.basis === "published" ? s : null;
    return {
      record: "region",
      ...common,
      region_code: x.code,
      region_name: x.name,
      share_of_country: x.shareOfCountry,
      country_share: r.countryShare,
      share_of_network: x.shareOfNetwork,
      capacity_mw: x.capacityMw,
      hashrate_eh: x.hashrateEh,
      sites: x.sites,
      placed_by_polygon: s.basis === "sites" ? s.placedByPolygon : null,
      placed_by_address: s.basis === "sites" ? s.placedByAddress : null,
      source: r.published?.source ?? null,
      source_period: r.published?.periodLabel ?? null,
      source_region_name: published?.name ?? null,
      source_share_of_country_low: published?.shareOfCountry?.low ?? null,
      source_share_of_country_high: published?.shareOfCountry?.high ?? null,
      source_share_of_network_low: published?.shareOfNetwork?.low ?? null,
      source_share_of_network_high: published?.shareOfNetwork?.high ?? null,
      derived: published ? published.derived : null,
      certainty: published?.certainty ?? null,
      source_url: published?.url ?? null,
      dataset,
    };
  });
  const m = r.remainder;
  const remainder: Row = {
    record: m.kind,
    ...common,
    region_code: null,
    region_name: null,
    share_of_country: m.shareOfCountry,
    country_share: r.countryShare,
    share_of_network: m.shareOfNetwork,
    capacity_mw: m.capacityMw,
    hashrate_eh: m.hashrateEh,
    sites: m.sites,
    placed_by_polygon: null,
    placed_by_address: null,
    source: r.published?.source ?? null,
    source_period: r.published?.periodLabel ?? null,
    source_region_name: null,
    source_share_of_country_low: null,
    source_share_of_country_high: null,
    source_share_of_network_low: null,
    source_share_of_network_high: null,
    derived: null,
    certainty: null,
    source_url: null,
    dataset,
  };
  return [...regions, remainder];
}
