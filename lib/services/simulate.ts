import type { Concentration } from "../metrics/concentration";
import { kwhPerBtc } from "../metrics/energy";
import { chosenPrices } from "../metrics/prices";
import type { ShutdownItem } from "../metrics/shock";
import { blockSubsidyForPeriod } from "../metrics/subsidy";
import { simulate } from "../simulate/simulate";
import { memo } from "../db/data-version";
import { allBlocs, countryNames } from "../db/reference";
import type { Scenario, ScenarioItem } from "../scenario/scenario";
import { periodDistribution, provenanceOf } from "./distribution";
import { storedPriceRows } from "./stored-data";
import { InvalidInput, Unprocessable } from "./errors";
import { toMetricDistribution } from "./metrics";

const significant = (x: number) => (x === 0 ? 0 : Number(x.toPrecision(6)));

export type ResolvedItem = { id: string; kind: "country" | "bloc"; name: string; fraction: number; members: string[] };

/**
 * Countries and blocs named by a scenario → what goes dark; an unknown name is refused naming its
 * position (`field` of its index: shutdown.N, or events.N.id for a risk request).
 */
export async function resolveShutdown(items: readonly ScenarioItem[], field: (index: number) => string = (i) => `shutdown.${i}`): Promise<ResolvedItem[]> {
  const [names, blocs] = await Promise.all([countryNames(), allBlocs()]);
  return items.map(({ id, fraction }, index) => {
    const code = id.toUpperCase();
    const country = /^[A-Z]{2}$/.test(code) ? names.get(code) : undefined;
    if (country) return { id: code, kind: "country", name: country, fraction, members: [code] };
    const bloc = blocs.find((b) => b.id === code);
    if (bloc) return { id: bloc.id, kind: "bloc", name: bloc.name, fraction, members: bloc.members };
    throw new InvalidInput(`${field(index)}: "${id}" is neither an ISO country code nor a bloc (${blocs.map((b) => b.id).join(", ")})`, field(index));
  });
}

/** A concentration the simulation already computed, with the network's electricity per BTC. */
function summarise(m: Concentration | null, networkHashrateEh: number | null, efficiency: number, subsidy: number) {
  return {
    hhi: m?.hhi ?? null,
    nakamoto: m?.nakamoto ?? null,
    topCountry: m?.topCountry ?? null,
    top1: m?.top1 ?? 0,
    networkHashrateEh,
    kwhPerBtc: networkHashrateEh ? kwhPerBtc(networkHashrateEh, efficiency, subsidy) : null,
  };
}

/** The comparable power price per country for a month, which "cheap-power" migration weighs by. */
function usdPerKwhFor(period: string): Promise<ReadonlyMap<string, number>> {
  return memo(`usd-per-kwh:${period}`, async () => new Map([...chosenPrices(await storedPriceRows(), period)].map(([iso2, p]) => [iso2, p.usdPerKwh])));
}

export async function runSimulation(body: Scenario) {
  const distribution = await periodDistribution(body.dataset, body.period);
  if (distribution.networkHashrateEh === null || distribution.networkHashrateEh <= 0) {
    throw new Unprocessable(`no network hashrate is known for ${body.period}, so the network cannot be simulated`, "period");
  }
  const names = await countryNames();
  for (const [i, code] of (body.migration?.destinations ?? []).entries()) {
    if (!names.has(code.toUpperCase()))
      throw new InvalidInput(`migration.destinations.${i}: "${code}" is not an ISO country code`, `migration.destinations.${i}`);
  }
  const resolved = await resolveShutdown(body.shutdown);
  const shutdown: ShutdownItem[] = resolved.flatMap((r) => r.members.map((country) => ({ country, fraction: r.fraction })));
  const prices = await usdPerKwhFor(body.period);
  const input = toMetricDistribution(distribution);
  const h0 = distribution.networkHashrateEh;
  const result = simulate({
    distribution: input,
    shutdown,
    networkHashrateEh: h0,
    blocksIntoEpoch: body.blocksIntoEpoch,
    migration: body.migration ? { ...body.migration, destinations: body.migration.destinations?.map((d) => d.toUpperCase()) } : null,
    powerPrices: prices,
    horizonDays: body.horizonDays,
  });
  const subsidy = blockSubsidyForPeriod(body.period);
  const { survivors, ...shock } = result.shock;
  const afterEh = shock.halted ? 0 : h0 * (1 - shock.lostShare);
  return {
    period: distribution.period,
    dataset: distribution.dataset,
    ...provenanceOf(distribution),
    shutdown: resolved,
    before: summarise(result.before, h0, body.efficiency, subsidy),
    after: {
      ...summarise(result.after, afterEh, body.efficiency, subsidy),
      shares: survivors.countries,
      unattributedShare: survivors.unattributed,
    },
    end: {
      hhi: result.end.hhi,
      nakamoto: result.end.nakamoto,
      topCountry: result.end.topCountry,
      top1: result.end.shares[0]?.share ?? 0,
      networkHashrateEh: result.end.hashrateEh,
      kwhPerBtc: result.end.hashrateEh > 0 ? kwhPerBtc(result.end.hashrateEh, body.efficiency, subsidy) : null,
      shares: result.end.shares,
      unattributedShare: result.end.unattributedShare,
    },
    lostShare: shock.lostShare,
    hashrateLostEh: shock.hashrateLostEh,
    blockIntervalMinutes: shock.blockIntervalMinutes,
    daysToRetarget: shock.daysToRetarget,
    difficultyChange: shock.difficultyChange,
    majority: shock.majority,
    halted: shock.halted,
    horizonDays: result.horizonDays,
    recoveryDay: result.recoveryDay,
    migratedEh: result.migratedEh,
    retargets: result.retargets,
    // Six significant digits are beyond what the model knows, and make the answer a third the size.
    timeline: result.timeline.map((t) => ({
      day: t.day,
      hashrateEh: significant(t.hashrateEh),
      blockIntervalMinutes: t.blockIntervalMinutes === null ? null : significant(t.blockIntervalMinutes),
      difficulty: significant(t.difficulty),
      blocksMined: significant(t.blocksMined),
    })),
  };
}
