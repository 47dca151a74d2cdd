import { type BacktestData, type Backtests, type NotBacktested, planBacktests, runBacktest, summarise } from "../backtest";
import { DEFAULT_EFFICIENCY_J_PER_TH } from "../metrics/energy";
import { MetricsError } from "../metrics/errors";
import { BEST_ESTIMATE_DATASET } from "../metrics/best-estimate";
import { memo } from "../db/data-version";
import { networkEventRows, shockObservations } from "../db/events";
import { networkMonths, networkRetargets } from "../db/network";
import { allShockEvents, countryNames } from "../db/reference";
import { DEFAULT_SHARES_DATASET } from "../scenario/limits";
import { listDatasets } from "./datasets";
import { periodDistribution, sharesPeriods } from "./distribution";
import { toMetricDistribution } from "./metrics";

// The simulator against the shocks that really happened (docs/methodology.md#backtests), computed
// once per data version: the methodology page and GET /api/backtests read the same answer.

/** The default dataset's months first, then every other whole-network shares dataset's (the fallback for a shock before the default's first month). */
async function sharesCandidates() {
  const others = (await listDatasets("shares")).filter(
    (d) => d.coverage === "network" && d.slug !== DEFAULT_SHARES_DATASET && d.slug !== BEST_ESTIMATE_DATASET,
  );
  const all = await Promise.all([DEFAULT_SHARES_DATASET, ...others.map((d) => d.slug)].map((slug) => sharesPeriods(slug).catch(() => null)));
  return all.flatMap((p) => (p ? [{ dataset: p.dataset, periods: p.periods }] : []));
}

export function backtests(): Promise<Backtests> {
  return memo("backtests", async () => {
    const [observations, networkEvents, shockEvents, retargets, months, names, candidates] = await Promise.all([
      shockObservations(),
      networkEventRows(),
      allShockEvents(),
      networkRetargets(),
      networkMonths(),
      countryNames(),
      sharesCandidates(),
    ]);
    const data: BacktestData = {
      observations,
      networkEvents,
      shockEvents,
      retargets,
      networkMonths: months,
      countryNames: names,
      efficiencyJPerTh: DEFAULT_EFFICIENCY_J_PER_TH,
    };
    const { plans, notBacktested } = planBacktests(data, candidates);
    const skipped: NotBacktested[] = [...notBacktested];
    const rows = [];
    for (const plan of plans) {
      const d = await periodDistribution(plan.choice.dataset, plan.choice.period);
      if (d.networkHashrateEh === null || d.networkHashrateEh <= 0) {
        skipped.push({ id: plan.case.id, name: plan.name, date: plan.start, reason: `no network hashrate is known for ${d.period}` });
        continue;
      }
      const month = {
        dataset: d.dataset,
        period: d.period,
        source: d.source.dataset,
        distribution: toMetricDistribution(d),
        networkHashrateEh: d.networkHashrateEh,
      };
      try {
        const result = runBacktest(plan, month, data);
        if ("scenario" in result) rows.push(result);
        else skipped.push(result);
      } catch (error) {
        // A month the simulator refuses (e.g. an imported one with no weight) leaves that shock out, not the whole answer.
        if (!(error instanceof MetricsError)) throw error;
        skipped.push({ id: plan.case.id, name: plan.name, date: plan.start, reason: `the shares of ${d.period} cannot be simulated: ${error.message}` });
      }
    }
    return summarise(rows, skipped);
  });
}
