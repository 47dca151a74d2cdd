import { resolveRegion } from "./regions";

// A site's region from its address as the curated files write it ("Rockdale, Milam County, TX",
// "Boden, Norrbotten (former army hangar)", "West Texas (undisclosed)"): pure, no geometry. Used where a
// site has no coordinates, or its approximate point falls outside every region polygon of its country.

/** Words before a region's name that do not belong to it ("West Texas", "near Addis Ababa"). */
const LEADING_QUALIFIERS = /^(?:(?:north|south|east|west|central|northern|southern|eastern|western|greater|near|rural|upstate)\s+)+/i;

/** A part that is only an upper-case code ("TX", "QC"): as an address writes a state or province. */
const BARE_CODE = /^[A-Z]{2,3}$/;

function partsOf(address: string): string[] {
  const bracketed = [...address.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? "");
  const outside = address.replace(/\([^)]*\)/g, " ");
  // Most general last in an address: read from the end, then what brackets add ("Salalah (Dhofar)").
  return [...outside.split(/[,;]/).reverse(), ...bracketed.flatMap((b) => b.split(/[,;]/))].map((p) => p.trim()).filter(Boolean);
}

function regionOfPart(countryIso2: string, part: string): string | undefined {
  // A lower-case word is a name, never a code ("de", "mo").
  if (/^[A-Za-z]{1,3}$/.test(part) && !BARE_CODE.test(part)) return undefined;
  const direct = resolveRegion(countryIso2, part)?.code;
  if (direct) return direct;
  const unqualified = part.replace(LEADING_QUALIFIERS, "");
  if (unqualified !== part) return resolveRegion(countryIso2, unqualified)?.code;
  // "Washington State", "CO oilfields": a leading code or name followed by words that are no region's.
  const lead = /^([A-Z]{2,3})\s+\S/.exec(part)?.[1];
  return lead ? resolveRegion(countryIso2, lead)?.code : undefined;
}

/**
 * The ISO 3166-2 code of the region an address names within a country, or undefined when it names none,
 * or several by code ("ND, MT, WY, CO oilfields"). The last part that names a region wins ("Washington,
 * Wilkes County, GA" is in Georgia); other parts naming a region by name only do not make it ambiguous.
 */
export function regionFromAddress(countryIso2: string, address: string | null | undefined): string | undefined {
  if (!address?.trim()) return undefined;
  const found = partsOf(address).flatMap((part) => {
    const code = regionOfPart(countryIso2, part);
    return code ? [{ code, byCode: BARE_CODE.test(part) || /^[A-Z]{2,3}\s/.test(part) }] : [];
  });
  const [chosen] = found;
  if (!chosen) return undefined;
  const codes = new Set(found.filter((f) => f.byCode).map((f) => f.code));
  if (codes.size > 1) return undefined;
  return chosen.code;
}
