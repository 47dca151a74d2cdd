import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import worldCountries from "world-countries";

// ISO codes and official names come from i18n-iso-countries (the ISO 3166-1 list plus XK);
// short English names and UN-style regions come from world-countries (mledoze/countries, ODbL).
countries.registerLocale(en);

export type CountryRecord = {
  iso2: string;
  iso3: string;
  isoNumeric: string;
  name: string;
  region: string | null;
  subregion: string | null;
};

const worldByIso2 = new Map(worldCountries.map((c) => [c.cca2, c]));

/**
 * Names used by data sources that the ISO name lists do not carry. CBECI follows the World Bank
 * list; an asterisk in CBECI names ("Germany *") is a source footnote, stripped before lookup.
 */
const SOURCE_NAME_ALIASES: Record<string, string> = {
  "mainland china": "CN",
  "china (mainland)": "CN",
  "iran, islamic rep.": "IR",
  "russian federation": "RU",
  "korea, rep.": "KR",
  "egypt, arab rep.": "EG",
  "venezuela, rb": "VE",
  "kyrgyz republic": "KG",
  "lao pdr": "LA",
  "slovak republic": "SK",
  turkiye: "TR",
  türkiye: "TR",
  "czech rep.": "CZ",
  "hong kong sar, china": "HK",
  kosovo: "XK",
};

function buildRecords(): CountryRecord[] {
  const codes = Object.keys(countries.getAlpha2Codes()).sort();
  return codes.map((iso2) => {
    const world = worldByIso2.get(iso2);
    const iso3 = countries.alpha2ToAlpha3(iso2);
    const isoNumeric = countries.alpha2ToNumeric(iso2);
    const officialName = countries.getName(iso2, "en");
    if (!iso3 || !isoNumeric || !officialName) {
      throw new Error(`i18n-iso-countries has no alpha-3/numeric/name for ${iso2}`);
    }
    return {
      iso2,
      iso3,
      isoNumeric,
      name: world?.name.common ?? officialName,
      region: world?.region || null,
      subregion: world?.subregion || null,
    };
  });
}

let records: CountryRecord[] | undefined;
let byIso2: Map<string, CountryRecord> | undefined;

export function allCountries(): readonly CountryRecord[] {
  records ??= buildRecords();
  return records;
}

export function countryByIso2(iso2: string): CountryRecord | undefined {
  byIso2 ??= new Map(allCountries().map((c) => [c.iso2, c]));
  return byIso2.get(iso2.toUpperCase());
}

/**
 * Resolve a code or a country name as written by a source to ISO alpha-2.
 * Accepts alpha-2, alpha-3, ISO numeric, English names and World Bank style names.
 * Parenthesised qualifiers ("Canada (Quebec)") resolve to the country.
 */
export function resolveCountry(input: string): CountryRecord | undefined {
  const cleaned = input.replace(/\s*\*+\s*$/, "").trim();
  if (!cleaned) return undefined;
  if (/^[A-Za-z]{2}$/.test(cleaned)) return countryByIso2(cleaned);
  if (/^[A-Za-z]{3}$/.test(cleaned)) {
    const iso2 = countries.alpha3ToAlpha2(cleaned.toUpperCase());
    if (iso2) return countryByIso2(iso2);
  }
  if (/^\d{1,3}$/.test(cleaned)) {
    const iso2 = countries.numericToAlpha2(cleaned.padStart(3, "0"));
    return iso2 ? countryByIso2(iso2) : undefined;
  }
  const alias = SOURCE_NAME_ALIASES[cleaned.toLowerCase()];
  if (alias) return countryByIso2(alias);
  const byName = countries.getAlpha2Code(cleaned, "en");
  if (byName) return countryByIso2(byName);
  const common = worldCountries.find((c) => c.name.common.toLowerCase() === cleaned.toLowerCase());
  if (common) return countryByIso2(common.cca2);
  const qualified = /^(.*?)\s*\(([^)]*)\)$/.exec(cleaned);
  if (qualified?.[1]) return resolveCountry(qualified[1]) ?? resolveCountry(`${qualified[2]} ${qualified[1]}`);
  return undefined;
}
