/** Every table of the data model, in dependency order (parents first). */
export const COUNTED_TABLES = [
  "Country",
  "Region",
  "Dataset",
  "HashrateShare",
  "NetworkStat",
  "DifficultyAdjustment",
  "PowerPrice",
  "MiningSite",
  "SiteCell",
  "NetworkEvent",
  "ShockObservation",
  "RegionalShare",
  "Bloc",
  "BlocMember",
  "ShockEvent",
  "ShockEventCountry",
] as const;
