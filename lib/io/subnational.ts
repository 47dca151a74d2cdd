import { parseCsv } from "./csv";
import { type RowIssue, validateRecords } from "./issues";
import { CnProvinceShareRowSchema, type RegionalShareRecord, SubnationalShareRowSchema, UsStateShareRowSchema } from "../validation/subnational";

// The three layouts of published sub-national shares (seed/data/subnational_*.csv), each validated row by row
// (file, line, column in each issue) into the one record the RegionalShare table holds.

type Parsed = { regionalShares: RegionalShareRecord[]; issues: RowIssue[] };

/** subnational_us_states.csv: each share is of US hashrate; the method column says whose (CCAF's sample, Foundry's pool). */
export function parseUsStateSharesCsv(text: string, file: string): Parsed {
  const { rows, issues } = validateRecords(UsStateShareRowSchema, parseCsv(text, file).records, file);
  const regionalShares = rows.map(({ value: v }) => ({
    periodLabel: v.period.label,
    periodStart: v.period.start,
    periodEnd: v.period.end,
    countryIso2: "US",
    regionCode: v.state.code,
    regionName: v.state.name,
    shareOfCountryLow: v.share_of_us_pct.low,
    shareOfCountryHigh: v.share_of_us_pct.high,
    shareOfNetworkLow: null,
    shareOfNetworkHigh: null,
    basis: /^share of/i.test(v.method) ? v.method : `share of US hashrate (${v.method})`,
    sourceOrg: v.source_org,
    method: v.method,
    certainty: v.certainty,
    sourceUrl: v.source_url,
    note: v.note,
  }));
  return { regionalShares, issues };
}

/** subnational_cn_provinces.csv: share_basis says whether a share is of global or of China's hashrate; it goes in that column only. */
export function parseCnProvinceSharesCsv(text: string, file: string): Parsed {
  const { rows, issues } = validateRecords(CnProvinceShareRowSchema, parseCsv(text, file).records, file);
  const regionalShares = rows.map(({ value: v }) => {
    const ofNetwork = v.share_basis === "of_global_hashrate";
    return {
      periodLabel: v.period.label,
      periodStart: v.period.start,
      periodEnd: v.period.end,
      countryIso2: "CN",
      regionCode: v.province.code,
      regionName: v.province.name,
      shareOfCountryLow: ofNetwork ? null : v.share_pct.low,
      shareOfCountryHigh: ofNetwork ? null : v.share_pct.high,
      shareOfNetworkLow: ofNetwork ? v.share_pct.low : null,
      shareOfNetworkHigh: ofNetwork ? v.share_pct.high : null,
      basis: ofNetwork ? "share of global hashrate" : "share of China's hashrate",
      sourceOrg: v.source_org,
      method: v.method,
      certainty: v.certainty,
      sourceUrl: v.source_url,
      note: v.note,
    };
  });
  return { regionalShares, issues };
}

/** subnational_shares_2022_2026.csv: both share columns as the file gives them, the basis in the source's words. */
export function parseSubnationalSharesCsv(text: string, file: string): Parsed {
  const { rows, issues } = validateRecords(SubnationalShareRowSchema, parseCsv(text, file).records, file);
  const regionalShares = rows.map(({ value: v }) => ({
    periodLabel: v.period.label,
    periodStart: v.period.start,
    periodEnd: v.period.end,
    countryIso2: v.country,
    regionCode: v.region_code,
    regionName: v.region_name,
    shareOfCountryLow: v.share_of_country_pct?.low ?? null,
    shareOfCountryHigh: v.share_of_country_pct?.high ?? null,
    shareOfNetworkLow: v.share_of_network_pct?.low ?? null,
    shareOfNetworkHigh: v.share_of_network_pct?.high ?? null,
    basis: v.basis,
    sourceOrg: v.source_org,
    method: null,
    certainty: v.certainty,
    sourceUrl: v.source_url,
    note: v.note,
  }));
  return { regionalShares, issues };
}
