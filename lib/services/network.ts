import { type NetworkMonth, networkMonths, networkRetargets } from "../db/network";
import { changeFraction, inMonthRange, isoUtc } from "../metrics/network";

// The network's own figures to the latest month (GET /api/network, the methodology chart, exports):
// monthly hashrate and difficulty and every retarget, merged from the seeded datasets and whatever
// `npm run sync` or an import added (lib/db/network.ts says which dataset wins a month).

export type { NetworkMonth };

/** A month range; an open end is unbounded. Both ends are YYYY-MM, already validated. */
export type MonthRange = { from?: string; to?: string };

export type RetargetFigure = {
  height: number;
  /** ISO 8601, UTC. */
  time: string;
  difficulty: number;
  /** New ÷ previous difficulty − 1. */
  change: number;
  source: string;
};

export type NetworkFigures = { months: NetworkMonth[]; retargets: RetargetFigure[] };

/** The network months and the retargets whose UTC month lies in the range, oldest first. */
export async function networkFigures(range: MonthRange = {}): Promise<NetworkFigures> {
  const [months, retargets] = await Promise.all([networkMonths(), networkRetargets()]);
  return {
    months: months.filter((m) => inMonthRange(m.period, range)),
    retargets: retargets
      .filter((r) => inMonthRange(r.dateUtc.slice(0, 7), range))
      .map((r) => ({ height: r.height, time: isoUtc(r.dateUtc), difficulty: r.difficulty, change: changeFraction(r.changePct), source: r.source })),
  };
}
