import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseBlocsCsv, parseShockEventsCsv } from "../lib/io/blocs";
import type { MetricDistribution } from "../lib/metrics/concentration";
import { CBECI_2021_05 } from "../lib/metrics/fixtures";
import { defaultBlocEvent, defaultCountryEvent, shockRecord } from "../lib/risk/defaults";
import { DEFAULT_RISK_DRAWS, DEFAULT_RISK_HORIZON_DAYS } from "../lib/risk/limits";
import { riskOf, type RiskModelEvent } from "../lib/risk/model";
import { compareRoutes, type Figure, throughputFigure } from "./lib";

const seed = path.resolve(__dirname, "..", "seed");

/** Every country with a share and every seeded bloc, each at its default probability (the request with `events: []`). */
function defaultEvents(distribution: MetricDistribution): RiskModelEvent[] {
  const read = (file: string) => fs.readFileSync(path.join(seed, file), "utf8");
  const { blocs } = parseBlocsCsv(read("blocs.csv"), "blocs.csv");
  const { shocks } = parseShockEventsCsv(read("shock_events.csv"), "shock_events.csv");
  const record = shockRecord(shocks, ["2026-11-26"]);
  return [
    ...distribution.countries
      .filter((c) => c.weight > 0)
      .map((c) => ({ members: [c.country], ...defaultCountryEvent(c.country, record, DEFAULT_RISK_HORIZON_DAYS) })),
    ...blocs.map((b) => ({ members: b.members, ...defaultBlocEvent(DEFAULT_RISK_HORIZON_DAYS) })),
  ];
}

/** A synthetic month in which 249 countries (codes AA … JO) hold a share: about the most a month could ask. */
function worldDistribution(): MetricDistribution {
  const codes = Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))).slice(0, 249);
  return { countries: codes.map((country, i) => ({ country, weight: 1 + (i % 13) })), unattributed: 5 };
}

function medianOf(run: () => void, warmups: number, runs: number): { p50: number; max: number } {
  for (let i = 0; i < warmups; i++) run(); // JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)] ?? Number.NaN, max: times.at(-1) ?? Number.NaN };
}

/** Issue 13: Monte Carlo of 100 000 draws over every country with a share and every bloc, in-process. */
export function riskInProcessBench(runs = 15): Figure[] {
  const month = CBECI_2021_05;
  const events = defaultEvents(month);
  const sample = (distribution: MetricDistribution, list: RiskModelEvent[]) => () =>
    riskOf({ distribution, events: list, blocksIntoEpoch: 0, draws: DEFAULT_RISK_DRAWS, seed: 1 }, { forceMonteCarlo: true });
  const monthTime = medianOf(sample(month, events), 3, runs);
  const world = worldDistribution();
  const worldEvents = defaultEvents(world);
  const worldTime = medianOf(sample(world, worldEvents), 2, Math.max(3, Math.floor(runs / 3)));
  return [
    {
      name: `Monte Carlo, ${DEFAULT_RISK_DRAWS} draws, every country with a share (May 2021, ${month.countries.length}) and every bloc at the defaults, in-process (median of ${runs})`,
      value: Number(monthTime.p50.toFixed(3)),
      unit: "ms",
      target: "< 100 ms",
      met: monthTime.p50 < 100,
      note: `${events.length} events; slowest run ${monthTime.max.toFixed(1)} ms`,
    },
    {
      name: `The same with ${world.countries.length} countries holding a share (synthetic month)`,
      value: Number(worldTime.p50.toFixed(3)),
      unit: "ms",
      target: "no target (reported for context)",
      met: null,
      note: `${worldEvents.length} events; slowest run ${worldTime.max.toFixed(1)} ms`,
    },
  ];
}

/** Issue 13: POST /api/risk vs the trivial route, same load, same run. */
export async function riskHttpBench(baseUrl: string, budget: { seconds: number; rounds: number }): Promise<Figure[]> {
  const options = { seconds: budget.seconds, connections: 10, rounds: budget.rounds };
  const request = (chinaProbability: number) =>
    JSON.stringify({
      period: "2022-01",
      events: [
        { id: "CN", probability: chinaProbability },
        { id: "KZ", probability: 0.2, fraction: 0.5 },
        { id: "EAEU", probability: 0.05 },
        { id: "US", probability: 0.02, fraction: 0.25 },
      ],
    });
  const repeated = await compareRoutes(baseUrl, "/api/version", "/api/risk", { ...options, candidateBody: request(0.3) });
  // Every request new: the month's defaults are resolved and the model run each time.
  let n = 0;
  const fresh = await compareRoutes(baseUrl, "/api/version", "/api/risk", {
    ...options,
    candidateBody: () => JSON.stringify({ period: "2022-01", events: [], seed: ++n }),
  });
  return [
    throughputFigure(
      "POST /api/risk throughput (four events)",
      repeated,
      0.8,
      "one request repeated (a shared link): after the first it is served from the per-data-version cache",
    ),
    throughputFigure(
      "POST /api/risk throughput, a new request every time (no cache hit)",
      fresh,
      null,
      `${n} distinct requests with the month's defaults, each assessed exactly, serialised and cached`,
    ),
  ];
}
