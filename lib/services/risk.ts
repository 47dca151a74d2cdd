import { listDatasets } from "../db/datasets";
import { memo } from "../db/data-version";
import { allBlocs, allShockEvents } from "../db/reference";
import { defaultBlocEvent, defaultCountryEvent, type ShockRecord, shockRecord } from "../risk/defaults";
import { riskOf } from "../risk/model";
import type { RiskRequest } from "../risk/schema";
import type { RiskResult } from "../validation/responses/risk";
import { type PeriodDistribution, periodDistribution } from "./distribution";
import { toMetricDistribution } from "./metrics";
import { resolveShutdown } from "./simulate";

// POST /api/risk and the risk export (docs/methodology.md#jurisdiction-risk): the month's shares
// through the one distribution lookup, the events resolved to countries and blocs (the simulator's
// resolution: an unknown id is refused naming events.N.id), the pure model, the answer.

type RiskEventUsed = RiskResult["events"][number];

/** The answer, and for each event the rule its probability comes from (the export's heuristic column). */
export type RiskAssessment = { result: RiskResult; heuristics: string[] };

/** The recorded shocks and the window they cover, per data version. */
function recordedShocks(): Promise<ShockRecord> {
  return memo("risk:shock-record", async () => {
    const [shocks, datasets] = await Promise.all([allShockEvents(), listDatasets("shocks")]);
    return shockRecord(
      shocks,
      datasets.map((d) => d.retrievedAt),
    );
  });
}

const SET_BY_REQUEST = "set by the request";

/** Every country with a share in the month and every bloc, each at its heuristic default. */
async function defaultEvents(d: PeriodDistribution, horizonDays: number): Promise<{ events: RiskEventUsed[]; heuristics: string[] }> {
  const [record, blocs] = await Promise.all([recordedShocks(), allBlocs()]);
  const countries = d.countries
    .filter((c) => c.share > 0)
    .map((c) => ({ event: { id: c.iso2, kind: "country" as const, name: c.name, members: [c.iso2] }, rule: defaultCountryEvent(c.iso2, record, horizonDays) }));
  const blocRows = blocs.map((b) => ({ event: { id: b.id, kind: "bloc" as const, name: b.name, members: b.members }, rule: defaultBlocEvent(horizonDays) }));
  const all = [...countries, ...blocRows];
  return {
    events: all.map(({ event, rule }) => ({ ...event, probability: rule.probability, fraction: rule.fraction, isDefault: true })),
    heuristics: all.map(({ rule }) => rule.heuristic),
  };
}

/**
 * The events a request lists, resolved; exactly those are used. A listed event that equals its
 * default (the dashboard sends every row, most unchanged) is marked as the default, with its rule.
 */
async function requestedEvents(body: RiskRequest): Promise<{ events: RiskEventUsed[]; heuristics: string[] }> {
  const [resolved, record] = await Promise.all([resolveShutdown(body.events, (i) => `events.${i}.id`), recordedShocks()]);
  const rows = resolved.map((r, i) => {
    const probability = body.events[i]?.probability ?? 0;
    const rule = r.kind === "bloc" ? defaultBlocEvent(body.horizonDays) : defaultCountryEvent(r.id, record, body.horizonDays);
    const isDefault = Math.abs(rule.probability - probability) < 1e-9 && Math.abs(rule.fraction - r.fraction) < 1e-9;
    return {
      event: { id: r.id, kind: r.kind, name: r.name, members: r.members, probability, fraction: r.fraction, isDefault },
      heuristic: isDefault ? rule.heuristic : SET_BY_REQUEST,
    };
  });
  return { events: rows.map((r) => r.event), heuristics: rows.map((r) => r.heuristic) };
}

export async function assessRisk(body: RiskRequest): Promise<RiskAssessment> {
  const d = await periodDistribution(body.dataset, body.period);
  // A request that lists no events gets the defaults; one that lists events gets exactly those.
  const { events, heuristics } = body.events.length > 0 ? await requestedEvents(body) : await defaultEvents(d, body.horizonDays);
  const figures = riskOf({
    distribution: toMetricDistribution(d),
    events,
    blocksIntoEpoch: body.blocksIntoEpoch,
    draws: body.draws,
    seed: body.seed,
  });
  const { contributions, ...rest } = figures;
  const result: RiskResult = {
    period: d.period,
    dataset: d.dataset,
    asOf: d.asOf,
    ageMonths: d.ageMonths,
    stale: d.stale,
    source: d.source,
    horizonDays: body.horizonDays,
    blocksIntoEpoch: body.blocksIntoEpoch,
    events,
    ...rest,
    contributions: {
      events: events.map((e, i) => ({ id: e.id, expectedLostShare: contributions.events[i] ?? 0 })),
      countries: contributions.countries,
    },
  };
  return { result, heuristics };
}

/** POST /api/risk's answer. */
export async function runRisk(body: RiskRequest): Promise<RiskResult> {
  return (await assessRisk(body)).result;
}
