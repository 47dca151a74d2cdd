import fs from "node:fs";
import path from "node:path";
import { allCountries } from "../lib/geo/countries";
import { allRegions } from "../lib/geo/regions";
import type { DatasetContent } from "../lib/db/bulk";
import { parseBlocsCsv, parseShockEventsCsv } from "../lib/io/blocs";
import { CsvFormatError } from "../lib/io/csv";
import { DataValidationError, type RowIssue } from "../lib/io/issues";
import { parseNetworkEventsCsv, parseNetworkMonthlyCsv, parseRetargetsCsv } from "../lib/io/network";
import { parseShockObservationsCsv } from "../lib/io/observations";
import { parseEiaMonthlyCsv, parsePricesCsv } from "../lib/io/prices";
import { parseCbeciCsv, parseEstimateCsv } from "../lib/io/shares";
import { parseSitesCsv } from "../lib/io/sites";
import { parseCnProvinceSharesCsv, parseSubnationalSharesCsv, parseUsStateSharesCsv } from "../lib/io/subnational";
import { BEST_ESTIMATE_DATASET } from "../lib/metrics/best-estimate";
import { type DatasetMeta, DatasetMetaSchema } from "../lib/validation/datasets";

export const DEFAULT_SEED_DIR = path.resolve(process.cwd(), "seed");

/** Where each seeded dataset's rows come from (paths relative to the seed directory). */
export const SEED_FILES = {
  "cbeci-monthly": "data/cbeci_mining_countries_2019-09_2022-01.csv",
  "ccaf-survey-2024": "data/country_shares_2024_2025.csv",
  "hashrate-index-2025": "data/country_shares_2024_2025.csv",
  "minermetrics-2023": "data/country_shares_2022_2024.csv",
  "network-monthly": "data/network_monthly.csv",
  "difficulty-adjustments": "data/difficulty_adjustments.csv",
  "electricity-prices": "data/electricity_prices.csv",
  "eia-us-industrial-monthly": "data/eia_us_industrial_price_monthly.csv",
  "mining-sites": "data/mining_sites.csv",
  "network-events": "data/network_events.csv",
  "shock-observations": "data/shock_observations_2022_2026.csv",
  "subnational-us-states": "data/subnational_us_states.csv",
  "subnational-cn-provinces": "data/subnational_cn_provinces.csv",
  "subnational-2022-2026": "data/subnational_shares_2022_2026.csv",
  blocs: "blocs.csv",
  "shock-events": "shock_events.csv",
} as const;

type Slug = keyof typeof SEED_FILES;

/** Which rows of the estimates files each dataset takes (by publisher) → the month it stores them under. */
const ESTIMATE_PUBLISHERS = { "ccaf-survey-2024": "Cambridge", "hashrate-index-2025": "Hashrate Index", "minermetrics-2023": "MinerMetrics" } as const;

/** Rows naming several countries or a continent cannot be attributed: they stay in the unattributed rest. */
const NOT_ONE_COUNTRY = /\+|\(combined\)|\(region\)/;

function estimatePeriod(slug: keyof typeof ESTIMATE_PUBLISHERS) {
  return (row: { snapshot: string; source_org: string; country: string }): string | null => {
    if (!row.source_org.startsWith(ESTIMATE_PUBLISHERS[slug]) || NOT_ONE_COUNTRY.test(row.country)) return null;
    // "2024-06..09" is a window: store it at its last month. "2025-07 (Q3 start)" → 2025-07.
    const window = /^(\d{4})-(\d{2})\.\.(\d{2})$/.exec(row.snapshot);
    if (window) return `${window[1]}-${window[3]}`;
    return /^\d{4}-\d{2}/.exec(row.snapshot)?.[0] ?? null;
  };
}

export type SeedBundle = { countries: ReturnType<typeof allCountries>; regions: ReturnType<typeof allRegions>; datasets: DatasetContent[] };

/** Read and validate every seed file; throws DataValidationError listing every bad row (file, line, column). */
export function loadSeedBundle(seedDir: string = DEFAULT_SEED_DIR): SeedBundle {
  const issues: RowIssue[] = [];
  const read = (rel: string) => {
    const file = path.join(seedDir, rel);
    if (!fs.existsSync(file)) throw new DataValidationError([{ file: rel, line: 0, column: "(file)", message: "is missing" }]);
    return fs.readFileSync(file, "utf8");
  };
  const collect = <T>(rel: string, parse: (text: string, file: string) => T & { issues: RowIssue[] }): T | undefined => {
    try {
      const result = parse(read(rel), rel);
      issues.push(...result.issues);
      return result;
    } catch (error) {
      if (error instanceof CsvFormatError) {
        issues.push({ file: error.file, line: error.line ?? 0, column: "(row)", message: error.message.replace(/^[^:]+:(\d+:)? /, "") });
        return undefined;
      }
      throw error;
    }
  };

  const metas = new Map<string, DatasetMeta>();
  const metaJson: unknown = JSON.parse(read("datasets.json"));
  if (!Array.isArray(metaJson)) throw new DataValidationError([{ file: "datasets.json", line: 1, column: "(file)", message: "must be an array of datasets" }]);
  metaJson.forEach((entry, index) => {
    const parsed = DatasetMetaSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ file: "datasets.json", line: index + 1, column: issue.path.join("."), message: `dataset #${index + 1}: ${issue.message}` });
      }
    } else if (parsed.data.slug === BEST_ESTIMATE_DATASET) {
      issues.push({
        file: "datasets.json",
        line: index + 1,
        column: "slug",
        message: `"${BEST_ESTIMATE_DATASET}" is built from the other shares datasets, not seeded`,
      });
    } else metas.set(parsed.data.slug, parsed.data);
  });

  const rows: Partial<Record<Slug, Omit<DatasetContent, "meta" | "origin">>> = {
    "cbeci-monthly": { shares: collect(SEED_FILES["cbeci-monthly"], parseCbeciCsv)?.shares },
    "ccaf-survey-2024": {
      shares: collect(SEED_FILES["ccaf-survey-2024"], (t, f) => parseEstimateCsv(t, f, estimatePeriod("ccaf-survey-2024")))?.shares,
    },
    "hashrate-index-2025": {
      shares: collect(SEED_FILES["hashrate-index-2025"], (t, f) => parseEstimateCsv(t, f, estimatePeriod("hashrate-index-2025")))?.shares,
    },
    "minermetrics-2023": {
      shares: collect(SEED_FILES["minermetrics-2023"], (t, f) => parseEstimateCsv(t, f, estimatePeriod("minermetrics-2023")))?.shares,
    },
    "network-monthly": { networkStats: collect(SEED_FILES["network-monthly"], parseNetworkMonthlyCsv)?.stats },
    "difficulty-adjustments": { retargets: collect(SEED_FILES["difficulty-adjustments"], parseRetargetsCsv)?.retargets },
    "electricity-prices": { prices: collect(SEED_FILES["electricity-prices"], parsePricesCsv)?.prices },
    "eia-us-industrial-monthly": {
      prices: collect(SEED_FILES["eia-us-industrial-monthly"], (t, f) =>
        parseEiaMonthlyCsv(t, f, "ELEC.PRICE.US-IND.M", {
          countryIso2: "US",
          priceType: "industrial",
          sourceName: "U.S. EIA Electricity Data Browser, average retail price, industrial (ELEC.PRICE.US-IND.M)",
          sourceUrl: "https://www.eia.gov/electricity/data/browser/#/topic/7?agg=0,1&geo=g&endsec=2&freq=M",
        }),
      )?.prices,
    },
    "mining-sites": { sites: collect(SEED_FILES["mining-sites"], parseSitesCsv)?.sites },
    "network-events": { events: collect(SEED_FILES["network-events"], parseNetworkEventsCsv)?.events },
    "shock-observations": { observations: collect(SEED_FILES["shock-observations"], parseShockObservationsCsv)?.observations },
    "subnational-us-states": { regionalShares: collect(SEED_FILES["subnational-us-states"], parseUsStateSharesCsv)?.regionalShares },
    "subnational-cn-provinces": { regionalShares: collect(SEED_FILES["subnational-cn-provinces"], parseCnProvinceSharesCsv)?.regionalShares },
    "subnational-2022-2026": { regionalShares: collect(SEED_FILES["subnational-2022-2026"], parseSubnationalSharesCsv)?.regionalShares },
    blocs: { blocs: collect(SEED_FILES.blocs, parseBlocsCsv)?.blocs },
    "shock-events": { shocks: collect(SEED_FILES["shock-events"], parseShockEventsCsv)?.shocks },
  };

  for (const slug of Object.keys(SEED_FILES)) {
    if (!metas.has(slug)) issues.push({ file: "datasets.json", line: 0, column: "slug", message: `no dataset "${slug}" is described` });
  }
  if (issues.length > 0) throw new DataValidationError(issues);

  const datasets: DatasetContent[] = [];
  for (const [slug, content] of Object.entries(rows)) {
    const meta = metas.get(slug);
    if (meta) datasets.push({ meta, origin: "seed", ...content });
  }
  return { countries: allCountries(), regions: allRegions(), datasets };
}
