// The closed lists of the data model, each named once. This module imports nothing: the browser
// loads it with the response schemas (lib/validation/responses).

export const datasetKinds = ["shares", "network", "retargets", "prices", "sites", "events", "observations", "blocs", "shocks", "subnational"] as const;
export type DatasetKind = (typeof datasetKinds)[number];

/** network: an estimate of the whole network; partial: of a sample only, kept out of the best estimate. */
export const datasetCoverages = ["network", "partial"] as const;

export const siteStatuses = ["operating", "planned", "curtailed", "closed", "converted"] as const;
export type SiteStatus = (typeof siteStatuses)[number];

/** How a site's region was found: its point in a region polygon, or (no polygon holds it) its address. */
export const siteRegionMethods = ["polygon", "address"] as const;
export type SiteRegionMethod = (typeof siteRegionMethods)[number];

export const priceTypes = ["industrial", "business", "miner_tariff", "household", "wholesale"] as const;
export type PriceType = (typeof priceTypes)[number];

export const shockKinds = ["ban", "restriction", "blackout", "tariff"] as const;
export type ShockKind = (typeof shockKinds)[number];

/** What one shock observation measures (docs/methodology.md#backtests). */
export const observationMetrics = [
  "network_hashrate",
  "network_hashrate_change",
  "pool_hashrate_change",
  "curtailed_power",
  "share_offline",
  "block_time",
  "difficulty_change",
] as const;
export type ObservationMetric = (typeof observationMetrics)[number];

/** The units each metric may be in: hashrate changes are in %, except where a source gave only an absolute change (EH/s). */
export const observationUnits: Record<ObservationMetric, readonly string[]> = {
  network_hashrate: ["EH/s"],
  network_hashrate_change: ["%", "EH/s"],
  pool_hashrate_change: ["%"],
  curtailed_power: ["MW"],
  share_offline: ["%"],
  block_time: ["min"],
  difficulty_change: ["%"],
};
