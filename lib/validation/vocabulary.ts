// The closed lists of the data model, each named once. This module imports nothing: the browser
// loads it with the response schemas (lib/validation/responses).

export const datasetKinds = ["shares", "network", "retargets", "prices", "sites", "events", "blocs", "shocks"] as const;
export type DatasetKind = (typeof datasetKinds)[number];

/** network: an estimate of the whole network; partial: of a sample only, kept out of the best estimate. */
export const datasetCoverages = ["network", "partial"] as const;

export const siteStatuses = ["operating", "planned", "curtailed", "closed", "converted"] as const;
export type SiteStatus = (typeof siteStatuses)[number];

export const priceTypes = ["industrial", "business", "miner_tariff", "household", "wholesale"] as const;
export type PriceType = (typeof priceTypes)[number];

export const shockKinds = ["ban", "restriction", "blackout", "tariff"] as const;
export type ShockKind = (typeof shockKinds)[number];
