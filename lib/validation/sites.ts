import { z } from "zod";
import { resolveCountry } from "../geo/countries";
import { cellText, httpUrl, nonEmptyText, optionalBoundedDecimalCell, optionalText, quoted } from "./cells";
import { HASHRATE_EH, LATITUDE, LONGITUDE, POWER_MW } from "./limits";
import type { SiteRegionMethod, SiteStatus } from "./vocabulary";
export const certainties = ["high", "medium", "low"] as const;

export const countryCell = cellText().transform((text, ctx) => {
  const country = resolveCountry(text);
  if (!country) {
    ctx.addIssue({ code: "custom", message: `${quoted(text)} is not a known country` });
    return z.NEVER;
  }
  return country.iso2;
});

/**
 * The status column of the curated sites file is free text that starts with (or contains) the
 * state; the first matching rule wins, so "closed" beats an earlier "operating" history.
 */
const STATUS_RULES: [SiteStatus, RegExp][] = [
  ["converted", /\b(convert(ed|ing)|AI\/HPC)\b/i],
  ["closed", /^(closed|sold)\b|\bclosed\b|power .* halted|shut down/i],
  ["curtailed", /\bcurtail/i],
  ["planned", /^(under (development|construction)|development|planned|announced|under construction)\b/i],
  ["planned", /\b(start-up expected|power contract signed|status not disclosed)\b/i],
  [
    "operating",
    /\b(operating|operated|opened|commissioned|launched|built|energi[sz]ed|acquired|started|aggregate row|installed|mining|rigs shipping|processing bitcoin)\b/i,
  ],
];

export function siteStatusFromNote(note: string): SiteStatus | undefined {
  const head = note.trim();
  // The leading word, when it is a state, is the site's current state.
  const lead = /^(operating|closed|sold|planned|development|under (construction|development)|converting|curtailed)/i.exec(head)?.[0]?.toLowerCase();
  if (lead) {
    if (lead.startsWith("operating")) return "operating";
    if (lead === "closed" || lead === "sold") return "closed";
    if (lead === "converting") return "converted";
    if (lead === "curtailed") return "curtailed";
    return "planned";
  }
  return STATUS_RULES.find(([, rule]) => rule.test(head))?.[0];
}

/** Latest year the status note mentions: the "as of" of the stated status. */
export function asOfFromNote(note: string): string | null {
  const years = [...note.matchAll(/\b(20[12]\d)\b/g)].map((m) => Number(m[1]));
  return years.length ? String(Math.max(...years)) : null;
}

/** One row of the curated mining_sites.csv. */
export const SiteCsvRowSchema = z
  .object({
    site: nonEmptyText,
    operator: nonEmptyText,
    country: countryCell,
    region_city: optionalText,
    lat_approx: optionalBoundedDecimalCell(LATITUDE),
    lon_approx: optionalBoundedDecimalCell(LONGITUDE),
    capacity_MW: optionalBoundedDecimalCell(POWER_MW),
    hashrate_EH_s: optionalBoundedDecimalCell(HASHRATE_EH),
    energy_source: optionalText,
    status_note: nonEmptyText,
    certainty: z.enum(certainties),
    source_url: httpUrl,
  })
  .superRefine((row, ctx) => {
    if ((row.lat_approx === null) !== (row.lon_approx === null)) {
      ctx.addIssue({ code: "custom", path: ["lon_approx"], message: "latitude and longitude must both be given or both be empty" });
    }
    if (!siteStatusFromNote(row.status_note)) {
      ctx.addIssue({ code: "custom", path: ["status_note"], message: "does not state a status (operating, planned, curtailed, closed or converted)" });
    }
  });

export type SiteRecord = {
  name: string;
  operator: string;
  countryIso2: string;
  locality: string | null;
  lat: number | null;
  lon: number | null;
  capacityMw: number | null;
  hashrateEh: number | null;
  energySource: string | null;
  status: SiteStatus;
  statusNote: string | null;
  asOf: string | null;
  certainty: string;
  sourceUrl: string;
  /** ISO 3166-2 code of the site's region (lib/geo/site-region.ts); null when neither its point nor its address places it. */
  regionCode: string | null;
  /** How regionCode was found; null with it. */
  regionMethod: SiteRegionMethod | null;
};
