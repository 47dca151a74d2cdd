import type { Distribution } from "../../metrics/distribution";
import type { MetricsReport, SeriesRow, ShockRow } from "../../metrics/report";
import type { NetworkAnswer, PowerPrice, RiskResult, SimulateResult, Site } from "../../validation/responses";
import { scenarioDate } from "../../scenario/scenario";
import type { Row } from "./csv";

// The rows of every export, built from the same values the API answers with. Pure: no IO.

/** What a share-based answer says about its month (lib/services/distribution Provenance). */
type Dated = { ageMonths: number; source: { dataset: string } | null; networkHashrateSource: string | null; networkHashratePeriod: string | null };

export function metricsRows(reports: readonly (MetricsReport & Dated)[]): Row[] {
  return reports.map((m) => ({
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
  }));
}

export function seriesRows(rows: readonly (SeriesRow & { source: string; ageMonths: number })[]): Row[] {
  return rows.map((r) => ({
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
  }));
}

export function shockRows(tables: readonly ({ period: string; rows: readonly ShockRow[] } & Dated)[]): Row[] {
  return tables.flatMap(({ period, rows, source, ageMonths }) =>
    rows.map((r) => ({
      period,
      source_dataset: source?.dataset ?? null,
      age_months: ageMonths,
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
    })),
  );
}

/** One row per country of each period: the distribution's share and EH/s, the metrics' normalised share, price and cost. */
export function distributionRows(periods: readonly { distribution: Distribution & Dated; report: MetricsReport }[]): Row[] {
  return periods.flatMap(({ distribution, report }) => {
    const byIso = new Map(report.countries.map((c) => [c.iso2, c]));
    return distribution.countries.map((c, index) => {
      const m = byIso.get(c.iso2);
      const price = m?.powerPrice ?? null;
      return {
        period: distribution.period,
        source_dataset: distribution.source?.dataset ?? null,
        age_months: distribution.ageMonths,
        rank: index + 1,
        iso2: c.iso2,
        name: c.name,
        share: c.share,
        share_normalised: m?.share ?? null,
        hashrate_eh: c.hashrateEh,
        usd_per_kwh: price?.usdPerKwh ?? null,
        price_type: price?.priceType ?? null,
        price_period: price?.period ?? null,
        price_subdivision: price?.subdivision ?? null,
        price_dataset: price?.dataset ?? null,
        price_source_url: price?.sourceUrl ?? null,
        energy_cost_per_btc_usd: m?.energyCostPerBtcUsd ?? null,
      };
    });
  });
}

export function siteRows(sites: readonly Site[]): Row[] {
  return sites.map((s) => ({
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
  }));
}

export function priceRows(prices: readonly PowerPrice[]): Row[] {
  return prices.map((p) => ({
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
  }));
}

type ScenarioResult = Pick<SimulateResult, "period" | "timeline" | "retargets">;

/**
 * The simulation's daily timeline with its retargets interleaved in time order. Several retargets
 * can fall within one day (after steep falls in difficulty), so each gets its own row. A retarget at
 * exactly day d happened during day d − 1 and comes before day d's row.
 */
export function scenarioRows(result: ScenarioResult): Row[] {
  let difficulty = 1;
  const retargets = result.retargets.map((t) => {
    difficulty *= 1 + t.difficultyChange;
    return { ...t, difficultyAfter: difficulty };
  });
  const rows: Row[] = [];
  let next = 0;
  const pushRetargetsUpTo = (day: number) => {
    for (let t = retargets[next]; t !== undefined && t.day <= day; t = retargets[++next]) {
      rows.push({
        day: t.day,
        date: scenarioDate(result.period, Math.floor(t.day)),
        event: "retarget",
        hashrate_eh: null,
        block_interval_minutes: null,
        difficulty_relative: t.difficultyAfter,
        blocks_mined: null,
        blocks_from_start: t.blocksFromStart,
        difficulty_change: t.difficultyChange,
      });
    }
  };
  for (const d of result.timeline) {
    pushRetargetsUpTo(d.day);
    rows.push({
      day: d.day,
      date: scenarioDate(result.period, d.day),
      event: "day",
      hashrate_eh: d.hashrateEh,
      block_interval_minutes: d.blockIntervalMinutes,
      difficulty_relative: d.difficulty,
      blocks_mined: d.blocksMined,
      blocks_from_start: null,
      difficulty_change: null,
    });
  }
  pushRetargetsUpTo(Number.POSITIVE_INFINITY);
  return rows;
}

/** The network's months and retargets as one table in time order: each month, then the retargets of that month. */
export function networkRows(figures: NetworkAnswer): Row[] {
  const rows = [
    ...figures.months.map((m) => ({
      order: m.period,
      row: { record: "month", period: m.period, hashrate_eh: m.hashrateEh, difficulty: m.difficulty, height: null, time: null, change: null, source: m.source },
    })),
    ...figures.retargets.map((r) => ({
      // After its month's row: "YYYY-MM" sorts before "YYYY-MM|…".
      order: `${r.time.slice(0, 7)}|${r.time}`,
      row: {
        record: "retarget",
        period: r.time.slice(0, 7),
        hashrate_eh: null,
        difficulty: r.difficulty,
        height: r.height,
        time: r.time,
        change: r.change,
        source: r.source,
      },
    })),
  ];
  return rows.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0)).map((r) => r.row);
}

/**
 * The events of a risk assessment with their probability, fraction, source and part of the expected
 * loss, then the countries with theirs (largest first); `heuristics` by event, `names` by ISO code.
 */
export function riskRows(result: RiskResult, heuristics: readonly string[], names: ReadonlyMap<string, string>): Row[] {
  const events = result.events.map((e, i) => ({
    record: "event",
    id: e.id,
    name: e.name,
    kind: e.kind,
    members: e.members.join(" "),
    probability: e.probability,
    fraction: e.fraction,
    is_default: e.isDefault,
    heuristic: heuristics[i] ?? null,
    expected_lost_share: result.contributions.events[i]?.expectedLostShare ?? null,
  }));
  const countries = result.contributions.countries.map((c) => ({
    record: "country",
    id: c.iso2,
    name: names.get(c.iso2) ?? c.iso2,
    kind: null,
    members: null,
    probability: null,
    fraction: null,
    is_default: null,
    heuristic: null,
    expected_lost_share: c.expectedLostShare,
  }));
  return [...events, ...countries];
}
