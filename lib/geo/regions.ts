import { iso31662 } from "iso-3166";
import { allCountries } from "./countries";

// Sub-national regions are ISO 3166-2 subdivisions. Codes, parents and names come from the iso-3166
// package (wooorm/iso-3166, MIT), which follows the ISO Online Browsing Platform: current codes (China's
// letter codes since 2017, Kazakhstan's numeric codes with the 2022 regions Abay, Zhetisu and Ulytau).
// Only first-level subdivisions are listed (a parent that is a country, not another subdivision).

export type RegionRecord = {
  /** ISO 3166-2 code: "US-TX", "CN-XJ", "RU-IRK", "UA-14". */
  code: string;
  /**
   * The ISO 3166-1 parent, the code's prefix: the country whose hashrate figures count the region. HashAtlas follows
   * ISO 3166 everywhere, so the occupied Ukrainian oblasts in Russia's 2025 mining-ban list (UA-14, UA-09, UA-23,
   * UA-65) are Ukraine's, and the preset of that ban (lib/scenario/region-presets.ts) says so.
   */
  countryIso2: string;
  /** The ISO 3166-2 name (romanised local name: "Irkutskaya oblast'", "Xinjiang Uygur Zizhiqu", "Texas"). */
  name: string;
};

/**
 * Names iso-3166 4.4.0 cuts off where its source table wraps a long name ("Kabardino-", "Leningradskaya"),
 * restored from ISO 3166-2:RU. A test fails once the package's name equals the repair, so the entry can go.
 */
export const ISO_NAME_REPAIRS: Readonly<Record<string, string>> = {
  "RU-KB": "Kabardino-Balkarskaya Respublika",
  "RU-KC": "Karachayevo-Cherkesskaya Respublika",
  "RU-KHM": "Khanty-Mansiyskiy avtonomnyy okrug",
  "RU-LEN": "Leningradskaya oblast'",
  "RU-NEN": "Nenetskiy avtonomnyy okrug",
  "RU-NVS": "Novosibirskaya oblast'",
  "RU-VGG": "Volgogradskaya oblast'",
  "RU-VLA": "Vladimirskaya oblast'",
  "RU-YAN": "Yamalo-Nenetskiy avtonomnyy okrug",
};

/** ISO 3166-2's grammar: the country, a dash, one to three letters or digits. */
export const REGION_CODE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

function buildRegions(): RegionRecord[] {
  const countries = new Set(allCountries().map((c) => c.iso2));
  return iso31662
    .filter((entry) => countries.has(entry.parent))
    .map((entry) => ({
      code: entry.code,
      countryIso2: entry.parent,
      name: ISO_NAME_REPAIRS[entry.code] ?? entry.name,
    }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

let records: RegionRecord[] | undefined;
let byCode: Map<string, RegionRecord> | undefined;

/** Every first-level subdivision of every country, sorted by code. */
export function allRegions(): readonly RegionRecord[] {
  records ??= buildRegions();
  return records;
}

export function regionByCode(code: string): RegionRecord | undefined {
  byCode ??= new Map(allRegions().map((r) => [r.code, r]));
  return byCode.get(code.trim().toUpperCase());
}

/** A country's regions (those whose code it prefixes), sorted by code. */
export function regionsOfCountry(countryIso2: string): RegionRecord[] {
  const iso2 = countryIso2.toUpperCase();
  return allRegions().filter((r) => r.countryIso2 === iso2);
}

/**
 * English names and spellings sources use that the ISO names do not match once normalised (normaliseRegionName):
 * ISO keeps the local name ("Nei Mongol", "Saha"); these are the few the seed's files and addresses need.
 */
const REGION_NAME_ALIASES: Readonly<Record<string, string>> = {
  "CN:Inner Mongolia": "CN-NM",
  "CN:Tibet": "CN-XZ",
  "RU:Yakutia": "RU-SA",
  "RU:Moscow Oblast": "RU-MOS",
  "RU:Moscow": "RU-MOW",
  "RU:Saint Petersburg": "RU-SPE",
  "AE:Abu Dhabi": "AE-AZ",
  "ET:Addis Ababa": "ET-AA",
  "FI:South Ostrobothnia": "FI-03",
  "FI:Satakunta": "FI-17",
  "BT:Chukha": "BT-12",
  "OM:Dhofar": "OM-ZU",
};

/** Words that say what kind of subdivision a name is, in ISO's romanisations and in English; dropped before comparing. */
const KIND_WORDS =
  /\b(oblast|oblasty|oblysy|kray|krai|respublika|republic|of|the|avtonomnyy|autonomous|okrug|region|province|sheng|shi|zizhiqu|uygur|zhuangzu|huizu|sar|state|county|governorate|muhafazat|department|departamento|maakunta|lan|fylke|dzongkhag|mkhare)\b/g;

/**
 * A name reduced for comparison: no accents, apostrophes or kind words, and Russian adjectival endings folded
 * ("Irkutskaya oblast'" and "Irkutsk Oblast" both become "irkutsk"; "Tverskaya" becomes "tversk", which "Tver" begins).
 */
export function normaliseRegionName(name: string): string {
  return name
    .replace(/\([^)]*\)/g, " ")
    .replace(/[øØ]/g, "o")
    .replace(/[æÆ]/g, "ae")
    .replace(/[þÞ]/g, "th")
    .replace(/[ðÐ]/g, "d")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’'‘`ʼ]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(KIND_WORDS, " ")
    .replace(/\b([a-z]{3,})(aya|iya|iy|ia|yy|ij)\b/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

let aliases: Map<string, string> | undefined;

function aliasIndex(): Map<string, string> {
  aliases ??= new Map(
    Object.entries(REGION_NAME_ALIASES).map(([key, code]) => {
      const [country = "", name = ""] = key.split(":");
      return [`${country}:${normaliseRegionName(name)}`, code];
    }),
  );
  return aliases;
}

let byName: Map<string, Map<string, string | null>> | undefined;

/** country → normalised name → code; null where two of the country's regions normalise alike (ambiguous). */
function nameIndex(): Map<string, Map<string, string | null>> {
  if (byName) return byName;
  const index = new Map<string, Map<string, string | null>>();
  for (const r of allRegions()) {
    const names = index.get(r.countryIso2) ?? new Map<string, string | null>();
    index.set(r.countryIso2, names);
    const key = normaliseRegionName(r.name);
    if (key) names.set(key, names.has(key) && names.get(key) !== r.code ? null : r.code);
  }
  byName = index;
  return index;
}

/**
 * The region a source names within a country: an ISO 3166-2 code ("US-TX"), the code's own part ("TX"),
 * an alias, or a name that matches one region's ISO name once normalised. Undefined when none or several match.
 */
export function resolveRegion(countryIso2: string, text: string): RegionRecord | undefined {
  const iso2 = countryIso2.toUpperCase();
  const cleaned = text.trim();
  if (!cleaned) return undefined;
  const asCode = REGION_CODE.test(cleaned.toUpperCase()) ? regionByCode(cleaned) : regionByCode(`${iso2}-${cleaned}`);
  if (asCode?.countryIso2 === iso2 && /^[A-Za-z0-9-]+$/.test(cleaned)) return asCode;
  const key = normaliseRegionName(cleaned);
  const alias = aliasIndex().get(`${iso2}:${key}`);
  if (alias) return regionByCode(alias);
  const names = nameIndex().get(iso2);
  const code = names?.get(key);
  if (code) return regionByCode(code);
  // "Norrbotten" for "Norrbottens län", "Tver" for "Tverskaya": a name whose last word one region's name
  // extends (within that word), and no other region's.
  if (key.length < 4 || !names) return undefined;
  const starts = [...names].filter(([name]) => name.startsWith(key) && !name.slice(key.length).includes(" "));
  return starts.length === 1 && starts[0]?.[1] ? regionByCode(starts[0][1]) : undefined;
}
