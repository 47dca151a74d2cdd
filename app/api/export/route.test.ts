import { z } from "zod";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { GET as distributionGET } from "@/app/api/distribution/route";
import { GET as metricsGET } from "@/app/api/metrics/route";
import { GET as networkGET } from "@/app/api/network/route";
import { GET as seriesGET } from "@/app/api/metrics/series/route";
import { GET as pricesGET } from "@/app/api/power-prices/route";
import { GET as regionsGET } from "@/app/api/regions/route";
import { GET as shocksGET } from "@/app/api/shocks/route";
import { POST as riskPOST } from "@/app/api/risk/route";
import { POST as simulatePOST } from "@/app/api/simulate/route";
import { GET as sitesGET } from "@/app/api/sites/route";
import { COLUMNS, type Row } from "@/lib/io/export";
import { EXPORT_WHATS, ExportJsonResponse, ExportMetadata, type ExportWhat } from "@/lib/validation/export";
import {
  DistributionResponse,
  MetricsResponse,
  NetworkResponse,
  PowerPricesResponse,
  RegionsResponse,
  RiskResponse,
  SeriesResponse,
  ShocksResponse,
  SimulateResponse,
  SitesResponse,
} from "@/lib/validation/responses";
import { expectFieldError, get, post } from "@/tests/support/api";
import { GET } from "./route";

// Every export is checked against the API answer it claims to be: the CSV is parsed back with
// csv-parse and each cell compared with the API's value, numbers exactly.

async function download(query: string) {
  const response = await GET(new Request(`http://127.0.0.1/api/export?${query}`));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A CSV cell back to its value by the column's declared type (the inverse of the writer). */
function readCell(text: string, type: string): string | number | boolean | null {
  if (text === "") return null;
  if (type === "number" || type === "integer") {
    expect(text, "numbers are plain decimals").toMatch(/^-?\d+(\.\d+)?$/);
    return Number(text);
  }
  if (type === "boolean") return text === "true";
  return /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? text.slice(1) : text;
}

function readCsv(what: ExportWhat, text: string): Row[] {
  const [header, ...records] = z.array(z.array(z.string())).parse(parse(text));
  const columns = COLUMNS[what];
  expect(header).toEqual(columns.map((c) => c.name));
  return records.map((record) => Object.fromEntries(columns.map((c, i) => [c.name, readCell(record[i] ?? "", c.type)])));
}

const body = async <T>(handler: (r: Request) => Promise<Response>, url: string, schema: { parse: (x: unknown) => T }) => {
  const { status, body: b } = await get(handler, url);
  expect(status, url).toBe(200);
  return schema.parse(b);
};

async function periods(): Promise<string[]> {
  return (await body(seriesGET, "/api/metrics/series", SeriesResponse)).rows.map((r) => r.period);
}

const SCENARIO_QUERY = "period=2021-05&shutdown=CN,RU:0.3,EAEU&bie=1150&migrate=0.5,90,30,cheap-power&horizon=120&efficiency=25";
const SCENARIO_BODY = {
  period: "2021-05",
  shutdown: ["CN", { id: "RU", fraction: 0.3 }, "EAEU"],
  blocksIntoEpoch: 1150,
  migration: { fraction: 0.5, days: 90, delayDays: 30, weighting: "cheap-power" },
  horizonDays: 120,
  efficiency: 25,
};

const RISK_QUERY = "period=2022-01&risk=CN:0.3,kz:0.2:0.5,EAEU:0.05&horizon=90&bie=700";
const RISK_BODY = {
  period: "2022-01",
  events: [
    { id: "CN", probability: 0.3 },
    { id: "KZ", probability: 0.2, fraction: 0.5 },
    { id: "EAEU", probability: 0.05 },
  ],
  horizonDays: 90,
  blocksIntoEpoch: 700,
};

/** What each export must hold, built independently from the API's own answers. */
const expected: Record<ExportWhat, { query: string; filename: string; rows: () => Promise<Row[]> }> = {
  regions: {
    query: "what=regions&country=us",
    filename: "hashatlas-regions-best-estimate-2025-10-US-sites",
    rows: async () => {
      const r = await body(regionsGET, "/api/regions?country=US", RegionsResponse);
      const common = { country_iso2: "US", period: r.period, basis: "sites", country_share: r.countryShare, dataset: "mining-sites" };
      const published = {
        source: null,
        source_period: null,
        source_region_name: null,
        source_share_of_country_low: null,
        source_share_of_country_high: null,
        source_share_of_network_low: null,
        source_share_of_network_high: null,
        derived: null,
        certainty: null,
        source_url: null,
      };
      const part = (x: Pick<(typeof r.regions)[number], "shareOfCountry" | "shareOfNetwork" | "capacityMw" | "hashrateEh" | "sites">) => ({
        share_of_country: x.shareOfCountry,
        share_of_network: x.shareOfNetwork,
        capacity_mw: x.capacityMw,
        hashrate_eh: x.hashrateEh,
        sites: x.sites,
      });
      return [
        ...r.regions.map((x) => ({
          record: "region",
          ...common,
          region_code: x.code,
          region_name: x.name,
          ...part(x),
          placed_by_polygon: x.source.basis === "sites" ? x.source.placedByPolygon : null,
          placed_by_address: x.source.basis === "sites" ? x.source.placedByAddress : null,
          ...published,
        })),
        {
          record: "unlocated",
          ...common,
          region_code: null,
          region_name: null,
          ...part(r.remainder),
          placed_by_polygon: null,
          placed_by_address: null,
          ...published,
        },
      ];
    },
  },
  series: {
    query: "what=series&period=all",
    filename: "hashatlas-series-best-estimate-all",
    rows: async () =>
      (await body(seriesGET, "/api/metrics/series", SeriesResponse)).rows.map((r) => ({
        period: r.period,
        source_dataset: r.source,
        age_months: r.ageMonths,
        hhi: r.hhi,
        hhi_upper: r.hhiUpper,
        concentration: r.concentration,
        nakamoto: r.nakamoto,
        effective_jurisdictions: r.effectiveJurisdictions,
        top1: r.top1,
        top_country: r.topCountry,
        unattributed_share: r.unattributedShare,
        network_hashrate_eh: r.networkHashrateEh,
      })),
  },
  metrics: {
    query: "what=metrics&period=all&efficiency=20",
    filename: "hashatlas-metrics-best-estimate-all",
    rows: async () =>
      Promise.all(
        (await periods()).map(async (period) => {
          const m = await body(metricsGET, `/api/metrics?period=${period}&efficiency=20`, MetricsResponse);
          return {
            period: m.period,
            source_dataset: m.source?.dataset ?? null,
            age_months: m.ageMonths,
            network_hashrate_eh: m.networkHashrateEh,
            network_hashrate_source: m.networkHashrateSource,
            network_hashrate_period: m.networkHashratePeriod,
            unattributed_share: m.unattributedShare,
            hhi: m.hhi,
            hhi_upper: m.hhiUpper,
            effective_jurisdictions: m.effectiveJurisdictions,
            concentration: m.concentration,
            nakamoto: m.nakamoto,
            top1: m.top1,
            top3: m.top3,
            entropy_bits: m.entropyBits,
            top_country: m.topCountry,
            efficiency_j_per_th: m.efficiencyJPerTh,
            block_subsidy_btc: m.blockSubsidyBtc,
            kwh_per_btc: m.kwhPerBtc,
          };
        }),
      ),
  },
  shocks: {
    query: "what=shocks&period=all&bie=700",
    filename: "hashatlas-shocks-best-estimate-all",
    rows: async () =>
      (
        await Promise.all(
          (await periods()).map(async (period) => {
            const table = await body(shocksGET, `/api/shocks?period=${period}&blocksIntoEpoch=700`, ShocksResponse);
            return table.rows.map((r) => ({
              period,
              source_dataset: table.source?.dataset ?? null,
              age_months: table.ageMonths,
              kind: r.kind,
              id: r.id,
              name: r.name,
              members: r.members.join(" "),
              lost_share: r.lostShare,
              hashrate_lost_eh: r.hashrateLostEh,
              hhi_after: r.hhiAfter,
              nakamoto_after: r.nakamotoAfter,
              block_interval_minutes: r.blockIntervalMinutes,
              days_to_retarget: r.daysToRetarget,
              difficulty_change: r.difficultyChange,
              majority_country: r.majority?.country ?? null,
              majority_share: r.majority?.share ?? null,
              halted: r.halted,
            }));
          }),
        )
      ).flat(),
  },
  distribution: {
    query: "what=distribution&period=all",
    filename: "hashatlas-distribution-best-estimate-all",
    rows: async () =>
      (
        await Promise.all(
          (await periods()).map(async (period) => {
            const d = await body(distributionGET, `/api/distribution?period=${period}`, DistributionResponse);
            const m = await body(metricsGET, `/api/metrics?period=${period}`, MetricsResponse);
            return d.countries.map((c, i) => {
              const mc = m.countries.find((x) => x.iso2 === c.iso2);
              return {
                period,
                source_dataset: d.source.dataset,
                age_months: d.ageMonths,
                rank: i + 1,
                iso2: c.iso2,
                name: c.name,
                share: c.share,
                share_normalised: mc?.share ?? null,
                hashrate_eh: c.hashrateEh,
                usd_per_kwh: mc?.powerPrice?.usdPerKwh ?? null,
                price_type: mc?.powerPrice?.priceType ?? null,
                price_period: mc?.powerPrice?.period ?? null,
                price_subdivision: mc?.powerPrice?.subdivision ?? null,
                price_dataset: mc?.powerPrice?.dataset ?? null,
                price_source_url: mc?.powerPrice?.sourceUrl ?? null,
                energy_cost_per_btc_usd: mc?.energyCostPerBtcUsd ?? null,
              };
            });
          }),
        )
      ).flat(),
  },
  sites: {
    query: "what=sites",
    filename: "hashatlas-sites-all-datasets",
    rows: async () =>
      (await body(sitesGET, "/api/sites", SitesResponse)).sites.map((s) => ({
        id: s.id,
        name: s.name,
        operator: s.operator,
        country_iso2: s.countryIso2,
        country_name: s.countryName,
        locality: s.locality,
        lat: s.lat,
        lon: s.lon,
        capacity_mw: s.capacityMw,
        hashrate_eh: s.hashrateEh,
        energy_source: s.energySource,
        status: s.status,
        status_note: s.statusNote,
        as_of: s.asOf,
        certainty: s.certainty,
        source_url: s.sourceUrl,
        dataset: s.dataset,
      })),
  },
  prices: {
    query: "what=prices",
    filename: "hashatlas-prices-all-datasets",
    rows: async () =>
      (await body(pricesGET, "/api/power-prices", PowerPricesResponse)).prices.map((p) => ({
        id: p.id,
        country_iso2: p.countryIso2,
        country_name: p.countryName,
        subdivision: p.subdivision,
        usd_per_kwh: p.usdPerKwh,
        price_type: p.priceType,
        period: p.period,
        source_name: p.sourceName,
        source_url: p.sourceUrl,
        certainty: p.certainty,
        note: p.note,
        dataset: p.dataset,
      })),
  },
  network: {
    query: "what=network",
    filename: "hashatlas-network-all",
    rows: async () => {
      const { months, retargets } = await body(networkGET, "/api/network", NetworkResponse);
      const monthRow = (m: (typeof months)[number]) => ({
        record: "month",
        period: m.period,
        hashrate_eh: m.hashrateEh,
        difficulty: m.difficulty,
        height: null,
        time: null,
        change: null,
        source: m.source,
      });
      const retargetRow = (r: (typeof retargets)[number]) => ({
        record: "retarget",
        period: r.time.slice(0, 7),
        hashrate_eh: null,
        difficulty: r.difficulty,
        height: r.height,
        time: r.time,
        change: r.change,
        source: r.source,
      });
      // Retargets before the first month (Dec 2018) come first; each month is followed by its own.
      const before = retargets.filter((r) => r.time.slice(0, 7) < (months[0]?.period ?? ""));
      const after = retargets.filter((r) => r.time.slice(0, 7) > (months.at(-1)?.period ?? ""));
      return [
        ...before.map(retargetRow),
        ...months.flatMap((m) => [monthRow(m), ...retargets.filter((r) => r.time.startsWith(m.period)).map(retargetRow)]),
        ...after.map(retargetRow),
      ];
    },
  },
  risk: {
    query: `what=risk&${RISK_QUERY}`,
    filename: "hashatlas-risk-best-estimate-2022-01-CN-KZ-EAEU",
    rows: async () => {
      const { status, body: b } = await post(riskPOST, "/api/risk", RISK_BODY);
      expect(status).toBe(200);
      const r = RiskResponse.parse(b);
      const names = new Map((await body(distributionGET, "/api/distribution?period=2022-01", DistributionResponse)).countries.map((c) => [c.iso2, c.name]));
      return [
        ...r.events.map((e, i) => ({
          record: "event",
          id: e.id,
          name: e.name,
          kind: e.kind,
          members: e.members.join(" "),
          probability: e.probability,
          fraction: e.fraction,
          is_default: e.isDefault,
          heuristic: "set by the request",
          expected_lost_share: r.contributions.events[i]?.expectedLostShare ?? null,
        })),
        ...r.contributions.countries.map((c) => ({
          record: "country",
          id: c.iso2,
          name: names.get(c.iso2) ?? null,
          kind: null,
          members: null,
          probability: null,
          fraction: null,
          is_default: null,
          heuristic: null,
          expected_lost_share: c.expectedLostShare,
        })),
      ];
    },
  },
  scenario: {
    query: `what=scenario&${SCENARIO_QUERY}`,
    filename: "hashatlas-scenario-best-estimate-2021-05-CN-RU-EAEU",
    rows: async () => {
      const { status, body: b } = await post(simulatePOST, "/api/simulate", SCENARIO_BODY);
      expect(status).toBe(200);
      const r = SimulateResponse.parse(b);
      let difficulty = 1;
      const events = [
        ...r.timeline.map((t) => ({
          order: [t.day, 1] as const,
          row: {
            day: t.day,
            event: "day",
            hashrate_eh: t.hashrateEh,
            block_interval_minutes: t.blockIntervalMinutes,
            difficulty_relative: t.difficulty,
            blocks_mined: t.blocksMined,
            blocks_from_start: null,
            difficulty_change: null,
          },
        })),
        ...r.retargets.map((t) => ({
          order: [t.day, 0] as const,
          row: {
            day: t.day,
            event: "retarget",
            hashrate_eh: null,
            block_interval_minutes: null,
            difficulty_relative: (difficulty *= 1 + t.difficultyChange),
            blocks_mined: null,
            blocks_from_start: t.blocksFromStart,
            difficulty_change: t.difficultyChange,
          },
        })),
      ];
      events.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
      return events.map((e) => {
        const d = new Date(Date.UTC(2021, 4, 1 + Math.floor(e.row.day)));
        return { ...e.row, date: d.toISOString().slice(0, 10) };
      });
    },
  },
};

describe("GET /api/export", () => {
  it("covers every kind of export", () => {
    expect(Object.keys(expected).sort()).toEqual([...EXPORT_WHATS].sort());
  });

  describe.each(EXPORT_WHATS.map((w) => [w] as const))("what=%s", (what) => {
    const spec = expected[what];

    it("CSV: 200, text/csv, an attachment with a meaningful name, and exactly the API's numbers", async () => {
      const { status, headers, text } = await download(spec.query);
      expect(status, text.slice(0, 300)).toBe(200);
      expect(headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(headers.get("content-disposition")).toBe(`attachment; filename="${spec.filename}.csv"`);
      expect(text.endsWith("\r\n")).toBe(true);
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      const rows = readCsv(what, text);
      const want = await spec.rows();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows).toHaveLength(want.length);
      // Exact equality, cell by cell (numbers with Object.is via toEqual).
      rows.forEach((row, i) => expect(row, `row ${i}`).toEqual(want[i]));
    });

    it("JSON: { metadata, rows } with the same rows, numbers as numbers", async () => {
      const csv = readCsv(what, (await download(spec.query)).text);
      const { status, headers, text } = await download(`${spec.query}&format=json`);
      expect(status).toBe(200);
      expect(headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(headers.get("content-disposition")).toBe(`attachment; filename="${spec.filename}.json"`);
      const answer = ExportJsonResponse.parse(JSON.parse(text));
      expect(answer.rows).toEqual(csv);
      expect(answer.metadata.rowCount).toBe(csv.length);
      expect(answer.metadata.columns.map((c) => c.name)).toEqual(COLUMNS[what].map((c) => c.name));
    });

    it("metadata=1: the columns' definitions, the datasets with URL, licence and retrieval date, version and a citation", async () => {
      const { status, headers, text } = await download(`${spec.query}&metadata=1`);
      expect(status).toBe(200);
      expect(headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(headers.get("content-disposition")).toBe(`attachment; filename="${spec.filename}-metadata.json"`);
      const m = ExportMetadata.parse(JSON.parse(text));
      expect(m.what).toBe(what);
      expect(m.app.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(Date.parse(m.generatedAt)).not.toBeNaN();
      expect(m.files).toEqual({ data: `${spec.filename}.csv`, metadata: `${spec.filename}-metadata.json` });
      for (const c of m.columns) expect(c.description.length, c.name).toBeGreaterThan(5);
      expect(m.datasets.length).toBeGreaterThan(0);
      for (const d of m.datasets) {
        expect(d.url, d.slug).toMatch(d.slug === "best-estimate" ? /^\/methodology#best-estimate$/ : /^https?:\/\//);
        expect(d.licence.length, d.slug).toBeGreaterThan(5);
        expect(d.retrievedAt, d.slug).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(m.citation).toContain(d.title);
      }
      expect(m.citation).toMatch(
        new RegExp(
          `^HashAtlas ${m.app.version.replace(/\./g, "\\.")}, ${what} export \\(\\d{4}-\\d{2}-\\d{2}\\), from .+; cite the original sources listed\\.$`,
        ),
      );
    });
  });

  it("states the exact metric definitions of docs/methodology.md#metrics", async () => {
    const m = ExportMetadata.parse(JSON.parse((await download("what=metrics&metadata=1")).text));
    const def = (name: string) => m.columns.find((c) => c.name === name)?.description ?? "";
    expect(def("hhi")).toContain("10 000 · Σ_c s_c² over attributed countries (the unattributed mass counts as fully dispersed)");
    expect(def("hhi_upper")).toContain("hhi + 10 000 · u² (as if the unattributed mass were one jurisdiction)");
    expect(def("effective_jurisdictions")).toContain("10 000 / hhi");
    expect(def("concentration")).toContain("low if hhi < 1000, moderate if 1000 ≤ hhi ≤ 1800, high if hhi > 1800");
    expect(def("nakamoto")).toContain("the smallest k such that the k largest attributed shares sum to more than 0.5");
    expect(def("entropy_bits")).toContain("−Σ s_c log2 s_c over attributed countries");
  });

  it("names the datasets a file draws on: shares and blocs for shocks, the price datasets for distribution", async () => {
    const slugs = async (q: string) => ExportMetadata.parse(JSON.parse((await download(`${q}&metadata=1`)).text)).datasets.map((d) => d.slug);
    // The best estimate names the dataset each month is taken from.
    expect(await slugs("what=shocks&period=2021-05")).toEqual(["best-estimate", "cbeci-monthly", "blocs"]);
    expect(await slugs("what=shocks&period=2021-05&dataset=cbeci-monthly")).toEqual(["cbeci-monthly", "blocs"]);
    expect(await slugs("what=series")).toEqual(["best-estimate", "cbeci-monthly", "minermetrics-2023", "hashrate-index-2025", "network-monthly"]);
    const distribution = await slugs("what=distribution&period=2022-01&dataset=cbeci-monthly");
    expect(distribution[0]).toBe("cbeci-monthly");
    expect(distribution).toContain("eia-us-industrial-monthly");
    // The survey has no absolute figures: its EH/s come from the network-monthly dataset.
    expect(await slugs("what=series&dataset=ccaf-survey-2024")).toEqual(["ccaf-survey-2024", "network-monthly"]);
    expect(await slugs("what=sites")).toEqual(["mining-sites"]);
    expect(await slugs("what=network")).toEqual(["network-monthly", "difficulty-adjustments"]);
  });

  it("defaults to the latest month for one-month exports and to every month for series", async () => {
    const all = await periods();
    const latest = all.at(-1);
    const metrics = await download("what=metrics");
    expect(metrics.headers.get("content-disposition")).toContain(`hashatlas-metrics-best-estimate-${latest}.csv`);
    expect(readCsv("metrics", metrics.text).map((r) => r.period)).toEqual([latest]);
    expect(readCsv("series", (await download("what=series")).text)).toHaveLength(all.length);
    expect(readCsv("series", (await download("what=series&period=2021-05")).text).map((r) => r.period)).toEqual(["2021-05"]);
  });

  it("network: one month's row and its retargets, the change as a fraction (3 July 2021: −27.94 % → −0.2794)", async () => {
    const { headers, text } = await download("what=network&period=2021-07");
    expect(headers.get("content-disposition")).toContain('filename="hashatlas-network-2021-07.csv"');
    const rows = readCsv("network", text);
    expect(rows.map((r) => [r.record, r.time])).toEqual([
      ["month", null],
      ["retarget", "2021-07-03T06:34:06Z"],
      ["retarget", "2021-07-17T23:32:17Z"],
      ["retarget", "2021-07-31T04:35:26Z"],
    ]);
    expect(rows[0]).toMatchObject({ period: "2021-07", source: "network-monthly" });
    expect(rows[1]).toMatchObject({ period: "2021-07", height: 689472, change: -0.2794, difficulty: 14363025673659.96, source: "difficulty-adjustments" });
  });

  it("regions on the published basis: the source, its period and its own figures on every row; basis, coverage and estimate in the metadata", async () => {
    const { headers, text } = await download("what=regions&country=CN");
    expect(headers.get("content-disposition")).toContain('filename="hashatlas-regions-best-estimate-2025-10-CN-published.csv"');
    const rows = readCsv("regions", text);
    expect(rows.map((r) => [r.record, r.region_code])).toEqual([
      ["region", "CN-XJ"],
      ["region", "CN-SC"],
      ["region", "CN-NM"],
      ["region", "CN-YN"],
      ["region", "CN-BJ"],
      ["unnamed", null],
    ]);
    expect(rows[0]).toMatchObject({
      basis: "published",
      source: "Cambridge CCAF CBECI Mining Map",
      source_region_name: "Xinjiang",
      source_share_of_country_low: null,
      source_share_of_network_low: 0.3576,
      derived: true,
      dataset: "subnational-cn-provinces",
      source_url: "https://btcethereum.com/blog/?p=103915",
    });
    const api = await body(regionsGET, "/api/regions?country=CN", RegionsResponse);
    expect(rows[0]?.share_of_country).toBe(api.regions[0]?.shareOfCountry);
    expect(rows[0]?.share_of_network).toBe(api.regions[0]?.shareOfNetwork);
    const m = ExportMetadata.parse(JSON.parse((await download("what=regions&country=CN&metadata=1")).text));
    expect(m.query).toEqual({ what: "regions", country: "CN", basis: "published", dataset: "best-estimate", period: "2025-10", format: "csv" });
    expect(m.regions).toMatchObject({
      basis: "published",
      coverage: 0,
      countryShare: 0.14,
      published: { source: "Cambridge CCAF CBECI Mining Map", derived: true },
    });
    expect(m.regions).not.toHaveProperty("regions");
    // The shares, the month the derivation divides by, the network hashrate, the sites and the estimate.
    expect(m.datasets.map((d) => d.slug)).toEqual([
      "best-estimate",
      "hashrate-index-2025",
      "cbeci-monthly",
      "network-monthly",
      "mining-sites",
      "subnational-cn-provinces",
    ]);
  });

  it("accepts a whole dashboard query string (map-only parameters are ignored)", async () => {
    const { status } = await download(`what=scenario&${SCENARIO_QUERY}&layer=cost&country=US&view=10,20,3&btc=90000&simulate=1`);
    expect(status).toBe(200);
  });

  it.each([
    ["what=nope", "what", 400],
    ["", "what", 400],
    ["what=series&format=xml", "format", 400],
    ["what=series&period=2021-13", "period", 400],
    ["what=metrics&period=2030-01", "period", 404],
    ["what=shocks&period=2030-01", "period", 404],
    ["what=series&dataset=unknown", "dataset", 404],
    ["what=series&dataset=Bad_Slug", "dataset", 400],
    ["what=series&dataset=mining-sites", "dataset", 400],
    ["what=sites&dataset=cbeci-monthly", "dataset", 400],
    ["what=prices&dataset=unknown", "dataset", 404],
    ["what=sites&period=2021-05", "period", 400],
    ["what=series&metadata=yes", "metadata", 400],
    ["what=metrics&efficiency=0", "efficiency", 400],
    ["what=metrics&efficiency=abc", "efficiency", 400],
    ["what=shocks&bie=2016", "bie", 400],
    ["what=series&formatt=csv", "formatt", 400],
    ["what=series&what=shocks", "what", 400],
    ["what=scenario&period=2021-05", "shutdown", 400],
    ["what=scenario&period=all&shutdown=CN", "period", 400],
    ["what=scenario&shutdown=CN:1.5", "shutdown", 400],
    ["what=scenario&shutdown=CN,,RU", "shutdown", 400],
    ["what=scenario&shutdown=XX", "shutdown.0", 400],
    ["what=scenario&shutdown=CN&migrate=0.5,90", "migrate", 400],
    ["what=scenario&shutdown=CN&migrate=0.5,90,30,teleport", "migrate", 400],
    ["what=scenario&shutdown=CN&horizon=0", "horizon", 400],
    ["what=scenario&shutdown=CN&period=2030-01", "period", 404],
    ["what=network&period=2030-01", "period", 404],
    ["what=network&dataset=network-monthly", "dataset", 400],
    ["what=risk&period=all", "period", 400],
    ["what=risk&risk=CN", "risk", 400],
    ["what=risk&risk=CN:1.5", "risk", 400],
    ["what=risk&risk=ZZ:0.1", "events.0.id", 400],
    ["what=risk&draws=10", "draws", 400],
    ["what=risk&seed=-1", "seed", 400],
    ["what=risk&horizon=0", "horizon", 400],
    ["what=risk&period=2030-01", "period", 404],
    ["what=regions", "country", 400],
    ["what=regions&country=USA", "country", 400],
    ["what=regions&country=US&period=all", "period", 400],
    ["what=regions&country=US&basis=cheap", "basis", 400],
    ["what=metrics&basis=sites", "basis", 400],
    ["what=regions&country=ZZ", "country", 404],
    ["what=regions&country=CN&basis=sites", "basis", 422],
  ])("answers %j with a %s error (%i)", async (query, field, status) => {
    expectFieldError(await get(GET, `/api/export?${query}`), status, field);
  });
});
