import { locateSite } from "../geo/site-region";
import { type CsvOptions, parseCsv } from "./csv";
import { type RowIssue, validateRecords } from "./issues";
import { SiteCsvRowSchema, type SiteRecord, asOfFromNote, siteStatusFromNote } from "../validation/sites";

/** Parse mining sites in the column layout of the seed's mining_sites.csv. */
export function parseSitesCsv(text: string, file: string, csv: CsvOptions = {}): { sites: SiteRecord[]; issues: RowIssue[] } {
  const { records } = parseCsv(text, file, csv);
  const { rows, issues } = validateRecords(SiteCsvRowSchema, records, file);
  const sites = rows.map(({ value }) => ({
    ...locateSite({ countryIso2: value.country, lat: value.lat_approx, lon: value.lon_approx, locality: value.region_city }),
    name: value.site,
    operator: value.operator,
    countryIso2: value.country,
    locality: value.region_city,
    lat: value.lat_approx,
    lon: value.lon_approx,
    capacityMw: value.capacity_MW,
    hashrateEh: value.hashrate_EH_s,
    energySource: value.energy_source,
    // The schema has already rejected notes without a status.
    status: siteStatusFromNote(value.status_note) ?? "operating",
    statusNote: value.status_note,
    asOf: asOfFromNote(value.status_note),
    certainty: value.certainty,
    sourceUrl: value.source_url,
  }));
  return { sites, issues };
}
