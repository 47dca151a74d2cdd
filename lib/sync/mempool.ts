import { z } from "zod";
import { BLOCKS_PER_RETARGET, type HashratePoint, type RetargetPoint } from "./derive";
import { parseJsonAnswer, parseShape, request, SourceError } from "./http";

// A mempool-compatible REST API (the open-source mempool backend, which many node runners host):
//   GET <base>/api/v1/mining/hashrate/<period>
//     → { hashrates: [{ timestamp, avgHashrate }], difficulty: [{ time, height, difficulty, adjustment }],
//         currentHashrate, currentDifficulty }   (daily points, H/s; Unix seconds)
//   GET <base>/api/v1/mining/difficulty-adjustments/<period>
//     → [[time, height, difficulty, adjustment], …]   (every difficulty change, newest first)
// `adjustment` is new ÷ previous difficulty (rounded to 6 decimals by the backend); the genesis block
// is listed as height 0 with adjustment 0. The hashrate answer's `difficulty` list is averaged per
// day, so retargets are read from the adjustments list, which gives each one as it happened.

/** The time windows the backend knows, shortest first; any other value means the whole history. */
export const MEMPOOL_PERIODS = ["1m", "3m", "6m", "1y", "2y", "3y", "all"] as const;
export type MempoolPeriod = (typeof MEMPOOL_PERIODS)[number];
const PERIOD_MONTHS: Record<Exclude<MempoolPeriod, "all">, number> = { "1m": 1, "3m": 3, "6m": 6, "1y": 12, "2y": 24, "3y": 36 };

const unixSeconds = z.number().int().nonnegative();

export const HashrateAnswer = z.object({
  hashrates: z.array(z.object({ timestamp: unixSeconds, avgHashrate: z.number().nonnegative() })),
  difficulty: z.array(
    z.object({ time: unixSeconds, height: z.number().int().nonnegative(), difficulty: z.number().positive(), adjustment: z.number().nonnegative() }),
  ),
  currentHashrate: z.number().nonnegative(),
  currentDifficulty: z.number().nonnegative(),
});

export const AdjustmentsAnswer = z.array(z.tuple([unixSeconds, z.number().int().nonnegative(), z.number().positive(), z.number().nonnegative()]));

/** The shortest window that reaches back to `since` (Unix seconds) from `now`; the whole history when nothing is known. */
export function periodCovering(since: number | null, now: Date): MempoolPeriod {
  if (since === null) return "all";
  for (const period of MEMPOOL_PERIODS) {
    if (period === "all") break;
    const months = PERIOD_MONTHS[period];
    const windowStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate(), now.getUTCHours(), now.getUTCMinutes()) / 1000;
    if (windowStart <= since) return period;
  }
  return "all";
}

/** `http://host/` and `http://host` alike; a path prefix (`http://host/mempool`) is kept. */
export function mempoolUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/api/v1/mining/${path}`;
}

async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  const answer = await request(url, url, { headers: { accept: "application/json" } }, timeoutMs);
  if (answer.status < 200 || answer.status > 299) {
    const body = answer.text.trim() ? `: ${answer.text.replace(/\s+/g, " ").trim().slice(0, 80)}` : "";
    throw new SourceError(url, `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ""}${body}`);
  }
  return parseJsonAnswer(answer, url);
}

export type MempoolData = { period: MempoolPeriod; points: HashratePoint[]; retargets: RetargetPoint[] };

/** Daily hashrate points and every retarget since `since` (a window chosen to cover it). */
export async function fetchMempool(base: string, since: number | null, now: Date, timeoutMs: number): Promise<MempoolData> {
  const period = periodCovering(since, now);
  const hashrateUrl = mempoolUrl(base, `hashrate/${period}`);
  const adjustmentsUrl = mempoolUrl(base, `difficulty-adjustments/${period}`);
  const hashrate = parseShape(HashrateAnswer, await getJson(hashrateUrl, timeoutMs), hashrateUrl, "the hashrate answer");
  const adjustments = parseShape(AdjustmentsAnswer, await getJson(adjustmentsUrl, timeoutMs), adjustmentsUrl, "the difficulty-adjustments answer");
  const retargets = adjustments
    // Height 0 is the genesis block, not a retarget; other networks change difficulty between retargets.
    .filter(([, height]) => height > 0 && height % BLOCKS_PER_RETARGET === 0)
    .map(([time, height, difficulty, adjustment]) => ({ time, height, difficulty, adjustment }));
  return { period, points: hashrate.hashrates.map((h) => ({ time: h.timestamp, hashrate: h.avgHashrate })), retargets };
}
