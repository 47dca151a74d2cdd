// Region-group presets: named sets of regions (or of sites) a scenario can take offline by one id,
// as a bloc stands for its countries. An item "ERCOT:0.8" takes each member 80 % offline. Ids share
// the namespace of countries and blocs (shutdown-ref.ts); the service resolves a country first,
// then a bloc, then a preset. Members are ISO 3166-2 codes exactly as the sources' lists give them.

export type PresetSource = { url: string; says: string };

type PresetBase = {
  id: string;
  name: string;
  /** What the preset stands for, and what it leaves out. */
  note: string;
  /** How to read or choose a fraction for it. */
  fractionNote: string;
  /** Where the membership and the notes come from (a sites preset: the sites' own sources). */
  sources: readonly PresetSource[];
};

export type RegionPreset = PresetBase & { kind: "regions"; regions: readonly string[] };

/** A preset of sites, chosen by a rule over each site's status note (evaluated on the sites dataset the scenario reads). */
export type SitePreset = PresetBase & { kind: "sites"; rule: (site: { statusNote: string | null }) => boolean };

export type RegionGroupPreset = RegionPreset | SitePreset;

// ---- Announced AI/HPC conversions.

// A conversion word and AI, HPC or GPU in the same clause (clauses split at ";"): "converting to
// AI/HPC", "being converted to host CoreWeave AI/HPC", "plans AI/HPC conversion". Not counted:
// evaluating ("Riot is evaluating part of its power for AI/HPC"), AI capacity built beside the
// mining ("75 MW Horizon 1 AI data center under construction", "adding AI/HPC", "adjacent ... AI
// campus", "5 MW HPC building added", "bought 181 acres ... for HPC/AI"), new builds "for BTC
// mining and/or AI", and "AI upgrades", which do not say the mining goes.
const CONVERSION = /\b(convert(s|ed|ing)?|conversion)\b/i;
const AI_HPC = /\b(AI|HPC|GPU)\b/i;

/** Does a site's status note say its operator announced converting it (or part of it) to AI/HPC? */
export function announcesAiHpcConversion(statusNote: string | null): boolean {
  return (statusNote ?? "").split(";").some((clause) => CONVERSION.test(clause) && AI_HPC.test(clause));
}

// ---- The presets.

export const REGION_PRESETS: readonly RegionGroupPreset[] = [
  {
    id: "ERCOT",
    name: "ERCOT (the Texas grid)",
    kind: "regions",
    regions: ["US-TX"],
    note:
      "ERCOT serves about 90 % of Texas's electric load; the rest of the state (around El Paso, the northern Panhandle, parts of East Texas) " +
      "is on the Western and Eastern grids. The seeded Texas sites that name ERCOT as their power hold about 95 % of the Texas sites' stated MW " +
      '(the rest say only "grid" or wind), so the preset takes all of US-TX.',
    fractionNote:
      "The fraction is the share of Texas's mining hash power that goes dark: an ERCOT curtailment of 80 % is ERCOT:0.8; " +
      "a site off the ERCOT grid would be over-counted by it.",
    sources: [
      {
        url: "https://energyknowledgebase.com/topics/electric-reliability-council-of-texas-ercot.asp",
        says: "the Texas Interconnection, which ERCOT operates, serves 75 % of the state's area and 90 % of its electric load",
      },
    ],
  },
  {
    id: "RUBAN2025",
    name: "Russia's 2025 regional ban",
    kind: "regions",
    regions: ["RU-DA", "RU-IN", "RU-KB", "RU-KC", "RU-SE", "RU-CE", "UA-14", "UA-09", "UA-23", "UA-65"],
    note:
      "The year-round ban on all mining (pools and individuals included) from 1 January 2025 to 15 March 2031 in ten regions: Dagestan, " +
      "Ingushetia, Kabardino-Balkaria, Karachay-Cherkessia, North Ossetia, Chechnya and the occupied Donetsk, Luhansk, Zaporizhzhia and " +
      "Kherson oblasts, which ISO 3166-2 lists under Ukraine (UA-14, UA-09, UA-23, UA-65): their hash power counts toward Ukraine's share.",
    fractionNote: "A ban: fraction 1. No source estimates the hash power in these regions.",
    sources: [
      {
        url: "https://www.zerohedge.com/crypto/russia-bans-crypto-mining-6-years-10-regions",
        says: "the government's list of ten regions (TASS, via a Cointelegraph copy), banned until 15 March 2031",
      },
    ],
  },
  {
    id: "RUSEASONAL",
    name: "Russia's seasonal ban regions",
    kind: "regions",
    regions: ["RU-IRK", "RU-BU", "RU-ZAB"],
    note:
      "Irkutsk, Buryatia and Zabaykalsky, where mining is banned in the southern districts from 15 November to 15 March each winter " +
      "until 2031 (first 1 January – 15 March 2025). Southern Irkutsk's ban became year-round from April 2025 and southern Buryatia's and " +
      "Zabaykalsky's from 2026; Bratsk (BitRiver) in northern Irkutsk is outside it.",
    fractionNote:
      "The bans cover the southern districts only, so fraction 1 over-counts: in January 2025 Irkutsk's government reported 305 MW freed " +
      "(about 18–23 % of Russia's mining power by BitRiver's estimate of 1,300–1,700 MW); the large centres of southern Irkutsk draw about 650 MW.",
    sources: [
      {
        url: "https://bullsgazette.com/news/2024/russia-implements-crypto-mining-ban",
        says: "the seasonal ban in parts of Irkutsk, Buryatia and Zabaykalsky (TASS)",
      },
      { url: "https://izkp.ru/v-irkutskoj-oblasti-vyrosla-dolya-nelegalnogo-majninga-2", says: "305 MW freed in January 2025 in southern Irkutsk" },
      {
        url: "https://futurefinancetrends.com/2025/04/01/russias-irkutsk-could-impose-year-round-crypto-mining-ban-from-april-1",
        says: "year-round ban in southern Irkutsk from April 2025; its large centres draw about 650 MW",
      },
      {
        url: "https://phemex.com/de/news/article/russia-plans-permanent-crypto-mining-ban-in-two-regions-by-2026-45536",
        says: "permanent ban in southern Buryatia and Zabaykalsky from 2026",
      },
    ],
  },
  {
    id: "SICHUANDRY",
    name: "Sichuan dry season",
    kind: "regions",
    regions: ["CN-SC"],
    note:
      "Sichuan's hydro-powered miners left each dry season (about November to April) for coal-powered Xinjiang and Inner Mongolia and " +
      "came back with the rains: CCAF's pool data put Sichuan at 14.9 % of China's hashrate at the start of the 2020 wet season and 61.1 % at its peak.",
    fractionNote:
      "Against a wet-season share, fraction ≈ 0.76 stands for the move ((61.1 − 14.9) ÷ 61.1, CCAF 2020); against a share already " +
      "measured in the dry season, Sichuan has little left to lose.",
    sources: [
      {
        url: "https://www.cryptolaw.one/bitcoin_miners_exit_china_new_data_on_top_5_mining_countries/",
        says: "Sichuan 14.9 % → 61.1 % of China's hashrate over the 2020 wet season (CCAF, M. Rauchs, 15 Jul 2021)",
      },
    ],
  },
  {
    id: "AIHPC",
    name: "Announced AI/HPC conversions",
    kind: "sites",
    rule: (site) => announcesAiHpcConversion(site.statusNote),
    note:
      "Every site whose status note says its operator announced converting it (or part of it) to AI/HPC hosting. Sites already " +
      "converted no longer count on the sites basis, so taking them offline changes nothing.",
    fractionNote: "Fraction 1 takes each such site's whole mining capacity offline; where only part is converted, a lower fraction is the honest reading.",
    // Each site's status note has its own source (the site's sourceUrl): the preset adds none.
    sources: [],
  },
];

const byId = new Map(REGION_PRESETS.map((p) => [p.id, p]));

/** The preset of a canonical id, if it is one. */
export function presetById(id: string): RegionGroupPreset | undefined {
  return byId.get(id);
}

export const PRESET_IDS = REGION_PRESETS.map((p) => p.id);
