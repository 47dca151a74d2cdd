/** Every table of the data model, in dependency order (parents first). */
export const COUNTED_TABLES = [
  "Country",
  "Dataset",
  "HashrateShare",
  "NetworkStat",
  "DifficultyAdjustment",
  "PowerPrice",
  "MiningSite",
  "NetworkEvent",
  "Bloc",
  "BlocMember",
  "ShockEvent",
  "ShockEventCountry",
] as const;
